// The test tiers, by path: the one place that says which compiled test file runs in which tier and
// how. `.mocharc.js` reads it (OPENAI_CERTS_TIER=<tier> npx mocha runs one tier, plain `npx mocha`
// every file), `scripts/test.js` runs the tiers in order and times them, `scripts/test-legs.sh` picks
// the tiers that differ by leg, and tests/tiers.test.ts checks that every test file is in exactly one.
//
// - unit: pure functions and in-process code (the fake API and the client over loopback HTTP in this
//   process included). It starts no process: the tier's --require hook refuses child_process, so a
//   file that needs one fails there and is moved to a heavier tier.
// - static: what users' compilers see: the packed declarations (api-entry) and the README's
//   TypeScript, compiled with tsc against the package installed from its tarball.
// - integration: our own processes and the outside tools we drive: `openai-certs` and the fake API
//   spawned, the HTML report in a browser, the SARIF validator, scripts/.
// - reliability: properties, load, hostile servers and the secret sweep; runs once, on the
//   machine's Node.js (the legs do not repeat it).
// - package: the `npm pack` tarball installed into a user project, run through Pulumi's real dynamic
//   provider host and policy host.
// - e2e: the real Pulumi CLI and its language host running programs.
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const DIST_TESTS = "dist/tests";

/**
 * Globs under dist/tests (`*` within a folder, `**` across folders). `unit` is every file that no
 * other tier claims. `parallel`: the files use their own ports and folders, so mocha may run them in
 * two workers (the machine this is tuned on has two cores). `packed`: the tier installs the `npm pack`
 * tarball into a user project, which scripts/test.js then does once for every such tier of a run.
 * `first`: files to start before the others (the longest), the rest in path order. `beside`: when
 * several tiers run, scripts/test.js runs this one beside the others (which run one after another):
 * its files spend most of their time waiting on the Pulumi CLI's processes, which leaves room.
 */
const TIERS = {
    unit: { files: null, parallel: true },
    // Only the machine's leg runs the files whose outcome is the same on every leg: typescript-versions
    // pins its TypeScript and Pulumi versions by lockfiles of its own (tests/typescript/), and the
    // API reports and the layering read this repository's build with its own tools.
    static: {
        files: ["api-entry.test.js", "api-reports.test.js", "layering.test.js", "readme.test.js", "typescript-versions.test.js"],
        parallel: true,
        packed: true,
        sameOnEveryLeg: ["api-reports.test.js", "layering.test.js", "typescript-versions.test.js"],
    },
    integration: {
        files: [
            "cli/openai-certs.test.js",
            "cli/project-ids.test.js",
            "cli/reports.test.js",
            "cli/reports-renewals.test.js",
            "cli/startup.test.js",
            "cli/reports/html.test.js",
            "fake-api/cli.test.js",
            "scripts/pulumi-cli.test.js",
            "examples/demo-pulumi-cli.test.js",
            "provider/plugin/plugin-process.test.js",
        ],
        parallel: true,
    },
    reliability: { files: ["reliability/**/*.test.js"], parallel: true },
    package: { files: ["package.test.js", "provider/dynamic/list-provider.test.js", "provider/plugin/plugin-archive.test.js", "sdk/policies.test.js"], parallel: true, packed: true },
    // The longest files first (in npm test on 2026-12-04: pulumi-cli 340 s, certificate-resources
    // 190, gate-unknowns 165, write-safety 115; the others 15-40), so that the two workers finish
    // together: in path order write-safety ran last, and one worker stood idle for its last minute,
    // a third of the machine. go-program.test.js leads: on a machine whose Go caches are cold it compiles the
    // Pulumi Go SDK first (minutes; seconds once cached).
    // The provider plugin's programs (issue 24): yaml-program, yaml-write-safety and go-program.
    e2e: {
        files: ["e2e/**/*.test.js"],
        parallel: true,
        packed: true,
        beside: true,
        first: ["e2e/go-program.test.js", "e2e/pulumi-cli.test.js", "e2e/certificate-resources.test.js", "e2e/gate-unknowns.test.js", "e2e/write-safety.test.js"],
    },
};

/** The tiers in the order `npm test` runs them: cheapest first, so a broken unit fails fast. */
const ORDER = ["unit", "static", "integration", "reliability", "package", "e2e"];

function globToRegExp(glob) {
    let re = "";
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === "*" && glob[i + 1] === "*") {
            re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
            i += glob[i + 2] === "/" ? 2 : 1;
        } else if (c === "*") re += "[^/]*";
        else re += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
    return new RegExp(`^${re}$`);
}

/** Every compiled test file, relative to dist/tests, sorted. */
function allTestFiles(root = ROOT) {
    const base = path.join(root, DIST_TESTS);
    const out = [];
    const walk = (dir) => {
        if (!fs.existsSync(dir)) return;
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith(".test.js")) out.push(path.relative(base, full).split(path.sep).join("/"));
        }
    };
    walk(base);
    return out.sort();
}

/** The tier of each test file (relative to dist/tests); a file claimed by two tiers is an error. */
function tierOfEachFile(root = ROOT) {
    const claims = new Map();
    for (const [tier, { files }] of Object.entries(TIERS)) {
        if (!files) continue;
        const patterns = files.map(globToRegExp);
        for (const file of allTestFiles(root)) {
            if (!patterns.some((p) => p.test(file))) continue;
            if (claims.has(file)) throw new Error(`${file} is in two test tiers: ${claims.get(file)} and ${tier} (scripts/test-tiers.js)`);
            claims.set(file, tier);
        }
    }
    for (const file of allTestFiles(root)) if (!claims.has(file)) claims.set(file, "unit");
    return claims;
}

/**
 * The files of `tier` (every file when `tier` is empty), as paths from the repository root.
 * On another leg of the matrix (OPENAI_CERTS_LEG set, as scripts/test-legs.sh does), a tier's
 * `sameOnEveryLeg` files are left out, and OPENAI_CERTS_LEG_E2E (a glob under dist/tests/e2e)
 * narrows the e2e tier.
 */
function tierFiles(tier, root = ROOT, env = process.env) {
    if (tier && !TIERS[tier]) throw new Error(`no test tier ${tier}: one of ${ORDER.join(", ")}`);
    const e2eOnly = env.OPENAI_CERTS_LEG_E2E ? globToRegExp(`e2e/${env.OPENAI_CERTS_LEG_E2E}`) : undefined;
    const first = (file) => {
        const at = (TIERS[tier]?.first ?? []).indexOf(file);
        return at < 0 ? Infinity : at;
    };
    const onAnotherLeg = Boolean(env.OPENAI_CERTS_LEG);
    const sameOnEveryLeg = (file, t) => onAnotherLeg && (TIERS[t].sameOnEveryLeg ?? []).includes(file);
    return [...tierOfEachFile(root)]
        .filter(([file, t]) => (!tier || t === tier) && (t !== "e2e" || !e2eOnly || e2eOnly.test(file)) && !sameOnEveryLeg(file, t))
        .map(([file]) => file)
        .sort((a, b) => first(a) - first(b) || (a < b ? -1 : a > b ? 1 : 0))
        .map((file) => `${DIST_TESTS}/${file}`);
}

module.exports = { TIERS, ORDER, tierFiles, tierOfEachFile, allTestFiles, globToRegExp };

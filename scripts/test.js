#!/usr/bin/env node
// Runs test tiers (scripts/test-tiers.js) one after another, each as its own mocha run, and prints
// the time each took at the end. Every tier runs even when one fails; the exit code is 1 if any did.
//
//   node scripts/test.js                 every tier, in order (npm test)
//   node scripts/test.js unit package    those tiers
//
// Run after the build (`npm test` and `npm run test:<tier>` build first).
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const { ORDER, TIERS, tierFiles } = require("./test-tiers");

const ROOT = path.resolve(__dirname, "..");
const asked = process.argv.slice(2);
for (const tier of asked) {
    if (!TIERS[tier]) {
        console.error(`test: no tier ${tier}; the tiers are ${ORDER.join(", ")}`);
        process.exit(2);
    }
}
const tiers = asked.length ? asked : ORDER;

const results = [];
const env = { ...process.env };

// The static, package and e2e tiers test the `npm pack` tarball installed into a user project. Each
// tier is a mocha run of its own, so it is packed and installed here, once, before the first of
// them, and handed on.
let packed = false;
function packAndInstallOnce() {
    if (packed) return;
    packed = true;
    console.log("\n== packing the package and installing it into a user project (once for every tier)");
    const start = process.hrtime.bigint();
    const script = `const p = require("./dist/tests/support/packed-package.js");
        Promise.all([p.packedTarball(), p.installPackedPackage()]).then(([tarball, project]) => console.log(JSON.stringify({ tarball, project, leg: p.currentLeg().name })));`;
    const prepared = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (prepared.status !== 0) {
        console.error("test: could not pack and install the package");
        process.exit(1);
    }
    const { tarball, project, leg } = JSON.parse(prepared.stdout.trim().split("\n").pop());
    Object.assign(env, { OPENAI_CERTS_PACKED_TARBALL: tarball, OPENAI_CERTS_USER_PROJECT: project, OPENAI_CERTS_PREPARED_LEG: leg });
    results.push({ tier: "(pack, install)", seconds: Number(process.hrtime.bigint() - start) / 1e9, ok: true });
}

for (const tier of tiers) {
    if (TIERS[tier].packed) packAndInstallOnce();
    const files = tierFiles(tier);
    console.log(`\n== tier ${tier}: ${files.length} files${TIERS[tier].parallel && !process.env.OPENAI_CERTS_SERIAL ? ", in parallel" : ""}`);
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/mocha/bin/mocha.js")], {
        cwd: ROOT,
        stdio: "inherit",
        env: { ...env, OPENAI_CERTS_TIER: tier },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    results.push({ tier, seconds, ok: run.status === 0, status: run.status ?? run.signal });
}

const total = results.reduce((sum, r) => sum + r.seconds, 0);
const format = (s) => (s >= 60 ? `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, "0")} s` : `${s.toFixed(1)} s`);
console.log("\n== time per tier");
for (const r of results) console.log(`   ${r.tier.padEnd(16)} ${format(r.seconds).padStart(12)}   ${r.ok ? "passed" : `FAILED (${r.status})`}`);
console.log(`   ${"total".padEnd(16)} ${format(total).padStart(12)}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

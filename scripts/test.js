#!/usr/bin/env node
// Runs test tiers (scripts/test-tiers.js), each as its own mocha run, and prints the time each took
// at the end. Every tier runs even when one fails; the exit code is 1 if any did.
//
//   node scripts/test.js                 every tier (npm test)
//   node scripts/test.js unit package    those tiers
//
// Two lanes: the end-to-end tier (the longest, mostly waiting on the Pulumi CLI's processes) runs
// beside the others, which run one after another, cheapest first. Each tier's output is printed
// whole when it ends, so that the two lanes do not interleave. OPENAI_CERTS_SERIAL_TIERS=1 runs the
// tiers one after another instead, with their output as it comes.
//
// Every temporary folder of the run (user projects, Pulumi state, browser profiles) is made under one
// folder, which is removed at the end (OPENAI_CERTS_KEEP_TMP=1 keeps it, for a post-mortem).
//
// Run after the build (`npm test` and `npm run test:<tier>` build first).
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
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
const serial = Boolean(process.env.OPENAI_CERTS_SERIAL_TIERS);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-test-"));
const env = { ...process.env, TMPDIR: scratch };
function removeScratch() {
    if (process.env.OPENAI_CERTS_KEEP_TMP) console.log(`test: kept the run's temporary folders in ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
        removeScratch();
        process.exit(130);
    });
}

const results = [];
// CPU time of the tiers' processes, where /proc tells it (Linux): the CPU of this process's reaped
// children (cutime + cstime of /proc/self/stat), which holds every process a tier started and
// waited for (not one whose parent ended first). A tier's mocha adds its whole tree when it is
// reaped, so reading it when the tier exits, and taking what was added since the previous reading,
// gives that tier's CPU even with two lanes running. The summary then says how much of the machine
// the run kept busy: the end-to-end tier mostly waits on the CLI's processes, and the other lane
// fills the cores it leaves.
const clockTicks = (() => {
    const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout);
    return ticks > 0 ? ticks : 100;
})();
function childrenCpuSeconds() {
    try {
        const stat = fs.readFileSync("/proc/self/stat", "utf8");
        const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" "); // after the command's name, which may hold ") "
        return (Number(fields[13]) + Number(fields[14])) / clockTicks; // fields 16 and 17 of proc(5)
    } catch {
        return undefined;
    }
}
let cpuSeen = childrenCpuSeconds();
function cpuSinceLastTier() {
    const now = childrenCpuSeconds();
    if (now === undefined || cpuSeen === undefined) return undefined;
    const spent = now - cpuSeen;
    cpuSeen = now;
    return spent;
}
const format = (s) => (s >= 60 ? `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, "0")} s` : `${s.toFixed(1)} s`);
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

// The static, package and e2e tiers test the `npm pack` tarball installed into a user project. Each
// tier is a mocha run of its own, so it is packed and installed here, once, before the first of
// them, and handed on.
function packAndInstall() {
    console.log("\n== packing the package and installing it into a user project (once for every tier)");
    const start = process.hrtime.bigint();
    const script = `const p = require("./dist/tests/support/packed-package.js");
        Promise.all([p.packedTarball(), p.installPackedPackage()]).then(([tarball, project]) => console.log(JSON.stringify({ tarball, project, leg: p.currentLeg().name })));`;
    const prepared = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (prepared.status !== 0) {
        console.error("test: could not pack and install the package");
        removeScratch();
        process.exit(1);
    }
    const { tarball, project, leg } = JSON.parse(prepared.stdout.trim().split("\n").pop());
    Object.assign(env, { OPENAI_CERTS_PACKED_TARBALL: tarball, OPENAI_CERTS_USER_PROJECT: project, OPENAI_CERTS_PREPARED_LEG: leg });
    results.push({ tier: "(pack, install)", seconds: seconds(start), cpu: cpuSinceLastTier(), ok: true });
}

/** Runs one tier's mocha; resolves when it ends. `live`: its output as it comes, else whole at the end. */
function runTier(tier, live) {
    const files = tierFiles(tier);
    const heading = `== tier ${tier}: ${files.length} files${TIERS[tier].parallel && !process.env.OPENAI_CERTS_SERIAL ? ", in parallel" : ""}`;
    if (live) console.log(`\n${heading}`);
    else console.log(`\n== tier ${tier} started (its output follows when it ends)`);
    const start = process.hrtime.bigint();
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, "node_modules/mocha/bin/mocha.js"), ...(live ? [] : ["--color"])], {
            cwd: ROOT,
            stdio: live ? "inherit" : ["ignore", "pipe", "pipe"],
            env: { ...env, OPENAI_CERTS_TIER: tier },
        });
        const chunks = [];
        if (!live) {
            child.stdout.on("data", (c) => chunks.push(c));
            child.stderr.on("data", (c) => chunks.push(c));
        }
        // Read at exit, right after the reap: "close" also waits for the output pipes, which a
        // leaked grandchild can hold open while the other lane's tier ends.
        let cpu;
        child.on("exit", () => (cpu = cpuSinceLastTier()));
        child.on("close", (code, signal) => {
            const result = { tier, seconds: seconds(start), cpu, ok: code === 0, status: code ?? signal };
            if (!live) {
                process.stdout.write(`\n${heading} (ended after ${format(result.seconds)})\n`);
                process.stdout.write(Buffer.concat(chunks));
            }
            results.push(result);
            resolve(result);
        });
    });
}

async function main() {
    const wall = process.hrtime.bigint();
    if (tiers.some((t) => TIERS[t].packed)) packAndInstall();
    if (serial || tiers.length === 1) {
        for (const tier of tiers) await runTier(tier, true);
    } else {
        const beside = tiers.filter((t) => TIERS[t].beside);
        const rest = tiers.filter((t) => !TIERS[t].beside);
        await Promise.all([
            (async () => {
                for (const tier of beside) await runTier(tier, false);
            })(),
            (async () => {
                for (const tier of rest) await runTier(tier, false);
            })(),
        ]);
    }
    removeScratch();

    const ordered = [...results].sort((a, b) => (a.tier.startsWith("(") ? -1 : b.tier.startsWith("(") ? 1 : ORDER.indexOf(a.tier) - ORDER.indexOf(b.tier)));
    const cpuColumn = (cpu) => (cpu === undefined ? "" : `${(cpu / 60).toFixed(1).padStart(6)} CPU-min`);
    console.log("\n== time per tier");
    for (const r of ordered) console.log(`   ${r.tier.padEnd(16)} ${format(r.seconds).padStart(12)} ${cpuColumn(r.cpu)}   ${r.ok ? "passed" : `FAILED (${r.status})`}`);
    const total = seconds(wall);
    const lanes = serial || tiers.length === 1 || !tiers.some((t) => TIERS[t].beside) ? "" : " (the e2e tier runs beside the others)";
    const cpu = results.every((r) => r.cpu !== undefined) ? results.reduce((sum, r) => sum + r.cpu, 0) : undefined;
    const busy = cpu === undefined ? "" : `; ${(cpu / total).toFixed(1)} of ${os.availableParallelism?.() ?? os.cpus().length} cores busy`;
    console.log(`   ${"total".padEnd(16)} ${format(total).padStart(12)} ${cpuColumn(cpu)}   wall clock${lanes}${busy}`);
    process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main();

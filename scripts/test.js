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
for (const tier of tiers) {
    const files = tierFiles(tier);
    console.log(`\n== tier ${tier}: ${files.length} files${TIERS[tier].parallel && !process.env.OPENAI_CERTS_SERIAL ? ", in parallel" : ""}`);
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/mocha/bin/mocha.js")], {
        cwd: ROOT,
        stdio: "inherit",
        env: { ...process.env, OPENAI_CERTS_TIER: tier },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    results.push({ tier, seconds, ok: run.status === 0, status: run.status ?? run.signal });
}

const total = results.reduce((sum, r) => sum + r.seconds, 0);
const format = (s) => (s >= 60 ? `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, "0")} s` : `${s.toFixed(1)} s`);
console.log("\n== time per tier");
for (const r of results) console.log(`   ${r.tier.padEnd(12)} ${format(r.seconds).padStart(12)}   ${r.ok ? "passed" : `FAILED (${r.status})`}`);
console.log(`   ${"total".padEnd(12)} ${format(total).padStart(12)}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

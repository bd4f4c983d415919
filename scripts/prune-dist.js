#!/usr/bin/env node
// Removes from dist/ what the build made from a source that is gone (a file moved or deleted):
// `tsc -b` writes outputs but never deletes them, so a stale compiled test would still run and a
// stale module would still be packed. Run by `npm run build`, after tsc.
"use strict";
const fs = require("fs");
const path = require("path");

const OUTPUT = /(\.d\.ts\.map|\.d\.ts|\.js\.map|\.js)$/;

/** Removes the outputs under `root`/dist whose `root`/<path>.ts is gone; returns how many. */
function pruneDist(root) {
    const dist = path.join(root, "dist");
    let removed = 0;
    const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            walk(full);
            if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
            continue;
        }
        const match = OUTPUT.exec(entry.name);
        if (!match) continue;
        const source = path.join(root, path.relative(dist, dir), entry.name.slice(0, -match[1].length) + ".ts");
        if (!fs.existsSync(source)) {
            fs.rmSync(full);
            removed++;
        }
    }
    };
    if (fs.existsSync(dist)) walk(dist);
    return removed;
}

module.exports = { pruneDist };

if (require.main === module) {
    const removed = pruneDist(path.resolve(__dirname, ".."));
    if (removed) console.log(`prune-dist: removed ${removed} file${removed === 1 ? "" : "s"} built from sources that are gone`);
}

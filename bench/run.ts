/**
 * `npm run bench [-- --quick]`: every scenario of bench/README.md against the fake API on loopback,
 * with a fixed latency per request. The fake and each client run in processes of their own, so CPU
 * time and peak memory are the client's alone. Writes bench/results.json and bench/RESULTS.md.
 *
 * The pieces: the scenarios (scenarios.ts), one row's measurement (measure.ts), the processes
 * (processes.ts and the *-process.ts they fork), `pulumi preview` overhead (preview-overhead.ts), and
 * the results files (results-file.ts).
 */
import * as path from "path";
import { parseArgs } from "util";
import { measurePreviewOverhead } from "./preview-overhead";
import { ResultRow } from "./result-row";
import { writeResults } from "./results-file";
import { decodeCost, organizationList, organizationWide, rateLimited } from "./scenarios";

async function main(): Promise<void> {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { quick: { type: "boolean", default: false }, "latency-ms": { type: "string", default: "20" }, out: { type: "string" }, "skip-preview": { type: "boolean", default: false } } });
    const quick = values.quick!;
    const latency = Number(values["latency-ms"]);
    const runs = quick ? 2 : 5;
    const rows: Array<ResultRow & { fingerprint?: string }> = [];
    const started = Date.now();
    const settings = { quick, latency, runs };

    rows.push(...(await organizationList(settings)));
    rows.push(...(await organizationWide(settings)));
    rows.push(...(await decodeCost(settings)));
    rows.push(...(await rateLimited(settings)));
    // 5. The cost of the package in `pulumi preview`, through the real CLI and its language host.
    if (!values["skip-preview"]) rows.push(...(await measurePreviewOverhead(quick ? 2 : 7)));

    const results = rows.map(({ fingerprint: _f, ...row }) => row);
    const outDir = values.out ? path.resolve(values.out) : __dirname.replace(`${path.sep}dist${path.sep}`, path.sep);
    writeResults(outDir, results, { quick, latency, runs, seconds: Math.round((Date.now() - started) / 1000) });
    console.log(`wrote ${path.join(outDir, "results.json")} and RESULTS.md in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});

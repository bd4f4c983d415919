/**
 * `npm run bench [-- --quick]`: every scenario of bench/README.md against the fake API on loopback,
 * with a fixed latency per request. The fake and each client run in processes of their own, so CPU
 * time and peak memory are the client's alone. Writes bench/results.json and bench/RESULTS.md.
 */
import { ChildProcess, fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { FaultRule } from "../fake-api";
import { ClientName, Connection } from "./clients";
import { RunMeasurement } from "./client-process";
import { FakeStats } from "./fake-process";
import { BENCH_NOW_SECONDS, benchOrganization } from "./organization";
import { median, round } from "./stats";
import { measurePreviewOverhead } from "./preview-overhead";

/** One row of results.json. */
export interface ResultRow {
    scenario: string;
    client: string;
    n: number;
    /** Projects, for the organization-wide view. */
    p?: number;
    concurrency?: number;
    /** Requests per run (median; exact when nothing is random). */
    requests: number;
    wallMsMedian: number;
    /** The spread of wall times: fastest and slowest run. */
    wallMsMin: number;
    wallMsMax: number;
    cpuMsMedian: number;
    peakRssMb: number;
    /** Requests that must happen one after another, times the latency: no client can be faster. */
    boundMs: number;
    /** wallMsMedian / boundMs. */
    boundRatio: number;
    /** The most requests the fake saw at once. */
    maxConcurrency: number;
    /** Whether every run read exactly what a clean run reads. */
    complete: boolean;
    note?: string;
}


class Ipc {
    constructor(readonly child: ChildProcess) {}
    static fork(script: string): Ipc {
        return new Ipc(fork(path.join(__dirname, script), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
    }
    ask<T>(message: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            const onExit = (code: number) => reject(new Error(`bench process exited with ${code}`));
            this.child.once("exit", onExit);
            this.child.once("message", (reply) => {
                this.child.off("exit", onExit);
                resolve(reply as T);
            });
            this.child.send(message as never);
        });
    }
}

interface FakeHandle {
    connection: Connection;
    stats(): Promise<FakeStats>;
    reset(): Promise<void>;
    close(): Promise<void>;
}

async function startFake(certificates: number, projects: number, latencyMs: number, faults: FaultRule[] = []): Promise<FakeHandle> {
    const ipc = Ipc.fork("fake-process.js");
    const connection = await ipc.ask<Connection>({ cmd: "start", seed: benchOrganization(certificates, projects), latencyMs, faults, seedRandom: 20260115, nowSeconds: BENCH_NOW_SECONDS });
    return {
        connection,
        stats: () => ipc.ask<FakeStats>({ cmd: "stats" }),
        reset: async () => void (await ipc.ask({ cmd: "reset" })),
        close: async () => void (await ipc.ask({ cmd: "close" })),
    };
}

/** Warm-up, then `runs` measured runs of one client in a fresh process. */
/** What a row says before it is measured. */
type RowBase = Pick<ResultRow, "scenario" | "n" | "p" | "concurrency" | "boundMs" | "note"> & { label?: string };

async function measure(
    fake: FakeHandle,
    base: RowBase,
    client: ClientName,
    params: { concurrency?: number; maxRetries?: number },
    runs: number,
    expected: string | undefined,
): Promise<ResultRow & { fingerprint: string }> {
    const ipc = Ipc.fork("client-process.js");
    const runOnce = async () => {
        const m = await ipc.ask<RunMeasurement & { error?: string }>({ cmd: "run", client, connection: fake.connection, params });
        if (m.error) throw new Error(`${client}: ${m.error}`);
        return m;
    };
    await runOnce();
    const walls: number[] = [];
    const cpus: number[] = [];
    const requests: number[] = [];
    const concurrency: number[] = [];
    const fingerprints = new Set<string>();
    for (let i = 0; i < runs; i++) {
        await fake.reset();
        const m = await runOnce();
        const stats = await fake.stats();
        walls.push(m.wallMs);
        cpus.push(m.cpuMs);
        requests.push(stats.requests);
        concurrency.push(stats.maxConcurrency);
        fingerprints.add(m.fingerprint);
    }
    const { peakRssMb } = await ipc.ask<{ peakRssMb: number }>({ cmd: "finish" });
    const fingerprint = [...fingerprints][0];
    const wallMsMedian = median(walls);
    const { label, ...row } = base;
    const result = {
        ...row,
        client: label ?? client,
        requests: median(requests),
        wallMsMedian: round(wallMsMedian),
        wallMsMin: round(Math.min(...walls)),
        wallMsMax: round(Math.max(...walls)),
        cpuMsMedian: round(median(cpus)),
        peakRssMb: round(peakRssMb),
        boundRatio: round(wallMsMedian / row.boundMs, 2),
        maxConcurrency: Math.max(...concurrency),
        complete: fingerprints.size === 1 && (expected === undefined || fingerprint === expected),
        fingerprint,
    };
    console.log(
        `${row.scenario.padEnd(22)} ${result.client.padEnd(30)} n=${String(row.n).padEnd(6)} ${row.p !== undefined ? `p=${String(row.p).padEnd(5)}` : "       "}` +
            `${row.concurrency !== undefined ? `c=${String(row.concurrency).padEnd(3)}` : "     "} req=${String(result.requests).padEnd(6)} wall=${result.wallMsMedian}ms (${result.wallMsMin}..${result.wallMsMax}) ` +
            `cpu=${result.cpuMsMedian}ms rss=${result.peakRssMb}MB bound=${row.boundMs}ms x${result.boundRatio}${result.complete ? "" : " INCOMPLETE"}`,
    );
    return result;
}

async function main(): Promise<void> {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { quick: { type: "boolean", default: false }, "latency-ms": { type: "string", default: "20" }, out: { type: "string" }, "skip-preview": { type: "boolean", default: false } } });
    const quick = values.quick!;
    const latency = Number(values["latency-ms"]);
    const runs = quick ? 2 : 5;
    const rows: Array<ResultRow & { fingerprint?: string }> = [];
    const started = Date.now();

    // 1. The organization list.
    for (const n of quick ? [50, 1000] : [50, 1000, 10_000]) {
        const fake = await startFake(n, 0, latency);
        const bound = Math.max(1, Math.ceil(n / 100)) * latency;
        const base: RowBase = { scenario: "organization-list", n, boundMs: bound };
        const ours = await measure(fake, base, "ours", {}, runs, undefined);
        rows.push(ours);
        const clients: ClientName[] = quick && n > 50 ? ["openai-sdk-limit-100", "naive-fetch-loop"] : ["openai-sdk-default-page", "openai-sdk-limit-100", "naive-fetch-loop"];
        for (const client of clients) rows.push(await measure(fake, base, client, {}, runs, ours.fingerprint));
        await fake.close();
    }

    // 2. The organization-wide view.
    const certificates = 50;
    for (const p of quick ? [50, 200] : [50, 200, 1000]) {
        const fake = await startFake(certificates, p, latency);
        const projectPages = Math.max(1, Math.ceil(p / 100));
        const chain = (c: number) => (Math.max(Math.ceil(certificates / 100), projectPages) + Math.ceil(p / c)) * latency;
        const levels = quick ? [8, 1] : [8, 1, 4, 16];
        let reference: string | undefined;
        for (const c of levels) {
            const label = c === 8 ? "ours (default concurrency)" : `ours (concurrency ${c})`;
            const row = await measure(fake, { scenario: "organization-wide", n: certificates, p, concurrency: c, boundMs: chain(c), label }, "ours-usage", { concurrency: c }, runs, reference);
            reference ??= row.fingerprint;
            rows.push(row);
        }
        if (!quick || p <= 50) {
            const sequentialBound = (Math.ceil(certificates / 100) + projectPages + p) * latency;
            rows.push(await measure(fake, { scenario: "organization-wide", n: certificates, p, concurrency: 1, boundMs: sequentialBound }, "openai-sdk-sequential-usage", {}, quick ? 1 : 3, reference));
        }
        await fake.close();
    }

    // 3. Decoding and evaluation cost, with no network.
    const total = quick ? 20_000 : 100_000;
    const decodeIpc = Ipc.fork("decode-process.js");
    const decode = await decodeIpc.ask<{ parseMedian: number; decodeMedian: number; fullMedian: number; peakRssMb: number }>({ total, runs: quick ? 3 : 7 });
    const perCert = (ms: number) => round((ms * 1000) / total, 2);
    console.log(`decode: JSON.parse ${perCert(decode.parseMedian)} us/cert, parse+check+map ${perCert(decode.decodeMedian)} us/cert, +evaluate ${perCert(decode.fullMedian)} us/cert`);
    for (const [client, ms] of [["JSON.parse alone", decode.parseMedian], ["ours: parse + io-ts check + map", decode.decodeMedian], ["ours: parse + check + map + evaluate", decode.fullMedian]] as const) {
        rows.push({
            scenario: "decode-cpu",
            client,
            n: total,
            requests: 0,
            wallMsMedian: round(ms),
            wallMsMin: round(ms),
            wallMsMax: round(ms),
            cpuMsMedian: round(ms),
            peakRssMb: round(decode.peakRssMb),
            boundMs: round(decode.parseMedian),
            boundRatio: round(ms / decode.parseMedian, 2),
            maxConcurrency: 0,
            complete: true,
            note: `${perCert(ms)} us per certificate; boundMs is JSON.parse alone`,
        });
    }

    // 4. Rate limited: a tenth of the requests answered 429 with Retry-After.
    {
        const p = quick ? 50 : 200;
        const clean = await startFake(certificates, p, latency);
        const reference = await measure(clean, { scenario: "reference", n: certificates, p, concurrency: 8, boundMs: 1 }, "ours-usage", {}, 1, undefined);
        await clean.close();
        const fake = await startFake(certificates, p, latency, [{ probability: 0.1, action: { kind: "status", status: 429, headers: { "retry-after": "1" } } }]);
        const projectPages = Math.max(1, Math.ceil(p / 100));
        const note = "10% of requests answered 429 with retry-after: 1 s; boundMs leaves the waits out";
        rows.push(await measure(fake, { scenario: "rate-limited", n: certificates, p, concurrency: 8, boundMs: (Math.max(Math.ceil(certificates / 100), projectPages) + Math.ceil(p / 8)) * latency, note, label: "ours (default concurrency)" }, "ours-usage", { maxRetries: 10 }, quick ? 1 : 3, reference.fingerprint));
        await fake.close();
    }

    // 5. The cost of the package in `pulumi preview`, through the real CLI and its language host.
    if (!values["skip-preview"]) rows.push(...(await measurePreviewOverhead(quick ? 2 : 7)));

    const results = rows.map(({ fingerprint: _f, ...row }) => row);
    const outDir = values.out ? path.resolve(values.out) : __dirname.replace(`${path.sep}dist${path.sep}`, path.sep);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    // The reading below the marker is written by hand; a new run keeps it, to be revised.
    const resultsFile = path.join(outDir, "RESULTS.md");
    const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, "utf8") : "";
    const reading = previous.includes(READING_MARKER) ? previous.slice(previous.indexOf(READING_MARKER) + READING_MARKER.length) : "\n";
    fs.writeFileSync(resultsFile, renderMarkdown(results, { quick, latency, runs, seconds: Math.round((Date.now() - started) / 1000) }) + reading);
    console.log(`wrote ${path.join(outDir, "results.json")} and RESULTS.md in ${Math.round((Date.now() - started) / 1000)} s`);
}

function renderMarkdown(rows: ResultRow[], run: { quick: boolean; latency: number; runs: number; seconds: number }): string {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const header = "| scenario | client | n | p | concurrency | requests | wall ms (median) | wall min..max | CPU ms | peak RSS MB | bound ms | x bound | complete |";
    const lines = rows.map(
        (r) =>
            `| ${r.scenario} | ${r.client} | ${r.n} | ${r.p ?? ""} | ${r.concurrency ?? ""} | ${r.requests} | ${r.wallMsMedian} | ${r.wallMsMin}..${r.wallMsMax} | ${r.cpuMsMedian} | ${r.peakRssMb} | ${r.boundMs} | ${r.boundRatio} | ${r.complete ? "yes" : "NO"} |`,
    );
    return [
        "# Benchmark results",
        "",
        `Machine: ${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}.`,
        `Run: ${run.quick ? "quick" : "full"}, ${run.runs} measured runs per row after a warm-up, ${run.latency} ms of latency per request at the fake API, ${run.seconds} s in all.`,
        "Generated by `npm run bench`; the reading below is written by hand from a full run.",
        "",
        header,
        "|" + " --- |".repeat(13),
        ...lines,
        "",
        READING_MARKER,
    ].join("\n");
}

const READING_MARKER = "<!-- reading: written by hand, kept across runs -->";

main().catch((error) => {
    console.error(error);
    process.exit(1);
});

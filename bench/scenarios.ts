import { ClientName } from "./clients";
import { RowBase, measure } from "./measure";
import { Ipc, startFake } from "./processes";
import { ResultRow } from "./result-row";
import { round } from "./stats";

/*
 * The scenarios of bench/README.md, in the order they run. Each returns its rows; a row keeps the
 * data fingerprint of its runs, which later rows of the same scenario are checked against.
 */

type Row = ResultRow & { fingerprint?: string };

/** How a scenario is run: quick or full, the fake's latency per request, measured runs per row. */
export interface ScenarioSettings {
    readonly quick: boolean;
    readonly latency: number;
    readonly runs: number;
}

/** Certificates in the organization for the organization-wide and rate-limited scenarios. */
const certificates = 50;

/** 1. The organization list: ours beside the official SDK and a naive loop, at several sizes. */
export async function organizationList({ quick, latency, runs }: ScenarioSettings): Promise<Row[]> {
    const rows: Row[] = [];
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
    return rows;
}

/** 2. The organization-wide view, at several project counts and concurrency levels, beside the SDK read in sequence. */
export async function organizationWide({ quick, latency, runs }: ScenarioSettings): Promise<Row[]> {
    const rows: Row[] = [];
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
    return rows;
}

/** 3. Decoding and evaluation cost, with no network. */
export async function decodeCost({ quick }: ScenarioSettings): Promise<Row[]> {
    const rows: Row[] = [];
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
    return rows;
}

/** 4. Rate limited: a tenth of the requests answered 429 with Retry-After. */
export async function rateLimited({ quick, latency }: ScenarioSettings): Promise<Row[]> {
    const rows: Row[] = [];
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
    return rows;
}

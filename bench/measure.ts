import { ClientName } from "./clients";
import { RunMeasurement } from "./client-process";
import { FakeHandle, Ipc } from "./processes";
import { ResultRow } from "./result-row";
import { median, round } from "./stats";

/** What a row says before it is measured. */
export type RowBase = Pick<ResultRow, "scenario" | "n" | "p" | "concurrency" | "boundMs" | "note"> & { label?: string };

/**
 * One client, in a fresh process, against `fake`: a warm-up run, then `runs` measured runs, each
 * after the fake's counters are reset. The row is complete when every run read the same data and,
 * given `expected`, the same as the reference client. Prints the row as it is measured.
 */
export async function measure(
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

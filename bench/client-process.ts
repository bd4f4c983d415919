/**
 * One client in a process of its own, driven over IPC by bench/measure.ts (through
 * bench/processes.ts), so that its CPU time and peak memory are its own: `run` (once, timed), then `finish` (reports the peak RSS and exits).
 */
import { performance } from "perf_hooks";
import { ClientName, Connection, runClient } from "./clients";

export type ClientCommand = { cmd: "run"; client: ClientName; connection: Connection; params: { concurrency?: number; maxRetries?: number } } | { cmd: "finish" };

export interface RunMeasurement {
    wallMs: number;
    cpuMs: number;
    fingerprint: string;
    items: number;
}

process.on("message", async (message: ClientCommand) => {
    if (message.cmd === "finish") {
        process.send!({ peakRssMb: process.resourceUsage().maxRSS / 1024 });
        return process.exit(0);
    }
    try {
        const cpu = process.cpuUsage();
        const start = performance.now();
        const ids = await runClient(message.client, message.connection, message.params);
        const wallMs = performance.now() - start;
        const used = process.cpuUsage(cpu);
        process.send!({ wallMs, cpuMs: (used.user + used.system) / 1000, items: ids.length, fingerprint: fingerprint(ids) } satisfies RunMeasurement);
    } catch (error) {
        process.send!({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
});

function fingerprint(ids: string[]): string {
    let h = 2166136261;
    for (const id of ids) for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
    return `${ids.length}:${(h >>> 0).toString(16)}`;
}

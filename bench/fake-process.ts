/**
 * The fake API in a process of its own, so that the client's CPU time and memory are measured
 * alone. Driven over IPC through bench/processes.ts: `start`, `stats`, `reset`, `close`.
 */
import { FaultRule, FakeOpenAI, OrganizationSpec, seededRandom, startFakeOpenAI } from "../fake-api";

export type FakeCommand =
    | { cmd: "start"; seed: OrganizationSpec; latencyMs: number; faults: FaultRule[]; seedRandom: number; nowSeconds: number }
    | { cmd: "stats" }
    | { cmd: "reset" }
    | { cmd: "close" };

export interface FakeStats {
    requests: number;
    maxConcurrency: number;
    byStatus: Record<string, number>;
}

let api: FakeOpenAI | undefined;

process.on("message", async (message: FakeCommand) => {
    const reply = (value: unknown) => process.send!(value);
    switch (message.cmd) {
        case "start":
            api = await startFakeOpenAI({ seed: message.seed, latencyMs: message.latencyMs, faults: message.faults, random: seededRandom(message.seedRandom), nowSeconds: message.nowSeconds });
            return reply({ baseUrl: api.baseUrl, adminKey: api.adminKey });
        case "stats": {
            const byStatus: Record<string, number> = {};
            for (const r of api!.requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
            return reply({ requests: api!.requests.length, maxConcurrency: api!.concurrency.max, byStatus } satisfies FakeStats);
        }
        case "reset":
            api!.resetStats();
            return reply({ ok: true });
        case "close":
            await api?.close();
            reply({ ok: true });
            return process.exit(0);
    }
});

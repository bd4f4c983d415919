import { ChildProcess, fork } from "child_process";
import * as path from "path";
import { FaultRule } from "../fake-api";
import { Connection } from "./clients";
import { FakeStats } from "./fake-process";
import { BENCH_NOW_SECONDS, benchOrganization } from "./organization";

/*
 * The bench's processes: the fake API and each client run in processes of their own, driven over
 * IPC, so that CPU time and peak memory are the client's alone.
 */

/** A forked bench process (fake-process.js, client-process.js, decode-process.js), asked one message at a time. */
export class Ipc {
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

/** The fake API in its process. */
export interface FakeHandle {
    connection: Connection;
    stats(): Promise<FakeStats>;
    reset(): Promise<void>;
    close(): Promise<void>;
}

/** Starts the fake API with the bench organization of `certificates` and `projects`, `latencyMs` per request and `faults`. */
export async function startFake(certificates: number, projects: number, latencyMs: number, faults: FaultRule[] = []): Promise<FakeHandle> {
    const ipc = Ipc.fork("fake-process.js");
    const connection = await ipc.ask<Connection>({ cmd: "start", seed: benchOrganization(certificates, projects), latencyMs, faults, seedRandom: 20260115, nowSeconds: BENCH_NOW_SECONDS });
    return {
        connection,
        stats: () => ipc.ask<FakeStats>({ cmd: "stats" }),
        reset: async () => void (await ipc.ask({ cmd: "reset" })),
        close: async () => void (await ipc.ask({ cmd: "close" })),
    };
}

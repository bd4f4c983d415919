/**
 * Mocha root hooks for every tier (loaded by .mocharc.js; in each worker when a tier runs in parallel).
 *
 * - In the unit tier (OPENAI_CERTS_TIER=unit) every `child_process` function throws: the tier is
 *   pure and in-process by construction, and a file that starts a process is told to move to the
 *   tier that starts processes (scripts/test-tiers.js).
 * - With OPENAI_CERTS_HANDLES=1, what is still open when the run ends (servers, sockets, timers,
 *   child processes) is listed on stderr, to find what keeps a run from exiting by itself. Use it
 *   with OPENAI_CERTS_SERIAL=1: a parallel run's workers are ended by their pool, leaks or not.
 */
// The module object itself (an `import * as` would be a copy under esModuleInterop), whose functions
// the test files' `import { spawn } from "child_process"` look up at each call.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const childProcess: Record<string, unknown> = require("child_process");

const UNIT_TIER_REFUSES = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;

/** Replaces each function of `module` (child_process itself by default) that starts a process with one that throws. */
export function refuseChildProcesses(module: Record<string, unknown> = childProcess): void {
    for (const name of UNIT_TIER_REFUSES) {
        module[name] = () => {
            throw new Error(
                `the unit tier starts no process (child_process.${name} was called): move this test file to the integration, package or e2e tier in scripts/test-tiers.js`,
            );
        };
    }
}

/** One line per open handle, by its kind and what identifies it (an address, a pid, a timer's delay). */
export function describeOpenHandles(): string[] {
    // Node has no public API for this; `why-is-node-running` reads the same list.
    const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
    return handles
        .filter((h) => h !== process.stdin && h !== process.stdout && h !== process.stderr)
        .map((h) => {
            const handle = h as { constructor?: { name?: string }; address?: () => unknown; pid?: number; _idleTimeout?: number; remoteAddress?: string; remotePort?: number; spawnargs?: string[] };
            const kind = handle.constructor?.name ?? typeof h;
            if (handle.pid !== undefined) return `${kind} pid ${handle.pid}: ${(handle.spawnargs ?? []).join(" ")}`;
            if (handle.remoteAddress) return `${kind} to ${handle.remoteAddress}:${handle.remotePort}`;
            if (typeof handle.address === "function") {
                try {
                    return `${kind} on ${JSON.stringify(handle.address())}`;
                } catch {
                    return kind;
                }
            }
            if (handle._idleTimeout !== undefined) return `${kind} of ${handle._idleTimeout} ms`;
            return kind;
        });
}

export const mochaHooks = {
    beforeAll(): void {
        if (process.env.OPENAI_CERTS_TIER === "unit") refuseChildProcesses();
    },
    afterAll(): void {
        // Not in a parallel run's workers: they hold their pool's channel, and the pool ends them.
        if (!process.env.OPENAI_CERTS_HANDLES || process.send) return;
        // After mocha's own teardown has had a turn of the event loop.
        setImmediate(() => {
            const open = describeOpenHandles();
            if (open.length) process.stderr.write(`open handles after the run (pid ${process.pid}):\n${open.map((l) => `  ${l}`).join("\n")}\n`);
        }).unref();
    },
};

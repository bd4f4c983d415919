import { ChildProcess, spawn } from "child_process";
import * as path from "path";

/** The repository root, from the compiled test's location (dist/tests/support). */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Spawns a node script and resolves with the first stdout line that matches `pattern`. */
export function spawnUntil(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`timed out waiting for ${pattern}; stdout: ${out}; stderr: ${err}`));
        }, 15_000);
        child.stdout!.on("data", (chunk) => {
            out += chunk;
            const match = pattern.exec(out);
            if (match) {
                clearTimeout(timer);
                resolve({ child, match });
            }
        });
        child.stderr!.on("data", (chunk) => (err += chunk));
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`exited with ${code} before printing ${pattern}; stdout: ${out}; stderr: ${err}`));
        });
    });
}

/** Runs a node script to completion and returns its exit code (or the signal that ended it) and output. */
export function runNode(
    args: string[],
    options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`node ${args.join(" ")} did not finish in ${options.timeoutMs ?? 60_000} ms; stdout: ${stdout}; stderr: ${stderr}`));
        }, options.timeoutMs ?? 60_000);
        child.stdout!.on("data", (c) => (stdout += c));
        child.stderr!.on("data", (c) => (stderr += c));
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout, stderr });
        });
    });
}

/**
 * Ends a host process that a test drove over gRPC: closes the client, then kills the process and
 * resolves once it has exited (at once when it already had). Its own "exit" listeners (which report
 * an early death) are removed first: this death is asked for.
 */
export function closeHostProcess(client: { close(): void }, child: ChildProcess): Promise<void> {
    client.close();
    child.removeAllListeners("exit");
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill();
    return exited;
}

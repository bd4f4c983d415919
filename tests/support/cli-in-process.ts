import { Writable } from "stream";
import { run } from "../../cli/main";

/**
 * `openai-certs ARGS` in this process, through the same `run(argv, io)` that dist/cli/main.js calls
 * (its `require.main` block only sets the exit code), with stdout, stderr and the environment its
 * own: its exit code and everything it wrote. A spawned run costs a Node.js start-up (about a second
 * of CPU); the process-level behaviours (exit status, pipes, FIFOs, a server) are tested spawned.
 */
export async function runInProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    // Not a terminal, as a pipe is not: no progress bar.
    const stream = Object.assign(new Writable({ write: (chunk, _encoding, done) => void ((stderr += chunk), done()) }), { isTTY: false }) as unknown as NodeJS.WriteStream;
    const code = await run(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), stderr: stream, env });
    return { code, stdout, stderr };
}

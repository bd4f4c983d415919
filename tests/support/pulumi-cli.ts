import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { offlinePulumiEnv } from "../../examples/demo/pulumi-gate";
import { REPO_ROOT } from "./processes";

const exec = promisify(execFile);

/**
 * The folder holding the Pulumi CLI (and the policy-pack shim), or `undefined` when none is
 * installed. Never installs: `.ci/run` and `npm run demo` do that with scripts/pulumi-cli.sh.
 */
export async function findPulumiCli(): Promise<string | undefined> {
    try {
        const { stdout } = await exec("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli.sh"), "--check"], { cwd: REPO_ROOT });
        return stdout.trim() || undefined;
    } catch {
        return undefined;
    }
}

let ensured: Promise<string | undefined> | undefined;

/**
 * The folder holding the Pulumi CLI, installing it first when there is none (once per test run), as
 * `npm run demo` does: with Go this builds it from the Go module proxy into .tools/ (seconds when
 * Go's build cache is warm, a few minutes cold). `undefined` when neither a CLI nor Go is there.
 */
export function ensurePulumiCli(): Promise<string | undefined> {
    ensured ??= (async () => {
        const found = await findPulumiCli();
        if (found) return found;
        console.error("      (no Pulumi CLI yet: installing it with scripts/pulumi-cli.sh, once)");
        try {
            const { stdout } = await exec("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli.sh")], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 });
            return stdout.trim() || undefined;
        } catch (error) {
            console.error(`      (could not install the Pulumi CLI: ${(error as Error).message.split("\n")[0]})`);
            return undefined;
        }
    })();
    return ensured;
}

/** A Pulumi project in a temporary folder, run offline on a local file backend. */
export interface PulumiProject {
    readonly dir: string;
    readonly backendDir: string;
    readonly env: NodeJS.ProcessEnv;
    /** Runs the `pulumi` binary in the project. */
    pulumi(args: string[], options?: { input?: string }): Promise<{ code: number | null; stdout: string; stderr: string }>;
    /** Runs the program through the Automation API (see examples/inline-runner). */
    run(action: "preview" | "up" | "refresh", stack: string, options?: { policyPack?: string; policyPackConfig?: string }): Promise<InlineRun>;
}

export interface InlineRun {
    code: number | null;
    /** Everything the CLI printed. */
    output: string;
    /** The runner's JSON summary (its last line). */
    result: { ok: boolean; action: string; changeSummary?: Record<string, number>; error?: string };
}

/**
 * Turns `dir` (which has node_modules with this package and the Pulumi SDKs) into a Pulumi project
 * running `programFile`, with state, home and passphrase of its own.
 */
export function pulumiProject(options: { dir: string; binDir: string; name: string; programFile: string }): PulumiProject {
    const { dir, binDir } = options;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-e2e-"));
    const backendDir = path.join(scratch, "state");
    fs.mkdirSync(backendDir);
    fs.mkdirSync(path.join(scratch, "home"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${options.name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: program.js\n`);
    fs.copyFileSync(options.programFile, path.join(dir, "program.js"));
    fs.copyFileSync(path.join(REPO_ROOT, "dist/examples/inline-runner/run.js"), path.join(dir, "run.js"));
    // The key comes from the stack config only; an inherited one would hide a bug.
    const env = offlinePulumiEnv({ binDir, projectDir: dir, scratchDir: scratch, passphrase: "e2e-passphrase" });
    const spawnCollect = (cmd: string, args: string[], input?: string) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
            const child = spawn(cmd, args, { cwd: dir, env, stdio: ["pipe", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            const timer = setTimeout(() => {
                child.kill("SIGKILL");
                reject(new Error(`${cmd} ${args.join(" ")} did not finish in 180 s; stdout: ${stdout}; stderr: ${stderr}`));
            }, 180_000);
            child.stdout.on("data", (c) => (stdout += c));
            child.stderr.on("data", (c) => (stderr += c));
            child.on("exit", (code) => {
                clearTimeout(timer);
                resolve({ code, stdout, stderr });
            });
            child.stdin.end(input ?? "");
        });
    return {
        dir,
        backendDir,
        env,
        pulumi: (args, o) => spawnCollect(path.join(binDir, "pulumi"), [...args, "--non-interactive"], o?.input),
        async run(action, stack, o = {}) {
            const args = ["run.js", "--work-dir", dir, "--program", "program.js", "--stack", stack, "--action", action];
            if (o.policyPack) args.push("--policy-pack", o.policyPack);
            if (o.policyPackConfig) args.push("--policy-pack-config", o.policyPackConfig);
            const { code, stdout, stderr } = await spawnCollect(process.execPath, args);
            const lines = stdout.trim().split("\n");
            let result: InlineRun["result"];
            try {
                result = JSON.parse(lines[lines.length - 1]);
            } catch {
                result = { ok: false, action, error: `runner printed no summary; stderr: ${stderr}` };
            }
            return { code, output: stdout + stderr, result };
        },
    };
}

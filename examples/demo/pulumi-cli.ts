import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The repository root, from dist/examples/demo. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** A Pulumi CLI install, as `scripts/pulumi-cli.sh` found or built it. */
export interface PulumiCli {
    /** The folder holding `pulumi`. */
    readonly binDir: string;
    /**
     * Whether the Node.js language host (`pulumi-language-nodejs`) is installed beside the CLI or on
     * PATH: then `pulumi preview` runs programs and policy packs exactly as users' CLIs do. Without
     * it, programs run through the Automation API (examples/inline-runner).
     */
    readonly languageHost: boolean;
}

/** The one line said when programs cannot run through the language host (scripts/pulumi-cli.sh says why). */
export const INLINE_FALLBACK_NOTICE =
    "NOTE: no Node.js language host beside the Pulumi CLI: programs run through the Automation API (examples/inline-runner) instead of `pulumi preview` itself.";

/** The oldest Pulumi CLI this package is tested with. */
export const MIN_PULUMI_VERSION = "v3.248.0";

/** Why the `pulumi` in `binDir` cannot be used, in one line, or `undefined` when it can. */
export async function pulumiCliProblem(binDir: string): Promise<string | undefined> {
    const pulumi = path.join(binDir, "pulumi");
    const printed = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(pulumi, ["version"], { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
        let out = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        child.stdout.on("data", (c) => (out += c));
        child.on("error", () => resolve({ code: -1, out }));
        child.on("exit", (code) => {
            clearTimeout(timer);
            resolve({ code, out });
        });
    });
    const version = /^v(\d+)\.(\d+)\.(\d+)/.exec(printed.out.trim());
    const advice = "upgrade it, or take it off PATH (or set PULUMI_CLI_FORCE_BUILD=1) so that scripts/pulumi-cli.sh builds the tested one";
    if (printed.code !== 0 || !version) return `${pulumi} is not a working Pulumi CLI (\`pulumi version\` did not print a version): ${advice}`;
    const [major, minor, patch] = version.slice(1).map(Number);
    const [minMajor, minMinor, minPatch] = MIN_PULUMI_VERSION.slice(1).split(".").map(Number);
    const older = major !== minMajor ? major < minMajor : minor !== minMinor ? minor < minMinor : patch < minPatch;
    return older ? `${pulumi} is ${version[0]}; this package needs Pulumi ${MIN_PULUMI_VERSION} or newer: ${advice}` : undefined;
}

/**
 * Makes sure a Pulumi CLI is installed (building it once with scripts/pulumi-cli.sh when there is
 * none) and describes it. With `check`, never installs and resolves `undefined` when there is none.
 * The script's own messages go to this process's stderr.
 */
export async function installPulumiCli(options: { check?: boolean; quiet?: boolean } = {}): Promise<PulumiCli | undefined> {
    const args = [path.join(REPO_ROOT, "scripts/pulumi-cli.sh"), ...(options.check ? ["--check"] : [])];
    const child = spawn("bash", args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", options.quiet ? "ignore" : "inherit"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    const code = await new Promise<number | null>((resolve, reject) => {
        child.on("error", reject);
        child.on("exit", resolve);
    });
    const binDir = out.trim().split("\n").pop();
    if (code !== 0 || !binDir) return undefined;
    return { binDir, languageHost: hasLanguageHost(binDir) };
}

/** Whether `pulumi-language-nodejs` is beside the CLI in `binDir`, or anywhere on PATH. */
export function hasLanguageHost(binDir: string, searchPath = process.env.PATH ?? ""): boolean {
    return [binDir, ...searchPath.split(path.delimiter)].some((dir) => dir !== "" && isExecutable(path.join(dir, "pulumi-language-nodejs")));
}

function isExecutable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

/**
 * The environment for running Pulumi offline: a local file backend and home of its own, no update
 * checks or plugin downloads, the CLI's folder and then the Node.js binary to use first on PATH (the
 * language host and the dynamic-provider launcher run the first `node` on PATH), and no inherited
 * OpenAI settings, so that only the stack config counts.
 */
export function offlinePulumiEnv(options: { binDir: string; scratchDir: string; passphrase: string; nodeBinary?: string }): NodeJS.ProcessEnv {
    const nodeDir = path.dirname(options.nodeBinary ?? process.execPath);
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: [options.binDir, nodeDir, path.join(REPO_ROOT, "scripts"), process.env.PATH].join(path.delimiter),
        PULUMI_BACKEND_URL: `file://${path.join(options.scratchDir, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: options.passphrase,
        PULUMI_HOME: path.join(options.scratchDir, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
    };
    // Only the stack config may give the key or the URL: an inherited one would hide a bug.
    for (const name of ["OPENAI_ADMIN_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY", "PULUMI_ACCESS_TOKEN"]) delete env[name];
    return env;
}

import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { INLINE_FALLBACK_NOTICE, PulumiCli, installPulumiCli, offlinePulumiEnv } from "../../examples/demo/pulumi-cli";
import { REPO_ROOT } from "./processes";

export { PulumiCli };

let ensured: Promise<PulumiCli | undefined> | undefined;

/**
 * The Pulumi CLI, installing it first when there is none (once per test run), as `npm run demo`
 * does: scripts/pulumi-cli.sh uses a `pulumi` on PATH, else its cache, else builds it from the Go
 * module proxy (seconds when Go's caches are warm, a few minutes cold). `undefined` when neither a
 * CLI nor Go is there.
 */
export function ensurePulumiCli(): Promise<PulumiCli | undefined> {
    ensured ??= (async () => {
        const found = await installPulumiCli({ check: true, quiet: true });
        if (found) return found;
        console.error("      (no Pulumi CLI yet: installing it with scripts/pulumi-cli.sh, once)");
        return installPulumiCli();
    })();
    return ensured;
}

/**
 * For a tier that needs the CLI: the CLI, or a loud skip on a machine with neither a CLI nor Go, or
 * a failure in CI (`CI` set), which must run every tier. Says once when programs run through the
 * Automation API because there is no language host.
 */
export async function requirePulumiCli(context: Mocha.Context, tier: string): Promise<PulumiCli> {
    const cli = await ensurePulumiCli();
    if (!cli) {
        skipLoudly(context, `NO PULUMI CLI: ${tier} did NOT run: no \`pulumi\` on PATH and no Go to build one. Install either, then run the tests again.`, "CI must run this tier.");
    }
    if (!cli!.languageHost) noticeOnce(INLINE_FALLBACK_NOTICE);
    return cli!;
}

/**
 * For what only the language host can run (TypeScript and ES module programs, refresh and destroy of
 * dynamic resources, policy packs): a loud skip without it, or a failure in CI, which must run it.
 * `what` says what did not run.
 */
export function requireLanguageHost(context: Mocha.Context, cli: PulumiCli, what: string): void {
    if (cli.languageHost) return;
    skipLoudly(context, `NO NODE.JS LANGUAGE HOST beside the Pulumi CLI: ${what} did NOT run (see scripts/pulumi-cli.sh).`, "CI must run it.");
}

/**
 * For a test that cannot run on this machine: `message` between lines of "!" and a skip, or, in CI
 * (`CI` set), which must run everything, a failure with `message` and `inCi`.
 */
export function skipLoudly(context: Mocha.Context, message: string, inCi: string): never {
    if (process.env.CI) throw new Error(`${message} ${inCi}`);
    console.error(`\n${"!".repeat(100)}\n${message}\n${"!".repeat(100)}\n`);
    return context.skip();
}

const said = new Set<string>();
function noticeOnce(line: string): void {
    if (said.has(line)) return;
    said.add(line);
    console.error(`      ${line}`);
}

export interface CommandResult {
    code: number | null;
    stdout: string;
    stderr: string;
    /** stdout and stderr together, as a terminal would show them. */
    output: string;
}

export interface ActionOptions {
    policyPack?: string;
    policyPackConfig?: string;
    /** `--json`: the result as one JSON document on stdout (preview only). */
    json?: boolean;
    /** Extra arguments, as typed after the action. */
    args?: string[];
    /** Extra environment variables for this command. */
    env?: Record<string, string>;
    /**
     * `up --skip-preview`, for an up whose preview phase the test does not look at (a setup, or an
     * up right after a `preview` of the same state): the program, the provider host and the policy
     * host then run once, not twice, which halves the up's time. An up whose preview phase is the
     * point (a gate stopping it, an unknown input, a deferral's advisory) leaves it out.
     */
    skipPreview?: boolean;
}

/** A Pulumi project in a temporary folder, run offline on a local file backend. */
export interface PulumiProject {
    readonly dir: string;
    readonly backendDir: string;
    readonly env: NodeJS.ProcessEnv;
    readonly cli: PulumiCli;
    /** Runs `pulumi ARGS --non-interactive` in the project, as a user types it; `input` is its stdin. */
    pulumi(args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<CommandResult>;
    /**
     * `pulumi preview|up|refresh|destroy --stack STACK` with the options. Through the language host
     * where there is one; else, for the actions that run the program (preview and up), through the
     * Automation API runner (examples/inline-runner), which drives the same CLI and engine.
     */
    action(action: "preview" | "up" | "refresh" | "destroy", stack: string, options?: ActionOptions): Promise<CommandResult>;
}

/** A Node.js program: `main` is its entry file. */
interface NodeProgram {
    main: string;
    typescript: boolean;
    pulumiYaml?: undefined;
}

/** A program in another language (YAML, Go) whose whole `Pulumi.yaml` is given; it runs only through its language host. */
interface OtherProgram {
    main?: undefined;
    typescript?: undefined;
    pulumiYaml: string;
}

/**
 * Turns `dir` (a user project with this package and the Pulumi SDKs installed) into a Pulumi project
 * whose program is `main` (or which `pulumiYaml` describes), with state, home and passphrase of its
 * own. `files` are written into the folder first (the program, a tsconfig.json).
 */
export function pulumiProject(options: { dir: string; cli: PulumiCli; name: string; files: Record<string, string> } & (NodeProgram | OtherProgram)): PulumiProject {
    const { dir, cli } = options;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-e2e-"));
    const backendDir = path.join(scratch, "state");
    fs.mkdirSync(backendDir);
    fs.mkdirSync(path.join(scratch, "home"));
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        options.pulumiYaml ?? `name: ${options.name}\nruntime:\n  name: nodejs\n  options:\n    typescript: ${options.typescript}\nmain: ${options.main}\n`,
    );
    for (const [file, text] of Object.entries(options.files)) fs.writeFileSync(path.join(dir, file), text);
    const env = offlinePulumiEnv({ binDir: cli.binDir, scratchDir: scratch, passphrase: "e2e-passphrase" });
    const spawnCollect = (cmd: string, args: string[], input?: string, extraEnv?: Record<string, string>) =>
        new Promise<CommandResult>((resolve, reject) => {
            const child = spawn(cmd, args, { cwd: dir, env: { ...env, ...extraEnv }, stdio: ["pipe", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            let output = "";
            const timer = setTimeout(() => {
                child.kill("SIGKILL");
                reject(new Error(`${cmd} ${args.join(" ")} did not finish in 180 s; output: ${output}`));
            }, 180_000);
            child.stdout.on("data", (c) => ((stdout += c), (output += c)));
            child.stderr.on("data", (c) => ((stderr += c), (output += c)));
            child.on("error", reject);
            child.on("exit", (code) => {
                clearTimeout(timer);
                resolve({ code, stdout, stderr, output });
            });
            child.stdin.end(input ?? "");
        });
    const pulumi = (args: string[], o?: { input?: string; env?: Record<string, string> }) => spawnCollect(path.join(cli.binDir, "pulumi"), [...args, "--non-interactive"], o?.input, o?.env);
    return {
        dir,
        backendDir,
        env,
        cli,
        pulumi,
        action(action, stack, o = {}) {
            const policy = [...(o.policyPack ? ["--policy-pack", o.policyPack] : []), ...(o.policyPackConfig ? ["--policy-pack-config", o.policyPackConfig] : [])];
            if (!cli.languageHost && options.main !== undefined && (action === "preview" || action === "up")) {
                const runner = path.join(REPO_ROOT, "dist/examples/inline-runner/run.js");
                return spawnCollect(process.execPath, [runner, "--work-dir", dir, "--program", options.main, "--stack", stack, "--action", action, ...policy], undefined, o.env);
            }
            const yes = action === "preview" ? [] : ["--yes", ...(action === "up" && o.skipPreview ? ["--skip-preview"] : [])];
            return pulumi([action, "--stack", stack, ...policy, ...(o.json ? ["--json"] : []), ...yes, ...(o.args ?? [])], { env: o.env });
        },
    };
}

/** Asserts that a command exited 0, showing its output when it did not. */
export function expectOk(result: CommandResult): void {
    assert.equal(result.code, 0, result.output);
}

/** The resources of a stack's state, as `pulumi stack export` prints them. */
export interface ExportedStack {
    deployment: { resources?: Array<{ type: string; urn: string; id?: string; outputs?: { certificates?: Array<{ id: string }> } }> };
}

/** `pulumi stack export` (with `extra` flags such as `--show-secrets`), parsed. */
export async function exportStack(project: PulumiProject, stack: string, extra: string[] = []): Promise<ExportedStack> {
    const exported = await project.pulumi(["stack", "export", "--stack", stack, ...extra]);
    expectOk(exported);
    return JSON.parse(exported.stdout);
}

/** Every file below `dir`, for sweeping a state backend for the key. */
export function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * `pulumi stack init STACK`, then the key given to `pulumi config set --secret KEY_NAME` on standard
 * input (as its prompt takes it, never in argv), then `openai:baseUrl` and the other settings
 * (`pulumi config set-all --plaintext`).
 * `namespace` is whose settings they are: `openai` (the dynamic provider's, the default) or
 * `openai-certificates` (the provider plugin's).
 */
export async function initStack(
    project: PulumiProject,
    stack: string,
    options: { adminKey: string; baseUrl: string; keyName?: string; namespace?: "openai" | "openai-certificates"; config?: Record<string, string> },
): Promise<string> {
    const namespace = options.namespace ?? "openai";
    expectOk(await project.pulumi(["stack", "init", stack]));
    expectOk(await project.pulumi(["config", "set", "--secret", options.keyName ?? `${namespace}:adminApiKey`, "--stack", stack], { input: options.adminKey }));
    // The other settings in one `config set-all` (one CLI start, about 0.3 CPU-s, instead of one per setting).
    const plain = Object.entries({ [`${namespace}:baseUrl`]: options.baseUrl, ...options.config }).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]);
    expectOk(await project.pulumi(["config", "set-all", ...plain, "--stack", stack]));
    return stack;
}

/**
 * `key` in none of the runs' output (which may hold a verbose engine log, `--logtostderr -v=9`), no
 * file of the state backend and not the stack's config file.
 */
export function assertKeyNowhere(project: PulumiProject, stack: string, key: string, runs: CommandResult[]): void {
    for (const run of runs) {
        const at = run.output.indexOf(key);
        // Where it appeared, the key itself masked.
        assert.ok(at < 0, `the admin key appeared in the CLI's output: ${run.output.slice(Math.max(0, at - 300), at + key.length + 100).split(key).join("<THE KEY>")}`);
    }
    for (const file of filesUnder(project.backendDir)) assert.ok(!fs.readFileSync(file, "utf8").includes(key), `the admin key appeared in ${file}`);
    assert.ok(!fs.readFileSync(path.join(project.dir, `Pulumi.${stack}.yaml`), "utf8").includes(key), "the admin key appeared in the stack config file");
}

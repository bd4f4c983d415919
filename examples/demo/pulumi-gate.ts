import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const exec = promisify(execFile);

/** The repository root, from dist/examples/demo. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Makes sure a Pulumi CLI is installed (building it once if needed) and returns its folder. */
export async function ensurePulumiCli(): Promise<string> {
    const child = spawn("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli.sh")], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    if (code !== 0) throw new Error("no Pulumi CLI could be installed (see the message above)");
    return out.trim();
}

/**
 * The environment for running Pulumi offline: a local file backend and home of its own, no update
 * checks or plugin downloads, the CLI's folder and the project's `@pulumi/pulumi` (for the dynamic
 * provider host) first on PATH, and no inherited OpenAI settings, so that only the stack config counts.
 */
export function offlinePulumiEnv(options: { binDir: string; projectDir: string; scratchDir: string; passphrase: string }): NodeJS.ProcessEnv {
    return {
        ...process.env,
        PATH: [options.binDir, path.join(options.projectDir, "node_modules/@pulumi/pulumi"), path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
        PULUMI_BACKEND_URL: `file://${path.join(options.scratchDir, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: options.passphrase,
        PULUMI_HOME: path.join(options.scratchDir, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        OPENAI_ADMIN_KEY: "",
        OPENAI_BASE_URL: "",
    };
}

/** A throwaway stack of the root Pulumi.yaml project: local file backend, its own home and passphrase. */
export class DemoStack {
    readonly env: NodeJS.ProcessEnv;
    private readonly scratch = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-demo-"));
    private readonly configFile: string;

    constructor(
        private readonly binDir: string,
        readonly name: string,
    ) {
        fs.mkdirSync(path.join(this.scratch, "state"));
        fs.mkdirSync(path.join(this.scratch, "home"));
        this.configFile = path.join(REPO_ROOT, `Pulumi.${name}.yaml`);
        this.env = offlinePulumiEnv({ binDir, projectDir: REPO_ROOT, scratchDir: this.scratch, passphrase: "demo-passphrase" });
    }

    /** `pulumi stack init`, then the config, as a user types it. */
    async init(config: { adminKey: string; baseUrl: string; settings: Record<string, string> }): Promise<void> {
        fs.rmSync(this.configFile, { force: true });
        await this.pulumi(["stack", "init", this.name]);
        await this.pulumi(["config", "set", "--secret", "openai:adminKey", config.adminKey]);
        await this.pulumi(["config", "set", "openai:baseUrl", config.baseUrl]);
        for (const [key, value] of Object.entries(config.settings)) await this.pulumi(["config", "set", key, value]);
    }

    /**
     * `pulumi preview --policy-pack policy-pack`, through the Automation API (see
     * examples/inline-runner), with its output shown as the CLI prints it. Returns whether it passed.
     */
    async previewWithPolicyPack(): Promise<boolean> {
        const args = [
            path.join(REPO_ROOT, "dist/examples/inline-runner/run.js"),
            "--work-dir",
            REPO_ROOT,
            "--program",
            "dist/examples/gate/index.js",
            "--stack",
            this.name,
            "--action",
            "preview",
            "--policy-pack",
            path.join(REPO_ROOT, "policy-pack"),
        ];
        const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: this.env, stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
            out += chunk;
            process.stdout.write(chunk.toString().replace(/^\{"ok":.*\}\s*$/m, ""));
        });
        const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
        return code === 0 && /"ok":true/.test(out);
    }

    /** Removes the stack's config file and state. */
    dispose(): void {
        fs.rmSync(this.configFile, { force: true });
        fs.rmSync(this.scratch, { recursive: true, force: true });
    }

    private async pulumi(args: string[]): Promise<void> {
        const stackFlag = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", this.name];
        await exec(path.join(this.binDir, "pulumi"), [...args, ...stackFlag, "--non-interactive"], { cwd: REPO_ROOT, env: this.env });
    }
}

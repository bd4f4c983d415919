import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PulumiCli, REPO_ROOT, offlinePulumiEnv } from "./pulumi-cli";

const exec = promisify(execFile);

/**
 * A throwaway stack of the root Pulumi.yaml project (the program in examples/gate): local file
 * backend, its own home and passphrase. Every step is the `pulumi` command a user types.
 */
export class DemoStack {
    readonly env: NodeJS.ProcessEnv;
    private readonly scratch = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-demo-"));
    private readonly configFile: string;

    constructor(
        private readonly cli: PulumiCli,
        readonly name: string,
    ) {
        fs.mkdirSync(path.join(this.scratch, "state"));
        fs.mkdirSync(path.join(this.scratch, "home"));
        this.configFile = path.join(REPO_ROOT, `Pulumi.${name}.yaml`);
        this.env = offlinePulumiEnv({ binDir: cli.binDir, scratchDir: this.scratch, passphrase: "demo-passphrase" });
        // scripts/pulumi-cli.sh has said why there is no language host, in one line.
    }

    /** `pulumi stack init`, then `pulumi config set` (the key with `--secret`), each shown as typed. */
    async init(config: { adminKey: string; baseUrl: string; settings: Record<string, string> }): Promise<void> {
        fs.rmSync(this.configFile, { force: true });
        await this.pulumi(["stack", "init", this.name]);
        // The key goes in on stdin, as `pulumi config set --secret` prompts for it: never in argv.
        await this.pulumi(["config", "set", "--secret", "openai:adminApiKey"], config.adminKey);
        await this.pulumi(["config", "set", "openai:baseUrl", config.baseUrl]);
        for (const [key, value] of Object.entries(config.settings)) await this.pulumi(["config", "set", key, value]);
    }

    /**
     * `pulumi preview --policy-pack policy-pack`, its output streamed as the CLI prints it. Returns
     * whether it passed. Without a language host, the same preview through the Automation API.
     */
    async previewWithPolicyPack(): Promise<boolean> {
        if (!this.cli.languageHost) return this.previewInline();
        const args = ["preview", "--policy-pack", "policy-pack", "--stack", this.name, "--non-interactive"];
        console.log(`$ pulumi ${args.slice(0, 3).join(" ")}`);
        const child = spawn(path.join(this.cli.binDir, "pulumi"), args, { cwd: REPO_ROOT, env: this.env, stdio: ["ignore", "inherit", "inherit"] });
        const code = await new Promise<number | null>((resolve, reject) => {
            child.on("error", reject);
            child.on("exit", resolve);
        });
        return code === 0;
    }

    private async previewInline(): Promise<boolean> {
        const runner = path.join(REPO_ROOT, "dist/examples/inline-runner/run.js");
        const args = [runner, "--work-dir", REPO_ROOT, "--program", "dist/examples/gate/index.js", "--stack", this.name, "--action", "preview", "--policy-pack", path.join(REPO_ROOT, "policy-pack")];
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

    private async pulumi(args: string[], input?: string): Promise<void> {
        const stackFlag = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", this.name];
        console.log(`$ pulumi ${args.join(" ")}`);
        const run = exec(path.join(this.cli.binDir, "pulumi"), [...args, ...stackFlag, "--non-interactive"], { cwd: REPO_ROOT, env: this.env });
        // A CLI that exits before reading its input must fail this step, not crash the demo with EPIPE.
        run.child.stdin?.on("error", () => undefined);
        run.child.stdin?.end(input ?? "");
        await run;
    }
}

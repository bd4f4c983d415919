#!/usr/bin/env node
/**
 * Runs a Pulumi project's Node.js program through the Automation API, for machines where the
 * Pulumi CLI is installed without its Node.js language host (`pulumi-language-nodejs`): the
 * Automation API serves the language host from this Node process, and the real CLI and engine do
 * everything else (the provider host, policy packs, the state).
 *
 *     node run.js --work-dir DIR --program FILE --stack NAME --action preview|up|refresh
 *                 [--policy-pack DIR]... [--policy-pack-config FILE]...
 *
 * `@pulumi/pulumi` is loaded from the work dir, the same copy the program uses. The CLI's output is
 * streamed to stdout; the last line is a JSON summary: `{"ok":true,...}` or `{"ok":false,"error":...}`.
 * Exit code 0 when the operation succeeded, 1 when it failed, 2 for bad arguments.
 */
import * as path from "path";
import { parseArgs } from "util";

export interface RunResult {
    ok: boolean;
    action: string;
    changeSummary?: Record<string, number>;
    error?: string;
}

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            "work-dir": { type: "string" },
            program: { type: "string" },
            stack: { type: "string", default: "dev" },
            action: { type: "string" },
            "policy-pack": { type: "string", multiple: true, default: [] },
            "policy-pack-config": { type: "string", multiple: true, default: [] },
        },
        strict: true,
    });
    const workDir = path.resolve(values["work-dir"] ?? ".");
    const action = values.action ?? "";
    if (!values.program || !["preview", "up", "refresh"].includes(action)) {
        process.stderr.write("usage: run.js --work-dir DIR --program FILE --stack NAME --action preview|up|refresh [--policy-pack DIR] [--policy-pack-config FILE]\n");
        return 2;
    }
    const programFile = path.resolve(workDir, values.program);
    // The program and the Automation API must share one @pulumi/pulumi: resolve it from the work dir.
    const automation: typeof import("@pulumi/pulumi/automation") = require(require.resolve("@pulumi/pulumi/automation", { paths: [workDir] }));
    const projectName = readProjectName(workDir);
    const program = async () => {
        const exported = require(programFile);
        return typeof exported === "function" ? exported() : exported;
    };
    const stack = await automation.LocalWorkspace.createOrSelectStack({ projectName, stackName: values.stack, program }, { workDir });
    const onOutput = (out: string) => void process.stdout.write(out);
    const policy = { policyPacks: values["policy-pack"]!.map((p) => path.resolve(p)), policyPackConfigs: values["policy-pack-config"]!.map((p) => path.resolve(p)) };
    let result: RunResult;
    try {
        if (action === "preview") {
            const r = await stack.preview({ ...policy, onOutput });
            result = { ok: true, action, changeSummary: r.changeSummary as Record<string, number> };
        } else if (action === "up") {
            const r = await stack.up({ ...policy, onOutput });
            result = { ok: true, action, changeSummary: (r.summary.resourceChanges ?? {}) as Record<string, number> };
        } else {
            const r = await stack.refresh({ onOutput });
            result = { ok: true, action, changeSummary: (r.summary.resourceChanges ?? {}) as Record<string, number> };
        }
    } catch (error) {
        // A CommandError's message repeats the CLI's output (already streamed above) and its stderr:
        // keep all of it in the summary, show only its first line here.
        result = { ok: false, action, error: error instanceof Error ? error.message : String(error) };
        // The Automation API's CommandError begins "code: N"; say what failed instead of that line.
        const exit = /^code: (-?\d+)/.exec(result.error!);
        process.stdout.write(`\n${exit ? `pulumi ${action} failed (exit code ${exit[1]}); its output is above` : result.error!.split("\n")[0]}\n`);
    }
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
}

function readProjectName(workDir: string): string {
    const fs = require("fs") as typeof import("fs");
    const text = fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8");
    const match = /^name:\s*(\S+)\s*$/m.exec(text);
    if (!match) throw new Error(`${workDir}/Pulumi.yaml has no name`);
    return match[1];
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error) => {
            process.stderr.write(`run: ${error instanceof Error ? error.stack : String(error)}\n`);
            process.exit(1);
        },
    );
}

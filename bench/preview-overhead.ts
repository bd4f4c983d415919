/**
 * The cost of our package in `pulumi preview`, through the real CLI and its Node.js language host,
 * each next to its minimal counterpart on the same mechanism, measured side by side in one run:
 *
 * | ours                                           | its counterpart                                 |
 * | ---------------------------------------------- | ----------------------------------------------- |
 * | a `Certificates` resource                      | a minimal hand-written dynamic resource         |
 * | the empty program with the ready policy pack   | the empty program with a minimal policy pack    |
 * | TypeScript: `getCertificates` + the assertion  | the same gate by hand: @pulumi/pulumi and fetch |
 *
 * plus the empty JavaScript and TypeScript programs alone, for scale. Runs are interleaved (one of each, then the next round),
 * so drift on the machine lands on both sides of a pair alike.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { startFakeOpenAI } from "../fake-api";
import { installPulumiCli } from "../examples/demo/pulumi-cli";
import { copyUserProject } from "../tests/support/packed-package";
import { PulumiProject, pulumiProject } from "../tests/support/pulumi-cli";
import type { ResultRow } from "./result-row";
import { median, round } from "./stats";

interface Program {
    /** The row's label. */
    readonly label: string;
    /** The label of the minimal counterpart this row is compared with, if any. */
    readonly against?: string;
    readonly typescript: boolean;
    readonly main: string;
    readonly files: Record<string, string>;
    readonly policyPack?: string;
}

const EMPTY = `"use strict";\n// An empty Pulumi program.\n`;
const MINIMAL_DYNAMIC = `"use strict";
const pulumi = require("@pulumi/pulumi");
// The smallest useful dynamic resource: check passes its inputs through, create returns an id.
const provider = {
    async check(_olds, news) { return { inputs: news }; },
    async create(inputs) { return { id: "minimal", outs: inputs }; },
};
new pulumi.dynamic.Resource(provider, "minimal", { value: 1 }, {}, "bench", "Minimal");
`;
const CERTIFICATES = `"use strict";
const { Certificates } = require("pulumi-openai-certificates");
new Certificates("organization-certificates", {});
`;
const MINIMAL_PACK = {
    "index.js": `"use strict";
const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("minimal", {
    policies: [{ name: "minimal", description: "Looks at every resource.", enforcementLevel: "mandatory", validateResource: (args, report) => { if (args.props.never === true) report("never"); } }],
});
`,
    "package.json": JSON.stringify({ name: "minimal-pack", version: "1.0.0", private: true, main: "index.js" }),
    "PulumiPolicy.yaml": "description: A minimal pack.\nruntime: nodejs\n",
};
const EMPTY_TS = `// An empty Pulumi program.\nexport {};\n`;
const GATE_TS = `import { assertCertificateExpiry, getCertificates } from "pulumi-openai-certificates";

export = async () => {
    const report = assertCertificateExpiry(await getCertificates(), { warnWithin: "30d", failWithin: "14d" });
    return { summary: report.summary };
};
`;
/**
 * The same gate written by hand on the same mechanism, as the other rows' counterparts are: Pulumi's
 * TypeScript SDK (its declarations are type-checked as ours are), the stack config's key and URL,
 * every page of the list with fetch, and a throw when an active certificate is inside 14 days.
 */
const MINIMAL_GATE_TS = `import * as pulumi from "@pulumi/pulumi";

export = async () => {
    const openai = new pulumi.Config("openai");
    const key = await new Promise<string>((resolve) => openai.requireSecret("adminKey").apply(resolve));
    const soonest: number[] = [];
    for (let after: string | undefined, more = true; more; ) {
        const page: any = await (await fetch(\`\${openai.require("baseUrl")}/organization/certificates?limit=100\${after ? \`&after=\${after}\` : ""}\`, { headers: { Authorization: \`Bearer \${key}\` } })).json();
        for (const c of page.data) if (c.active && c.certificate_details.expires_at) soonest.push(c.certificate_details.expires_at);
        more = page.has_more;
        after = page.last_id;
    }
    if (soonest.some((t) => t - Date.now() / 1000 < 14 * 86400)) throw new Error("a certificate expires within 14 days");
    return { summary: \`\${soonest.length} active certificates\` };
};
`;
const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node" }, files: ["index.ts"] });

const PROGRAMS: Program[] = [
    { label: "empty program", typescript: false, main: "index.js", files: { "index.js": EMPTY } },
    { label: "minimal dynamic resource", typescript: false, main: "index.js", files: { "index.js": MINIMAL_DYNAMIC } },
    { label: "ours: Certificates", against: "minimal dynamic resource", typescript: false, main: "index.js", files: { "index.js": CERTIFICATES } },
    { label: "empty + minimal policy pack", typescript: false, main: "index.js", files: { "index.js": EMPTY }, policyPack: "minimal-pack" },
    { label: "ours: empty + ready pack", against: "empty + minimal policy pack", typescript: false, main: "index.js", files: { "index.js": EMPTY }, policyPack: "node_modules/pulumi-openai-certificates/policy-pack" },
    { label: "empty TypeScript program", typescript: true, main: "index.ts", files: { "index.ts": EMPTY_TS, "tsconfig.json": TSCONFIG } },
    { label: "minimal TS gate (hand-written)", typescript: true, main: "index.ts", files: { "index.ts": MINIMAL_GATE_TS, "tsconfig.json": TSCONFIG } },
    { label: "ours: TS getCertificates + assertion", against: "minimal TS gate (hand-written)", typescript: true, main: "index.ts", files: { "index.ts": GATE_TS, "tsconfig.json": TSCONFIG } },
];

/** Measures every program `runs` times (after a warm-up each) and returns one row per program. */
export async function measurePreviewOverhead(runs: number): Promise<ResultRow[]> {
    const cli = await installPulumiCli();
    if (!cli?.languageHost) throw new Error("the preview-overhead bench needs the Pulumi CLI with its Node.js language host (scripts/pulumi-cli.sh)");
    const api = await startFakeOpenAI({ seed: { certificates: Array.from({ length: 50 }, (_, i) => ({ name: `cert-${i}`, expiresIn: `${60 + i}d` })) } });
    try {
        const projects: Array<{ program: Program; project: PulumiProject; walls: number[]; requests: number[] }> = [];
        for (const program of PROGRAMS) {
            const dir = await copyUserProject();
            const files: Record<string, string> = { ...program.files };
            if (program.policyPack === "minimal-pack") {
                fs.mkdirSync(path.join(dir, "minimal-pack"));
                for (const [file, text] of Object.entries(MINIMAL_PACK)) files[path.join("minimal-pack", file)] = text;
            }
            const project = pulumiProject({ dir, cli, name: "bench-preview", main: program.main, typescript: program.typescript, files });
            await check(project.pulumi(["stack", "init", "bench"]));
            await check(project.pulumi(["config", "set", "--secret", "openai:adminKey", "--stack", "bench"], { input: api.adminKey }));
            await check(project.pulumi(["config", "set", "openai:baseUrl", api.baseUrl, "--stack", "bench"]));
            await check(project.action("preview", "bench", { policyPack: program.policyPack })); // warm-up
            projects.push({ program, project, walls: [], requests: [] });
        }
        for (let round = 0; round < runs; round++) {
            for (const p of projects) {
                const before = api.requests.length;
                const started = performance.now();
                await check(p.project.action("preview", "bench", { policyPack: p.program.policyPack }));
                p.walls.push(performance.now() - started);
                p.requests.push(api.requests.length - before);
            }
        }
        const medians = new Map(projects.map((p) => [p.program.label, median(p.walls)]));
        return projects.map(({ program, walls, requests }) => {
            const wall = median(walls);
            const bound = program.against ? medians.get(program.against)! : wall;
            const row: ResultRow = {
                scenario: "preview-overhead",
                client: program.label,
                n: 50,
                requests: median(requests),
                wallMsMedian: round(wall),
                wallMsMin: round(Math.min(...walls)),
                wallMsMax: round(Math.max(...walls)),
                cpuMsMedian: 0,
                peakRssMb: 0,
                boundMs: round(bound),
                boundRatio: round(wall / bound, 2),
                maxConcurrency: 0,
                complete: true,
                note: program.against ? `compared with "${program.against}"` : "a baseline",
            };
            console.log(`preview-overhead       ${program.label.padEnd(40)} wall=${row.wallMsMedian}ms (${row.wallMsMin}..${row.wallMsMax}) x${row.boundRatio} ${row.note}`);
            return row;
        });
    } finally {
        await api.close();
    }
}

async function check(run: Promise<{ code: number | null; output: string }>): Promise<void> {
    const r = await run;
    if (r.code !== 0) throw new Error(`a bench preview failed:\n${r.output}`);
}


// `node dist/bench/preview-overhead.js [runs]`: this section alone, printed, nothing written.
if (require.main === module) {
    measurePreviewOverhead(Number(process.argv[2] ?? 5)).catch((error) => {
        console.error(error);
        process.exit(1);
    });
}

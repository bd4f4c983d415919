import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, runNode } from "./support/processes";

/*
 * The layers of .dependency-cruiser.js (docs/ARCHITECTURE.md): no Pulumi in the Pulumi-free layers,
 * no arrow back up, no public entry imported from inside, no circle but the stored providers' own.
 * dependency-cruiser runs as users of the repository run it (`npx depcruise ...`), on this tree,
 * then on a small tree made to break each rule, so a rule that stopped matching would be seen.
 */

const CRUISER = path.join(REPO_ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
const CONFIG = path.join(REPO_ROOT, ".dependency-cruiser.js");
const LAYERS = ["provider", "sdk", "cli", "fake-api"];

interface Violation {
    rule: { name: string };
    from: string;
    to: string;
}

async function cruise(cwd: string): Promise<Violation[]> {
    const run = await runNode([CRUISER, "--config", CONFIG, "--output-type", "json", ...LAYERS], { cwd, timeoutMs: 100_000 });
    assert.ok(run.stdout.startsWith("{"), `dependency-cruiser printed no report (exit ${run.code}): ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
    assert.ok(report.summary.totalCruised > 0, "dependency-cruiser read no file");
    return report.summary.violations;
}

const describeViolation = (v: Violation) => `${v.rule.name}: ${v.from} -> ${v.to}`;

describe("the layering (.dependency-cruiser.js)", function () {
    this.timeout(120_000);

    it("holds in this tree: every arrow points down, and the only circle is the stored providers'", async () => {
        const violations = await cruise(REPO_ROOT);
        assert.deepEqual(violations.map(describeViolation), []);
    });

    it("fails a tree that breaks each rule, and lets the stored providers' circle through", async () => {
        const tree = fs.mkdtempSync(path.join(os.tmpdir(), "layering-"));
        try {
            const files: Record<string, string> = {
                "tsconfig.json": JSON.stringify({
                    compilerOptions: { module: "commonjs", baseUrl: ".", paths: { "pulumi-openai-certificates/provider": ["provider/index.ts"] } },
                }),
                // A Pulumi type in a declaration of the API layer.
                "provider/api/leak.ts": 'import type { Output } from "@pulumi/pulumi";\nexport type Leak = Output<string>;\n',
                // The API layer reaching up to the dynamic provider.
                "provider/api/up.ts": 'import { shim } from "../dynamic/operations";\nexport const up = shim;\n',
                "provider/api/index.ts": 'export { up } from "./up";\n',
                // The dynamic provider reaching up to the Pulumi surface.
                "provider/dynamic/operations.ts": 'import { surface } from "../../sdk/surface";\nexport const shim = surface;\n',
                // The documented circle: allowed.
                "provider/dynamic/serialized-providers.ts": 'export const load = () => require("pulumi-openai-certificates/provider");\n',
                "provider/index.ts": 'export { load } from "./dynamic/serialized-providers";\n',
                // Another circle: refused.
                "provider/expiry/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
                "provider/expiry/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
                "sdk/surface.ts": "export const surface = 1;\n",
                // The plugin, a door over the operations, reaching up to the Pulumi surface.
                "provider/plugin/door.ts": 'import { surface } from "../../sdk/surface";\nexport const door = surface;\n',
                // The command on the Pulumi surface; the fake through a public entry, and on the surface.
                "cli/main.ts": 'import { surface } from "../sdk/surface";\nexport const main = surface;\n',
                "fake-api/server.ts": 'import { up } from "../provider/api";\nexport const server = up;\n',
                "fake-api/seed.ts": 'import { surface } from "../sdk/surface";\nexport const seed = surface;\n',
            };
            for (const [file, text] of Object.entries(files)) {
                fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
                fs.writeFileSync(path.join(tree, file), text);
            }
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(tree, "node_modules"), "dir");

            const found = (await cruise(tree)).map(describeViolation);
            for (const expected of [
                /^no-pulumi-in-pulumi-free-layers: provider\/api\/leak\.ts -> \S*node_modules\/@pulumi\/pulumi\//,
                /^api-imports-only-itself: provider\/api\/up\.ts -> provider\/dynamic\/operations\.ts$/,
                /^dynamic-imports-only-below: provider\/dynamic\/operations\.ts -> sdk\/surface\.ts$/,
                /^plugin-imports-only-below: provider\/plugin\/door\.ts -> sdk\/surface\.ts$/,
                /^cli-imports-no-pulumi-layer: cli\/main\.ts -> sdk\/surface\.ts$/,
                /^fake-imports-only-the-api-layer: fake-api\/seed\.ts -> sdk\/surface\.ts$/,
                /^no-entry-imported-inside: fake-api\/server\.ts -> provider\/api\/index\.ts$/,
                /^no-circle-but-the-stored-providers: provider\/expiry\/a\.ts -> provider\/expiry\/b\.ts$/,
            ]) {
                assert.ok(found.some((v) => expected.test(v)), `expected ${expected} among:\n${found.join("\n")}`);
            }
            assert.ok(!found.some((v) => v.includes("serialized-providers")), `the stored providers' circle is allowed:\n${found.join("\n")}`);
        } finally {
            fs.rmSync(tree, { recursive: true, force: true });
        }
    });
});

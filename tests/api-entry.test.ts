import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { installPackedPackage, packedTarball } from "./support/packed-package";

const run = promisify(execFile);

/**
 * `pulumi-openai-certificates/api` is the API layer on its own: a TypeScript consumer with no Pulumi
 * installed compiles against it with skipLibCheck off, and no io-ts, fp-ts or @pulumi declaration
 * reaches its compilation. The package root keeps io-ts and fp-ts out of its users' compilation too.
 */
describe("the declarations users compile against", function () {
    this.timeout(240_000);
    let project: string;

    before(async () => {
        project = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-api-"));
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "api-only", version: "1.0.0", private: true }));
        // --legacy-peer-deps: npm would otherwise install the @pulumi/pulumi peer; this consumer has none.
        await run("npm", ["install", "--legacy-peer-deps", "--prefer-offline", "--no-audit", "--no-fund", await packedTarball(), "typescript@5.9.3", "@types/node@20"], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
        assert.ok(!fs.existsSync(path.join(project, "node_modules/@pulumi")), "no Pulumi package is installed");
    });

    /** Compiles `source` as index.ts with skipLibCheck off and returns the files tsc read. */
    async function compile(source: string, moduleResolution: "node" | "node16"): Promise<string[]> {
        fs.writeFileSync(path.join(project, "index.ts"), source);
        const module = moduleResolution === "node" ? "commonjs" : "node16";
        const args = [path.join(project, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--skipLibCheck", "false", "--listFiles", "--types", "node", "--module", module, "--moduleResolution", moduleResolution, "index.ts"];
        try {
            // tsc itself, not through npx: npx starts npm first, a CPU-second for nothing.
            const { stdout } = await run(process.execPath, args, { cwd: project, maxBuffer: 16 * 1024 * 1024 });
            return stdout.split("\n").filter(Boolean);
        } catch (error) {
            const e = error as { stdout?: string; stderr?: string };
            assert.fail(`tsc failed (${moduleResolution}):\n${e.stdout}\n${e.stderr}`);
        }
    }

    const API_CONSUMER = `import { Certificate, ListPage, NotFoundError, certificatePages, listOrganizationCertificates } from "pulumi-openai-certificates/api";

async function main(): Promise<Certificate[]> {
    for await (const page of certificatePages({ adminKey: "sk-admin-x" })) {
        const p: ListPage<Certificate> = page;
        void p;
    }
    try {
        return await listOrganizationCertificates({ adminKey: "sk-admin-x", baseUrl: "http://127.0.0.1:1/v1" });
    } catch (error) {
        if (error instanceof NotFoundError) return [];
        throw error;
    }
}
void main;
`;

    for (const resolution of ["node", "node16"] as const) {
        it(`compiles a consumer of /api with no Pulumi installed (moduleResolution ${resolution}), reading no io-ts, fp-ts or @pulumi declaration`, async () => {
            const files = await compile(API_CONSUMER, resolution);
            assert.ok(files.some((f) => f.includes("pulumi-openai-certificates/dist/provider/api/index.d.ts")), "the /api declarations were read");
            const foreign = files.filter((f) => /node_modules\/(io-ts|fp-ts|@pulumi)\//.test(f));
            assert.deepEqual(foreign, []);
        });
    }

    it("a typo in the consumer is still caught (the compilation really type-checks)", async () => {
        const broken = await compile(API_CONSUMER.replace("listOrganizationCertificates({", "listOrganizationCertificates({ pageSiz: 5,"), "node").then(
            () => undefined,
            (error: Error) => error,
        );
        assert.ok(broken, "an unknown option compiled");
        assert.match(broken.message, /pageSiz/);
    });

    it("the package root, in a Pulumi project, brings no io-ts or fp-ts declaration into the compilation", async () => {
        const pulumiProject = await installPackedPackage();
        fs.writeFileSync(
            path.join(pulumiProject, "root-consumer.ts"),
            `import { assertCertificateExpiry, getCertificates } from "pulumi-openai-certificates";\nexport = async () => assertCertificateExpiry(await getCertificates()).summary;\n`,
        );
        const { stdout } = await run(process.execPath, [path.join(pulumiProject, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--listFiles", "--types", "node", "--module", "commonjs", "--moduleResolution", "node", "root-consumer.ts"], { cwd: pulumiProject, maxBuffer: 64 * 1024 * 1024 });
        const files = stdout.split("\n").filter(Boolean);
        assert.ok(files.some((f) => f.includes("pulumi-openai-certificates/dist/sdk/index.d.ts")));
        assert.deepEqual(files.filter((f) => /node_modules\/(io-ts|fp-ts)\//.test(f)), []);
    });
});

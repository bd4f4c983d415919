import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { cachedNpmCi, copyProject, packedTarball } from "./support/packed-package";
import { REPO_ROOT } from "./support/processes";

const run = promisify(execFile);

/** What a Pulumi TypeScript program of the README writes, against the package root. */
const PULUMI_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Certificate, CertificateActivation, Certificates, assertCertificateExpiry, getCertificates, getCertificatesOutput } from "pulumi-openai-certificates";

export = async () => {
    const org = await getCertificates();
    assertCertificateExpiry(org, { failWithin: "14d" });
    const cert = new Certificate("gateway", { certificate: "PEM", name: "gateway" });
    new CertificateActivation("gateway", { certificateId: cert.id, minRemainingValidity: "14d" });
    const list = new Certificates("organization", {});
    const proj = getCertificatesOutput({ projectId: pulumi.output("proj_payments") });
    return { ids: list.certificates.apply((cs) => cs.map((c) => c.id)), project: proj.id };
};
`;

/** A consumer of the API layer alone. */
const API_CONSUMER = `import { Certificate, listOrganizationCertificates } from "pulumi-openai-certificates/api";
export async function main(): Promise<Certificate[]> {
    return listOrganizationCertificates();
}
`;

/**
 * Issue 23, item 4: our declarations in the TypeScript versions users meet, each project pinned by
 * its lockfile under tests/typescript/: a Pulumi program on TypeScript 5.9 (what the Quick start pins)
 * and 6, and npm's newest, TypeScript 7 (the native compiler, which Pulumi's programs cannot use:
 * @pulumi/pulumi takes `typescript <7`), compiling a consumer of /api.
 */
describe("the declarations in TypeScript 5, 6 and 7 (issue 23, item 4)", function () {
    this.timeout(300_000);

    const NPM_OPTIONS = ["--prefer-offline", "--no-audit", "--no-fund", "--legacy-peer-deps"];
    const cases: Array<[string, string, string]> = [
        ["ts5", "a Pulumi program on TypeScript 5.9", PULUMI_PROGRAM],
        ["ts6", "a Pulumi program on TypeScript 6", PULUMI_PROGRAM],
        ["ts7", "a consumer of /api on TypeScript 7 (tsc native)", API_CONSUMER],
    ];
    for (const [folder, what, source] of cases) {
        it(`compiles ${what}, strict, with the package installed from its tarball`, async () => {
            const project = fs.mkdtempSync(path.join(os.tmpdir(), `openai-certs-${folder}-`));
            try {
                const npm = (args: string[], cwd: string) => run("npm", [...args, ...NPM_OPTIONS], { cwd, maxBuffer: 16 * 1024 * 1024 });
                // What `npm ci` installs from the folder's lockfile, copied; then the tarball, as a user installs it.
                await copyProject(await cachedNpmCi(`typescript-${folder}`, path.join(REPO_ROOT, "tests/typescript", folder), NPM_OPTIONS), project);
                await npm(["install", "--no-save", await packedTarball()], project);
                fs.writeFileSync(path.join(project, "index.ts"), source);
                const version = (await run(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), "--version"], { cwd: project })).stdout.trim();
                // TypeScript 6 deprecates, and 7 removes, moduleResolution node (node10): what newer projects use instead.
                const resolution = folder === "ts5" ? ["--module", "commonjs", "--moduleResolution", "node"] : ["--module", "nodenext", "--moduleResolution", "nodenext"];
                const args = ["--noEmit", "--strict", "--types", "node", ...resolution, "--target", "ES2022", "index.ts"];
                try {
                    await run(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), ...args], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
                } catch (error) {
                    const e = error as { stdout?: string; stderr?: string };
                    assert.fail(`${version} failed on ${what}:\n${e.stdout}\n${e.stderr}`);
                }
                assert.match(version, new RegExp(`Version ${folder.slice(2)}\\.`));
            } finally {
                fs.rmSync(project, { recursive: true, force: true });
            }
        });
    }
});

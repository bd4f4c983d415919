import { strict as assert } from "assert";
import * as path from "path";
import { REPO_ROOT } from "./support/processes";
import { STORED_PROVIDER_CALLS } from "../provider/dynamic/stored-provider-calls";

/** The package's public surface, as `require("pulumi-openai-certificates")` sees it after a build. */
describe("the package exports", () => {
    it("resolves the package name to the compiled sdk entry point", () => {
        assert.equal(require.resolve("pulumi-openai-certificates"), path.join(REPO_ROOT, "dist/sdk/index.js"));
    });

    it("exports the data sources, the streaming client and every error class", () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const pkg = require("pulumi-openai-certificates");
        for (const name of [
            "getCertificates",
            "getCertificatesOutput",
            "certificatePages",
            "iterateCertificates",
            "listCertificates",
            "OpenAICertificatesError",
            "APIError",
            "AuthenticationError",
            "RateLimitError",
            "InternalServerError",
            "PaginationError",
            "ResponseValidationError",
            "InvalidArgumentError",
            "MissingAdminKeyError",
            "AdminKeyConflictError",
            "UnsupportedRuntimeError",
        ]) {
            assert.equal(typeof pkg[name], "function", name);
        }
    });

    it("exposes the API layer and the fake API as subpaths", () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        assert.equal(typeof require("pulumi-openai-certificates/provider").listOrganizationCertificates, "function");
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        assert.equal(typeof require("pulumi-openai-certificates/fake-api").startFakeOpenAI, "function");
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        assert.equal(require("pulumi-openai-certificates/policies").certificatePolicies.length, 2);
    });

    it("exports the resources, the evaluation and both gates from the root", () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const pkg = require("pulumi-openai-certificates");
        for (const name of ["Certificates", "Certificate", "CertificateActivation", "evaluateCertificateExpiry", "assertCertificateExpiry", "CertificateExpiryError", "CertificateStillActiveError", "inspectPemCertificate"]) {
            assert.equal(typeof pkg[name], "function", name);
        }
        assert.equal(pkg.CERTIFICATES_TYPE, "pulumi-nodejs:dynamic/openai:Certificates");
        assert.equal(pkg.CERTIFICATE_TYPE, "pulumi-nodejs:dynamic/openai:Certificate");
        assert.equal(pkg.CERTIFICATE_ACTIVATION_TYPE, "pulumi-nodejs:dynamic/openai:CertificateActivation");
        assert.equal(pkg.Certificate.__pulumiType, pkg.CERTIFICATE_TYPE);
        // The stored providers load their operations from ./provider by these names (docs/ARCHITECTURE.md, "Stored providers").
        const provider = require("pulumi-openai-certificates/provider");
        for (const { name } of STORED_PROVIDER_CALLS) assert.equal(typeof name.split(".").reduce((at, key) => at?.[key], provider), "function", name);
    });

    it("keeps the ready policy pack's version in step with the package", () => {
        const fs = require("fs") as typeof import("fs");
        const version = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")).version;
        assert.equal(version("policy-pack/package.json"), version("package.json"));
    });
});

describe("the package installed from a tarball made by npm pack", function () {
    this.timeout(240_000);

    it("is required by name in another project and reads certificates with getCertificates", async () => {
        const { installPackedPackage } = await import("./support/packed-package");
        const { runNode } = await import("./support/processes");
        const { startFakeOpenAI } = await import("../fake-api");
        const project = await installPackedPackage();
        const api = await startFakeOpenAI({ seed: { certificates: [{ id: "cert_packed", name: "packed", expiresIn: "40d" }] } });
        try {
            const script = `
                const { getCertificates } = require("pulumi-openai-certificates");
                getCertificates({ adminKey: process.env.KEY, baseUrl: process.env.BASE }).then((r) => console.log(JSON.stringify(r)));`;
            const result = await runNode(["-e", script], { cwd: project, env: { ...process.env, KEY: api.adminKey, BASE: api.baseUrl } });
            assert.equal(result.code, 0, result.stderr);
            const parsed = JSON.parse(result.stdout);
            assert.equal(parsed.id, "organization");
            assert.deepEqual(
                parsed.certificates.map((c: { id: string }) => c.id),
                ["cert_packed"],
            );
            const fs = await import("fs");
            assert.ok(!fs.existsSync(path.join(project, "node_modules/pulumi-openai-certificates/dist/tests")), "tests are not shipped");
        } finally {
            await api.close();
        }
    });
});

describe("npm pack on a clone that was never built (issue 23, items 2 and 3)", function () {
    this.timeout(300_000);

    it("builds first (prepack), and ships the code with the examples and docs the README names", async () => {
        const fs = await import("fs");
        const os = await import("os");
        const { promisify } = await import("util");
        const { execFile } = await import("child_process");
        const run = promisify(execFile);
        const clone = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-unbuilt-"));
        try {
            const skip = new Set([".git", "node_modules", "dist", "bench", "tests"]);
            for (const entry of fs.readdirSync(REPO_ROOT)) if (!skip.has(entry)) fs.cpSync(path.join(REPO_ROOT, entry), path.join(clone, entry), { recursive: true });
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(clone, "node_modules"));
            // Only what the package needs to build: the tests and bench are not part of it.
            const tsconfig = JSON.parse(fs.readFileSync(path.join(clone, "tsconfig.json"), "utf8"));
            tsconfig.include = tsconfig.include.filter((glob: string) => !glob.startsWith("tests/") && !glob.startsWith("bench/"));
            tsconfig.compilerOptions.types = ["node"];
            fs.writeFileSync(path.join(clone, "tsconfig.json"), JSON.stringify(tsconfig));
            const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { cwd: clone, maxBuffer: 64 * 1024 * 1024 });
            const files = new Set((JSON.parse(stdout.slice(stdout.indexOf("["))) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path));
            for (const shipped of ["dist/sdk/index.js", "dist/sdk/index.d.ts", "dist/provider/api/index.js", "dist/cli/main.js", "dist/fake-api/index.js", "policy-pack/index.js", "examples/rotation/index.ts", "examples/gate/index.ts", "examples/gate-esm/index.js", "examples/yaml/Pulumi.yaml", "examples/go/main.go", "examples/go/go.mod", "examples/seeds/organization.json", "docs/report-timeline.png", "docs/ARCHITECTURE.md", "docs/TESTING.md", "README.md", "CHANGELOG.md", "pulumi-plugin/pulumi-resource-openai-certificates", "pulumi-plugin/schema.json", "dist/provider/plugin/main.js"]) {
                assert.ok(files.has(shipped), `${shipped} is not in the tarball`);
            }
            assert.ok(![...files].some((f) => f.startsWith("dist/tests/")), "tests are not shipped");
            // A source map names .ts files the package does not ship: stack traces would point at nothing.
            assert.deepEqual([...files].filter((f) => f.endsWith(".map")), [], "no source maps without their sources");
        } finally {
            fs.rmSync(clone, { recursive: true, force: true });
        }
    });
});

describe("the ready policy pack in a project without @pulumi/policy (an optional peer)", function () {
    this.timeout(240_000);

    it("says in one line what to install, instead of the engine's closed-pipe error", async () => {
        const { copyUserProject } = await import("./support/packed-package");
        const { runNode } = await import("./support/processes");
        const fs = await import("fs");
        const project = await copyUserProject();
        fs.rmSync(path.join(project, "node_modules/@pulumi/policy"), { recursive: true, force: true });
        const packDir = path.join(project, "node_modules/pulumi-openai-certificates/policy-pack");
        const result = await runNode([path.join(packDir, "index.js")], { cwd: packDir });
        assert.equal(result.code, 1);
        assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
        assert.match(result.stderr, /@pulumi\/policy is not installed in this project; run `npm install @pulumi\/policy`/);
    });
});

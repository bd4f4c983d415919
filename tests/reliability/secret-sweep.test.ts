import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { FakeOpenAI, startFakeOpenAI } from "../../fake-api";
import { certificatesProvider, dynamicOperations } from "../../provider";
import { assertCertificateExpiry, evaluateCertificateExpiry, getCertificateUsage, getCertificates, getCertificatesOutput, CERTIFICATES_TYPE } from "../../sdk";
import { LEAK_CANARY_KEY, NOW, NOW_SECONDS, assertNoKeyIn, certificateSpecs, rejectionOf } from "../support/fixtures";
import { REPO_ROOT, runNode } from "../support/processes";
import { secretValue, startDynamicProviderHost } from "../support/provider-host";
import { ENFORCEMENT, startPolicyHost } from "../support/policy-host";
import { ensurePulumiCli } from "../support/pulumi-cli";

/**
 * One sweep over every public entry point with a recognisable key, each run once normally and once
 * against a server that reflects the request's credentials back: the key must appear in no result,
 * error, log line, report, serialized provider or process output. (The stack state files are
 * swept by the end-to-end tier, scenario 7.)
 */
describe("secret sweep: the admin key appears nowhere", function () {
    this.timeout(180_000);
    let api: FakeOpenAI;
    const reflect = () => api.injectFault({ times: 1, action: { kind: "reflect-credentials" } });

    beforeEach(async () => {
        api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, nowSeconds: NOW_SECONDS, seed: { certificates: certificateSpecs(3), projects: [{ id: "proj_a", certificates: [{ id: "cert_00001" }] }] } });
    });
    afterEach(async () => api.close());

    it("the functions: results, reports, logs and errors", async () => {
        const connection = { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl };
        const logged: string[] = [];
        const logger = { warn: (m: string) => void logged.push(m), info: (m: string) => void logged.push(m) };
        const org = await getCertificates(connection);
        const usage = await getCertificateUsage(connection);
        const output = await new Promise((resolve) => getCertificatesOutput({ ...connection, adminKey: pulumi.secret(LEAK_CANARY_KEY) }).apply(resolve));
        const report = evaluateCertificateExpiry(usage, { now: NOW, warnWithin: "400d", failWithin: "1d" });
        assertCertificateExpiry(org, { now: NOW, warnWithin: "400d", failWithin: "1d" }, logger);
        assert.ok(logged.length > 0, "warnings were logged");
        for (const value of [org, usage, output, report, logged]) assertNoKeyIn(value);

        for (const call of [() => getCertificates(connection), () => getCertificateUsage(connection)]) {
            reflect();
            assertNoKeyIn(await rejectionOf(call()));
        }
    });

    it("the resource's provider, through Pulumi's real provider host", async () => {
        const text = (await pulumi.runtime.serializeFunction(() => certificatesProvider, { allowSecrets: true })).text;
        const host = await startDynamicProviderHost({
            hostScript: require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js"),
            cwd: fs.mkdtempSync(path.join(os.tmpdir(), "sweep-")),
            env: { OPENAI_ADMIN_KEY: "" },
        });
        try {
            await host.configure({ "openai:adminKey": secretValue(LEAK_CANARY_KEY), "openai:baseUrl": api.baseUrl });
            const checked = await host.check({ __provider: text, allProjects: true });
            const created = await host.create(checked.inputs);
            const read = await host.read(created.id, created.properties);
            reflect();
            const failed = await host.check({ __provider: text });
            assert.equal(failed.failures.length, 1);
            reflect();
            const tolerated = await host.check({ __provider: text, onReadError: "warn" });
            for (const value of [text, checked, created, read, failed, tolerated, host.stderr()]) assertNoKeyIn(value);
        } finally {
            host.close();
        }
    });

    it("the policy pack, through Pulumi's real policy host", async () => {
        const host = await startPolicyHost({ hostScript: require.resolve("@pulumi/pulumi/cmd/run-policy-pack/index.js"), packDir: path.join(REPO_ROOT, "policy-pack") });
        try {
            await host.configure({ "openai-certificate-expiry": { enforcementLevel: ENFORCEMENT.MANDATORY, properties: { now: NOW.toISOString(), failWithin: "60d", warnWithin: "90d" } } });
            const { inputs } = await dynamicOperations.checkCertificates({}, { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl });
            reflect();
            const { inputs: withError } = await dynamicOperations.checkCertificates({ onReadError: "warn" }, { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl });
            const diagnostics = [
                ...(await host.analyze({ type: CERTIFICATES_TYPE, name: "org", properties: inputs })),
                ...(await host.analyze({ type: CERTIFICATES_TYPE, name: "org", properties: withError })),
            ];
            assert.ok(diagnostics.length >= 2, "violations were reported");
            for (const value of [inputs, withError, diagnostics, host.stderr()]) assertNoKeyIn(value);
        } finally {
            host.close();
        }
    });

    it("the openai-certs command, every format, success and failure, stdout, report files and step summary", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweep-reports-"));
        const summary = path.join(dir, "step-summary.md");
        const env = { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api.baseUrl, GITHUB_STEP_SUMMARY: summary };
        const runs = [];
        const commands = [
            ...["table", "json", "markdown"].flatMap((format) => [
                ["list", "--format", format],
                ["list", "--format", format, "--all-projects", "--output-file", path.join(dir, `list.${format}`)],
            ]),
            ...["table", "json", "junit", "sarif", "github", "markdown", "html"].flatMap((format) => [
                ["check", "--now", NOW.toISOString(), "--format", format],
                ["check", "--format", format, "--all-projects", ...(format === "github" ? [] : ["--output-file", path.join(dir, `check.${format}`)])],
            ]),
        ];
        try {
            // Every file after every run: a failed run replaces the report of the run before.
            const written = () => fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), "utf8"));
            for (const args of commands) {
                runs.push(await runNode(["dist/cli/main.js", ...args], { env }));
                assertNoKeyIn(written());
                reflect();
                runs.push(await runNode(["dist/cli/main.js", ...args, "--debug"], { env }));
                assertNoKeyIn(written());
            }
            assert.ok(runs.some((r) => r.code === 3) && runs.some((r) => r.code === 0), "both outcomes were exercised");
            for (const r of runs) assertNoKeyIn([r.stdout, r.stderr]);
            assert.equal(fs.readdirSync(dir).length, 3 + 6 + 1, `every report file was written: ${fs.readdirSync(dir).join(", ")}`);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the demo: everything it prints", async function () {
        this.timeout(20 * 60_000);
        if (!(await ensurePulumiCli())) {
            if (process.env.CI) throw new Error("NO PULUMI CLI: CI must run the demo in the secret sweep");
            console.error("\n!!! NO PULUMI CLI (and no Go to build one): the demo was NOT swept for the key. !!!\n");
            this.skip();
        }
        const demo = await runNode(["dist/examples/demo/main.js"], { env: { ...process.env, FAKE_OPENAI_ADMIN_KEY: LEAK_CANARY_KEY }, timeoutMs: 150_000 });
        assert.equal(demo.code, 0, demo.stdout + demo.stderr);
        assertNoKeyIn([demo.stdout, demo.stderr]);
    });
});

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CertificateSpec, FakeOpenAI, startFakeOpenAI } from "../../fake-api";
import { LEAK_CANARY_KEY } from "../support/fixtures";
import { installPackedPackage } from "../support/packed-package";
import { REPO_ROOT } from "../support/processes";
import { PulumiProject, ensurePulumiCli, pulumiProject } from "../support/pulumi-cli";

const DAY = 86_400;

/**
 * The real Pulumi CLI, end to end, set up as a user would: the npm pack tarball installed into a
 * fresh project whose program is examples/gate (Certificates resources, getCertificates with the
 * in-program assertion, getCertificatesOutput), the admin key set with `pulumi config set --secret`,
 * the ready policy pack from node_modules, the fake API on loopback, state on a local file backend.
 *
 * The CLI here has no Node.js language host (see the README), so programs run through the
 * Automation API's inline programs, which drive the same CLI binary and engine.
 */
describe("end to end through the real Pulumi CLI", function () {
    this.timeout(300_000);
    let project: PulumiProject;
    let api: FakeOpenAI;
    let policyPack: string;
    let stackCounter = 0;

    before(async function () {
        this.timeout(20 * 60_000); // a first, cold build of the CLI takes a few minutes
        const binDir = await ensurePulumiCli();
        if (!binDir) {
            const message = "NO PULUMI CLI: the end-to-end tier did NOT run: no `pulumi` on PATH and no Go to build one. Install either, then run the tests again.";
            if (process.env.CI) throw new Error(`${message} CI must run this tier.`);
            console.error(`\n${"!".repeat(100)}\n${message}\n${"!".repeat(100)}\n`);
            this.skip();
        }
        const dir = await installPackedPackage();
        project = pulumiProject({ dir, binDir: binDir!, name: "e2e-certs", programFile: path.join(REPO_ROOT, "dist/examples/gate/index.js") });
        policyPack = path.join(dir, "node_modules/pulumi-openai-certificates/policy-pack");
    });

    beforeEach(async () => {
        api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY });
    });
    afterEach(async () => {
        await api?.close();
    });

    const now = () => Math.floor(Date.now() / 1000);
    const cert = (name: string, days: number, extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
        id: `cert_${name.replace(/-/g, "_")}`,
        name,
        createdAt: now() - 200 * DAY + name.length,
        expiresAt: now() + days * DAY,
        ...extra,
    });

    /** A new stack with the key as a secret, the fake's URL, and program config. */
    async function newStack(config: Record<string, string> = {}): Promise<string> {
        const stack = `s${++stackCounter}`;
        const init = await project.pulumi(["stack", "init", stack]);
        assert.equal(init.code, 0, init.stderr);
        const setKey = await project.pulumi(["config", "set", "--secret", "openai:adminKey", LEAK_CANARY_KEY, "--stack", stack]);
        assert.equal(setKey.code, 0, setKey.stderr);
        const sets: Record<string, string> = { "openai:baseUrl": api.baseUrl, ...config };
        for (const [key, value] of Object.entries(sets)) {
            const r = await project.pulumi(["config", "set", key, value, "--stack", stack]);
            assert.equal(r.code, 0, r.stderr);
        }
        return stack;
    }

    function assertNoKey(text: string, where: string): void {
        assert.ok(!text.includes(LEAK_CANARY_KEY), `the admin key appeared in ${where}`);
    }

    it("1. healthy certificates: preview with the ready policy pack succeeds", async () => {
        api.setState({ certificates: [cert("gateway", 120), cert("edge", 90)] });
        const stack = await newStack({ assert: "false" });
        const run = await project.run("preview", stack, { policyPack });
        assert.equal(run.code, 0, run.output);
        assert.equal(run.result.ok, true);
        assert.equal(run.result.changeSummary?.create, 2, "the stack and the Certificates resource");
        assert.doesNotMatch(run.output, /mandatory/);
        assertNoKey(run.output, "the preview output");
    });

    it("2. an active certificate expiring in 5 days fails the preview with a mandatory violation naming it", async () => {
        api.setState({ certificates: [cert("gateway", 5), cert("edge", 90)] });
        const stack = await newStack({ assert: "false" });
        const run = await project.run("preview", stack, { policyPack });
        assert.notEqual(run.code, 0);
        assert.equal(run.result.ok, false);
        assert.match(run.output, /\[mandatory\]\s+openai-certificate-expiry /);
        assert.match(run.output, /"gateway" \(cert_gateway\) expires in 4 days 23 hours|"gateway" \(cert_gateway\) expires in 5 days 0 hours/);
        assertNoKey(run.output, "the preview output");
    });

    it("3. one expiring in 20 days: the preview succeeds with an advisory warning naming it", async () => {
        api.setState({ certificates: [cert("edge", 20), cert("gateway", 120)] });
        const stack = await newStack({ assert: "false" });
        const run = await project.run("preview", stack, { policyPack });
        assert.equal(run.code, 0, run.output);
        assert.match(run.output, /\[advisory\]\s+openai-certificate-expiry-warning/);
        assert.match(run.output, /"edge" \(cert_edge\) expires in 19 days 23 hours|"edge" \(cert_edge\) expires in 20 days 0 hours/);
    });

    it("4. an inactive certificate expiring in 2 days: the preview succeeds", async () => {
        api.setState({ certificates: [cert("legacy", 2, { active: false }), cert("gateway", 120)] });
        const stack = await newStack({ assert: "false" });
        const run = await project.run("preview", stack, { policyPack });
        assert.equal(run.code, 0, run.output);
        assert.doesNotMatch(run.output, /\[(mandatory|advisory)\]/);
        assert.match(run.output, /✅ openai-certificates/);
    });

    it("5. --policy-pack-config raising the fail threshold to 30 days turns 20 days into a failure", async () => {
        api.setState({ certificates: [cert("edge", 20), cert("gateway", 120)] });
        const stack = await newStack({ assert: "false" });
        const configFile = path.join(project.dir, "policy-config-30d.json");
        const thresholds = { warnWithin: "45d", failWithin: "30d" };
        fs.writeFileSync(configFile, JSON.stringify({ "openai-certificate-expiry": thresholds, "openai-certificate-expiry-warning": thresholds }));
        const run = await project.run("preview", stack, { policyPack, policyPackConfig: configFile });
        assert.notEqual(run.code, 0);
        assert.match(run.output, /\[mandatory\]\s+openai-certificate-expiry /);
        assert.match(run.output, /cert_edge/);
        assert.match(run.output, /fail threshold of 30 days/);
    });

    it("6. the in-program assertion alone fails the preview with its message", async () => {
        api.setState({ certificates: [cert("gateway", 5), cert("edge", 90)] });
        const stack = await newStack();
        const run = await project.run("preview", stack);
        assert.notEqual(run.code, 0);
        assert.match(run.output, /CertificateExpiryError/);
        assert.match(run.output, /Certificate expiry check FAILED: 1 certificate must be rotated/);
        assert.match(run.output, /"gateway" \(cert_gateway\)/);
    });

    it("7. up then stack export: the admin key appears nowhere in the state or the output", async () => {
        api.setState({ certificates: [cert("gateway", 120), cert("edge", 90)] });
        const stack = await newStack();
        const up = await project.run("up", stack, { policyPack });
        assert.equal(up.code, 0, up.output);
        assertNoKey(up.output, "the up output");

        const exported = await project.pulumi(["stack", "export", "--stack", stack]);
        assert.equal(exported.code, 0, exported.stderr);
        assertNoKey(exported.stdout, "pulumi stack export");
        const state = JSON.parse(exported.stdout);
        const certificates = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/openai:Certificates");
        assert.equal(certificates.outputs.certificates.length, 2, "the list is held in the state");
        assert.equal(certificates.id, "organization");

        // Decrypted, the key shows only where the engine itself keeps the stack config for the default
        // pulumi-nodejs provider (as an encrypted secret, like every config secret); never in our resource.
        const withSecrets = JSON.parse((await project.pulumi(["stack", "export", "--show-secrets", "--stack", stack])).stdout);
        for (const resource of withSecrets.deployment.resources) {
            if (resource.type === "pulumi:providers:pulumi-nodejs") continue;
            assertNoKey(JSON.stringify(resource), `the state of ${resource.urn}`);
        }

        for (const file of walk(project.backendDir)) assertNoKey(fs.readFileSync(file, "utf8"), file);
        assertNoKey(fs.readFileSync(path.join(project.dir, `Pulumi.${stack}.yaml`), "utf8"), "the stack config file");
    });

    it("8. a new certificate shows as an update; refresh picks it up; an unchanged second up changes nothing", async () => {
        api.setState({ certificates: [cert("gateway", 120)] });
        const stack = await newStack();
        assert.equal((await project.run("up", stack)).code, 0);

        api.setState({ certificates: [cert("gateway", 120), cert("added", 100)] });
        const preview = await project.run("preview", stack);
        assert.equal(preview.code, 0, preview.output);
        assert.equal(preview.result.changeSummary?.update, 1, JSON.stringify(preview.result));
        assert.match(preview.output, /~\s+pulumi-nodejs:dynamic\/openai:Certificates organization-certificates update/);

        const refresh = await project.run("refresh", stack);
        assert.equal(refresh.code, 0, refresh.output);
        const exported = JSON.parse((await project.pulumi(["stack", "export", "--stack", stack])).stdout);
        const held = exported.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/openai:Certificates");
        assert.deepEqual(
            held.outputs.certificates.map((c: { id: string }) => c.id).sort(),
            ["cert_added", "cert_gateway"],
        );

        const second = await project.run("up", stack);
        assert.equal(second.code, 0, second.output);
        const third = await project.run("up", stack);
        assert.equal(third.code, 0, third.output);
        const changes = third.result.changeSummary ?? {};
        assert.deepEqual(
            Object.keys(changes).filter((k) => k !== "same"),
            [],
            `expected no changes, got ${JSON.stringify(changes)}`,
        );
    });

    it("9. an API answering 500 to everything fails the preview closed with the typed error", async () => {
        api.setState({ certificates: [cert("gateway", 120)] });
        api.injectFault({ action: { kind: "status", status: 500 } });
        const stack = await newStack({ assert: "false" });
        const started = Date.now();
        const run = await project.run("preview", stack, { policyPack });
        assert.notEqual(run.code, 0);
        assert.equal(run.result.ok, false);
        assert.match(run.output, /Could not read the certificate list \(server_error\)/);
        assert.ok(Date.now() - started < 120_000, "no hang");
        assert.ok(api.requests.length >= 3, "the provider retried before failing");
        assertNoKey(run.output, "the failed preview's output");
    });
});

function walk(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

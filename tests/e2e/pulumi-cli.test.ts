import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CertificateSpec, FakeOpenAI, startFakeOpenAI } from "../../fake-api";
import { LEAK_CANARY_KEY, namedCertificate } from "../support/fixtures";
import { copyUserProject, currentLeg, installPackedPackage } from "../support/packed-package";
import { REPO_ROOT } from "../support/processes";
import { CommandResult, ExportedStack, PulumiProject, expectOk, exportStack, filesUnder, initStack, pulumiProject, requireLanguageHost, requirePulumiCli } from "../support/pulumi-cli";
import { CERTIFICATES_TYPE } from "../../sdk";


/**
 * The real Pulumi CLI, end to end, as a user runs it: the npm pack tarball installed into fresh
 * projects (with the leg's @pulumi/pulumi and @pulumi/policy from its lockfile), `pulumi stack init`,
 * the key set with `pulumi config set --secret` from standard input, and `pulumi preview --policy-pack
 * node_modules/pulumi-openai-certificates/policy-pack` started by the CLI through its Node.js language
 * host, which runs both the program and the pack. The fake API is on loopback, state on a local file
 * backend. Programs: examples/gate compiled to CommonJS, the same as TypeScript source
 * (`typescript: true`), and examples/gate-esm as an ES module.
 */
describe(`end to end through the real Pulumi CLI (${safeLegName()})`, function () {
    this.timeout(300_000);
    let api: FakeOpenAI;
    let stackCounter = 0;
    const policyPack = "node_modules/pulumi-openai-certificates/policy-pack";

    beforeEach(async () => {
        api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY });
    });
    afterEach(async () => {
        await api?.close();
    });

    const now = () => Math.floor(Date.now() / 1000);
    const cert = (name: string, days: number, extra: Partial<CertificateSpec> = {}): CertificateSpec => namedCertificate(name, days, extra, now());

    /** A new stack with the key (from stdin, as the prompt takes it), the fake's URL and `config`. */
    const newStack = (project: PulumiProject, config: Record<string, string> = {}) => initStack(project, `s${++stackCounter}`, { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl, config });

    /** The admin key in no output and in no file of the state or the stack config. */
    function assertNoKeyAnywhere(project: PulumiProject, stack: string, ...outputs: CommandResult[]): void {
        for (const run of outputs) assert.ok(!run.output.includes(LEAK_CANARY_KEY), "the admin key appeared in the CLI's output");
        for (const file of filesUnder(project.backendDir)) assert.ok(!fs.readFileSync(file, "utf8").includes(LEAK_CANARY_KEY), `the admin key appeared in ${file}`);
        assert.ok(!fs.readFileSync(path.join(project.dir, `Pulumi.${stack}.yaml`), "utf8").includes(LEAK_CANARY_KEY), "the admin key appeared in the stack config file");
    }

    describe("a CommonJS JavaScript program", () => {
        let project: PulumiProject;
        before(async function () {
            this.timeout(20 * 60_000); // a first, cold build of the CLI takes a few minutes
            const cli = await requirePulumiCli(this, "the end-to-end tier");
            const dir = await installPackedPackage();
            const program = fs.readFileSync(path.join(REPO_ROOT, "dist/examples/gate/index.js"), "utf8");
            project = pulumiProject({ dir, cli, name: "e2e-cjs", main: "index.js", typescript: false, files: { "index.js": program } });
        });

        it("healthy certificates: `pulumi preview --policy-pack node_modules/...` passes", async () => {
            api.setState({ certificates: [cert("gateway", 120), cert("edge", 90)] });
            const stack = await newStack(project, { "e2e-cjs:assert": "false" });
            const run = await project.action("preview", stack, { policyPack });
            expectOk(run);
            assert.match(run.output, /\+\s+pulumi-nodejs:dynamic\/openai:Certificates\s+organization-certificates\s+create/);
            assert.doesNotMatch(run.output, /mandatory/);
            assertNoKeyAnywhere(project, stack, run);
        });

        it("an active certificate expiring in 5 days fails the preview with a mandatory violation naming it", async () => {
            api.setState({ certificates: [cert("gateway", 5), cert("edge", 90)] });
            const stack = await newStack(project, { "e2e-cjs:assert": "false" });
            const run = await project.action("preview", stack, { policyPack });
            assert.notEqual(run.code, 0, run.output);
            assert.match(run.output, /\[mandatory\]\s+openai-certificate-expiry /);
            assert.match(run.output, /"gateway" \(cert_gateway\) expires in (4 days 23 hours|5 days 0 hours)/);
            assertNoKeyAnywhere(project, stack, run);
        });

        it("one expiring in 20 days: the preview passes with an advisory warning naming it", async () => {
            api.setState({ certificates: [cert("edge", 20), cert("gateway", 120)] });
            const stack = await newStack(project, { "e2e-cjs:assert": "false" });
            const run = await project.action("preview", stack, { policyPack });
            expectOk(run);
            assert.match(run.output, /\[advisory\]\s+openai-certificate-expiry-warning/);
            assert.match(run.output, /"edge" \(cert_edge\) expires in (19 days 23 hours|20 days 0 hours)/);
        });

        it("an inactive certificate expiring in 2 days: the preview passes", async () => {
            api.setState({ certificates: [cert("legacy", 2, { active: false }), cert("gateway", 120)] });
            const stack = await newStack(project, { "e2e-cjs:assert": "false" });
            const run = await project.action("preview", stack, { policyPack });
            expectOk(run);
            assert.doesNotMatch(run.output, /\[(mandatory|advisory)\]/);
        });

        it("--policy-pack-config raising the fail threshold to 30 days turns 20 days into a failure", async () => {
            api.setState({ certificates: [cert("edge", 20), cert("gateway", 120)] });
            const stack = await newStack(project, { "e2e-cjs:assert": "false" });
            const thresholds = { warnWithin: "45d", failWithin: "30d" };
            fs.writeFileSync(path.join(project.dir, "policy-30d.json"), JSON.stringify({ "openai-certificate-expiry": thresholds, "openai-certificate-expiry-warning": thresholds }));
            const run = await project.action("preview", stack, { policyPack, policyPackConfig: "policy-30d.json" });
            assert.notEqual(run.code, 0, run.output);
            assert.match(run.output, /\[mandatory\]\s+openai-certificate-expiry /);
            assert.match(run.output, /"edge" \(cert_edge\).*fail threshold of 30 days/);
        });

        it("`pulumi preview --json` fails, and its streamed JSON events carry the mandatory violation", async function () {
            requireLanguageHost(this, project.cli, "this end-to-end scenario");
            api.setState({ certificates: [cert("gateway", 5)] });
            const stack = await newStack(project, { "e2e-cjs:assert": "false" });
            // The summary document of `preview --json` leaves policy events out (CLI v3.248,
            // backend/display/json.go); the streamed form has one JSON event per line, these included.
            const digest = await project.action("preview", stack, { policyPack, json: true });
            assert.notEqual(digest.code, 0, digest.output);
            assert.match(JSON.stringify(JSON.parse(digest.stdout).diagnostics), /preview failed/);

            const streamed = await project.action("preview", stack, { policyPack, json: true, env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" } });
            assert.notEqual(streamed.code, 0, streamed.output);
            const events = streamed.stdout.split("\n").filter((line) => line.trim().startsWith("{")).map((line) => JSON.parse(line));
            const violations = events.filter((e) => e.policyEvent).map((e) => e.policyEvent);
            const mandatory = violations.find((v) => v.policyName === "openai-certificate-expiry");
            assert.ok(mandatory, `no violation of openai-certificate-expiry in ${JSON.stringify(violations)}`);
            assert.equal(mandatory.enforcementLevel, "mandatory");
            assert.match(mandatory.message, /"gateway" \(cert_gateway\) expires in/);
            assert.ok(!streamed.output.includes(LEAK_CANARY_KEY) && !digest.output.includes(LEAK_CANARY_KEY), "the admin key appeared in the JSON");
        });

        it("the in-program assertion alone fails the preview with its message", async () => {
            api.setState({ certificates: [cert("gateway", 5), cert("edge", 90)] });
            const stack = await newStack(project);
            const run = await project.action("preview", stack);
            assert.notEqual(run.code, 0, run.output);
            assert.match(run.output, /Certificate expiry check FAILED: 1 certificate must be rotated/);
            assert.match(run.output, /- \[fail\] Certificate "gateway" \(cert_gateway\) expires in/);
            // The message alone, as for Pulumi's own RunError: no stack, no dump of the report.
            assert.doesNotMatch(run.output, /\n\s+at .*\(.*:\d+:\d+\)/);
            assert.doesNotMatch(run.output, /earliestExpiring/);
            assertNoKeyAnywhere(project, stack, run);
        });

        it("up, refresh after a change at OpenAI, an unchanged up, then destroy: the key is nowhere", async () => {
            api.setState({ certificates: [cert("gateway", 120)] });
            const stack = await newStack(project);
            const up = await project.action("up", stack, { policyPack, skipPreview: true });
            expectOk(up);
            assert.deepEqual(heldCertificateIds(await exportStack(project, stack)), ["cert_gateway"]);

            api.setState({ certificates: [cert("gateway", 120), cert("added", 100)] });
            const preview = await project.action("preview", stack, { policyPack });
            expectOk(preview);
            assert.match(preview.output, /~\s+pulumi-nodejs:dynamic\/openai:Certificates\s+organization-certificates\s+update/);

            const refresh = await project.action("refresh", stack);
            expectOk(refresh);
            assert.deepEqual(heldCertificateIds(await exportStack(project, stack)), ["cert_added", "cert_gateway"]);

            expectOk(await project.action("up", stack, { policyPack, skipPreview: true }));
            const unchanged = await project.action("up", stack, { policyPack });
            expectOk(unchanged);
            assert.doesNotMatch(unchanged.output, /organization-certificates\s+(update|create|replace)/);

            // Decrypted, the key shows only where the engine itself keeps the stack config for the
            // default pulumi-nodejs provider (an encrypted secret, like every config secret).
            const withSecrets = await exportStack(project, stack, ["--show-secrets"]);
            for (const resource of withSecrets.deployment.resources ?? []) {
                if (resource.type !== "pulumi:providers:pulumi-nodejs") assert.ok(!JSON.stringify(resource).includes(LEAK_CANARY_KEY), `the admin key is in the state of ${resource.urn}`);
            }

            const destroy = await project.action("destroy", stack);
            expectOk(destroy);
            assert.equal((await exportStack(project, stack)).deployment.resources?.length ?? 0, 0, "destroy left resources in the state");
            assertNoKeyAnywhere(project, stack, up, preview, refresh, unchanged, destroy);
        });

        it("an API answering 500 to everything fails the preview closed with the typed error", async () => {
            api.setState({ certificates: [cert("gateway", 120)] });
            api.injectFault({ action: { kind: "status", status: 500 } });
            const stack = await newStack(project, { "e2e-cjs:assert": "false" });
            const run = await project.action("preview", stack, { policyPack });
            assert.notEqual(run.code, 0, run.output);
            assert.match(run.output, /Could not read the certificate list \(server_error\)/);
            assert.ok(api.requests.length >= 3, "the provider retried before failing");
            assertNoKeyAnywhere(project, stack, run);
        });
    });

    describe("a TypeScript program (typescript: true)", () => {
        let project: PulumiProject;
        before(async function () {
            this.timeout(20 * 60_000);
            const cli = await requirePulumiCli(this, "the end-to-end tier");
            requireLanguageHost(this, cli, "this end-to-end scenario");
            const program = fs.readFileSync(path.join(REPO_ROOT, "examples/gate/index.ts"), "utf8");
            project = pulumiProject({ dir: await copyUserProject(), cli, name: "e2e-ts", main: "index.ts", typescript: true, files: { "index.ts": program, "tsconfig.json": USER_TSCONFIG } });
        });

        it("compiles against the package's declarations; the pack passes healthy certificates and stops one 5 days from expiry", async () => {
            api.setState({ certificates: [cert("gateway", 120), cert("edge", 90)] });
            const stack = await newStack(project, { "e2e-ts:assert": "false" });
            const healthy = await project.action("preview", stack, { policyPack });
            expectOk(healthy);
            assert.match(healthy.output, /organization-certificates\s+create/);

            api.setState({ certificates: [cert("gateway", 5), cert("edge", 90)] });
            const expiring = await project.action("preview", stack, { policyPack });
            assert.notEqual(expiring.code, 0, expiring.output);
            assert.match(expiring.output, /\[mandatory\]\s+openai-certificate-expiry /);
            assertNoKeyAnywhere(project, stack, healthy, expiring);
        });

        it("the in-program assertion stops `pulumi up`; with healthy certificates up succeeds", async () => {
            api.setState({ certificates: [cert("gateway", 5)] });
            const stack = await newStack(project);
            const blocked = await project.action("up", stack);
            assert.notEqual(blocked.code, 0, blocked.output);
            assert.match(blocked.output, /Certificate expiry check FAILED/);

            api.setState({ certificates: [cert("gateway", 120)] });
            const up = await project.action("up", stack, { policyPack, skipPreview: true });
            expectOk(up);
            assert.deepEqual(heldCertificateIds(await exportStack(project, stack)), ["cert_gateway"]);
            assertNoKeyAnywhere(project, stack, blocked, up);
        });
    });

    describe('an ES module program ("type": "module", import)', () => {
        let project: PulumiProject;
        before(async function () {
            this.timeout(20 * 60_000);
            const cli = await requirePulumiCli(this, "the end-to-end tier");
            requireLanguageHost(this, cli, "this end-to-end scenario");
            const program = fs.readFileSync(path.join(REPO_ROOT, "examples/gate-esm/index.js"), "utf8");
            project = pulumiProject({ dir: await copyUserProject({ type: "module" }), cli, name: "e2e-esm", main: "index.js", typescript: false, files: { "index.js": program } });
        });

        it("the pack and the assertion pass healthy certificates; both stop one 5 days from expiry", async () => {
            api.setState({ certificates: [cert("gateway", 120)] });
            const stack = await newStack(project);
            const healthy = await project.action("preview", stack, { policyPack });
            expectOk(healthy);
            assert.match(healthy.output, /organization-certificates\s+create/);

            api.setState({ certificates: [cert("gateway", 5)] });
            const asserted = await project.action("preview", stack, { policyPack });
            assert.notEqual(asserted.code, 0, asserted.output);
            assert.match(asserted.output, /Certificate expiry check FAILED/);

            expectOk(await project.pulumi(["config", "set", "e2e-esm:assert", "false", "--stack", stack]));
            const packed = await project.action("preview", stack, { policyPack });
            assert.notEqual(packed.code, 0, packed.output);
            assert.match(packed.output, /\[mandatory\]\s+openai-certificate-expiry /);
            assertNoKeyAnywhere(project, stack, healthy, asserted, packed);
        });
    });
});

/** A tsconfig.json like the one `pulumi new typescript` writes. */
const USER_TSCONFIG = JSON.stringify(
    {
        compilerOptions: { strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true, experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true },
        files: ["index.ts"],
    },
    null,
    2,
);


function safeLegName(): string {
    try {
        return currentLeg().name;
    } catch {
        return "unknown leg";
    }
}

function heldCertificateIds(state: ExportedStack): string[] {
    const held = state.deployment.resources?.find((r) => r.type === CERTIFICATES_TYPE);
    assert.ok(held, "no Certificates resource in the state");
    return (held.outputs?.certificates ?? []).map((c) => c.id).sort();
}


import { strict as assert } from "assert";
import * as path from "path";
import { FakeOpenAI, startFakeOpenAI } from "../../fake-api";
import { dynamicOperations } from "../../provider";
import { CERTIFICATES_TYPE } from "../../sdk";
import { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME, certificateExpiryPolicy, certificateViolations } from "../../sdk/policies";
import { CertificateSpec } from "../../fake-api";
import { HOSTILE_NAMES, LEAK_CANARY_KEY, NOW, NOW_SECONDS, assertSafeForLogs } from "../support/fixtures";
import { installPackedPackage } from "../support/packed-package";
import { ENFORCEMENT, PolicyHost, startPolicyHost } from "../support/policy-host";
import { REPO_ROOT } from "../support/processes";

const DAY = 86_400;

/** The checked inputs of a Certificates resource, produced by the real check operation against the fake API. */
async function checkedInputs(api: FakeOpenAI, certificates: CertificateSpec[], extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    api.setState({ certificates });
    const { inputs, failures } = await dynamicOperations.checkCertificates({ ...extra }, { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl });
    assert.deepEqual(failures ?? [], []);
    return inputs;
}

const expiring = (name: string, days: number, extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
    id: `cert_${name}`,
    name,
    createdAt: NOW_SECONDS - 100 * DAY,
    expiresAt: NOW_SECONDS + days * DAY,
    ...extra,
});

describe("certificateViolations (the policies' logic)", () => {
    const config = { now: NOW.toISOString() };
    const props = (certificates: unknown) => ({ certificates });
    const c = (days: number, extra = {}) => ({ id: `cert_${days}`, object: "organization.certificate", name: `in-${days}-days`, active: true, createdAt: NOW_SECONDS - 100 * DAY, expiresAt: NOW_SECONDS + days * DAY, ...extra });

    it("reports a failing certificate to the mandatory policy only", () => {
        assert.equal(certificateViolations(props([c(5)]), config, "fail").length, 1);
        assert.deepEqual(certificateViolations(props([c(5)]), config, "warn"), []);
    });

    it("reports a warning to the advisory policy only", () => {
        assert.deepEqual(certificateViolations(props([c(20)]), config, "fail"), []);
        assert.equal(certificateViolations(props([c(20)]), config, "warn").length, 1);
    });

    it("judges activeAnywhere from the organization-wide view and names the projects", () => {
        const usage = [c(5, { active: false, activeInOrganization: false, activeAnywhere: true, activeProjectIds: ["proj_payments"], projects: [{ id: "proj_payments", name: "Payments", active: true }] })];
        const violations = certificateViolations(props(usage), config, "fail");
        assert.equal(violations.length, 1);
        assert.match(violations[0], /active in project proj_payments/);
    });

    it("fails closed on data it cannot read", () => {
        for (const bad of [undefined, "not a list", [{ id: 1 }], [{ ...c(5), expiresAt: "soon" }]]) {
            const violations = certificateViolations(props(bad), config, "fail");
            assert.equal(violations.length, 1, JSON.stringify(bad));
            assert.match(violations[0], /failing closed/);
        }
    });

    it("fails closed on an invalid configuration, naming the option", () => {
        const violations = certificateViolations(props([c(60)]), { ...config, warnWithin: "7d", failWithin: "14d" }, "fail");
        assert.equal(violations.length, 1);
        assert.match(violations[0], /warnWithin/);
    });

    it("escapes control characters and workflow commands in every violation message", () => {
        const certificates = HOSTILE_NAMES.map((name, i) => c(i + 1, { id: `cert_${i}`, name }));
        const violations = certificateViolations(props(certificates), config, "fail");
        assert.equal(violations.length, HOSTILE_NAMES.length);
        for (const v of violations) assertSafeForLogs(v);
        const readError = { certificates: [], readError: { code: "server_error", message: "HTTP 500\n::error::from the server\x1b[0m" } };
        for (const v of certificateViolations(readError, config, "warn")) assertSafeForLogs(v);

        const reported: string[] = [];
        const args = { type: CERTIFICATES_TYPE, name: "org\n::error::certs", urn: "urn:pulumi:x", props: props(certificates), getConfig: () => config };
        const validate = certificateExpiryPolicy.validateResource as (a: never, report: (message: string) => void) => void;
        validate(args as never, (message) => void reported.push(message));
        assert.equal(reported.length, HOSTILE_NAMES.length);
        for (const message of reported) {
            assertSafeForLogs(message);
            assert.match(message, /^Certificates resource "org\\n::error::certs": /);
        }
    });

    it("reports a tolerated read error as advisory, and never as a pass", () => {
        const p = { certificates: [], readError: { code: "server_error", message: "HTTP 500" } };
        assert.deepEqual(certificateViolations(p, config, "fail"), []);
        assert.match(certificateViolations(p, config, "warn")[0], /could not be read \(server_error\)/);
    });
});

/** Where the pack and the host come from: this repository, or a project that installed the packed tarball. */
const setups = [
    {
        name: "from this repository",
        packDir: async () => path.join(REPO_ROOT, "policy-pack"),
        hostScript: async () => require.resolve("@pulumi/pulumi/cmd/run-policy-pack/index.js"),
    },
    {
        name: "installed from npm pack into another project",
        packDir: async () => path.join(await installPackedPackage(), "node_modules/pulumi-openai-certificates/policy-pack"),
        hostScript: async () => path.join(await installPackedPackage(), "node_modules/@pulumi/pulumi/cmd/run-policy-pack/index.js"),
    },
];

for (const setup of setups) {
    describe(`the ready policy pack through Pulumi's real policy host, ${setup.name}`, function () {
        this.timeout(240_000);
        let api: FakeOpenAI;
        let host: PolicyHost;
        const analyze = async (certificates: CertificateSpec[], extra: Record<string, unknown> = {}) =>
            host.analyze({ type: CERTIFICATES_TYPE, name: "org-certificates", properties: await checkedInputs(api, certificates, extra) });

        beforeEach(async () => {
            api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, nowSeconds: NOW_SECONDS });
            host = await startPolicyHost({ hostScript: await setup.hostScript(), packDir: await setup.packDir() });
            // The engine sends the schema defaults; `now` pins the clock to the fixtures'.
            await host.configure({
                [EXPIRY_POLICY_NAME]: { enforcementLevel: ENFORCEMENT.MANDATORY, properties: { warnWithin: "30d", failWithin: "14d", now: NOW.toISOString() } },
                [EXPIRY_WARNING_POLICY_NAME]: { enforcementLevel: ENFORCEMENT.ADVISORY, properties: { warnWithin: "30d", failWithin: "14d", now: NOW.toISOString() } },
            });
        });
        afterEach(async () => {
            host.close();
            await api.close();
        });

        it("describes both policies with their enforcement levels", async () => {
            const info = await host.info();
            assert.equal(info.name, "openai-certificates");
            assert.deepEqual(info.policies, [
                { name: EXPIRY_POLICY_NAME, enforcementLevel: ENFORCEMENT.MANDATORY },
                { name: EXPIRY_WARNING_POLICY_NAME, enforcementLevel: ENFORCEMENT.ADVISORY },
            ]);
        });

        it("gives a mandatory violation for an active certificate expiring in 5 days, naming the resource and the certificate", async () => {
            const diagnostics = await analyze([expiring("gateway", 5), expiring("healthy", 90)]);
            assert.equal(diagnostics.length, 1);
            const [d] = diagnostics;
            assert.equal(d.policyName, EXPIRY_POLICY_NAME);
            assert.equal(d.enforcementLevel, ENFORCEMENT.MANDATORY);
            assert.match(d.message, /Certificates resource "org-certificates"/);
            assert.match(d.message, /"gateway" \(cert_gateway\)/);
            assert.match(d.message, /5 days 0 hours/);
        });

        it("gives an advisory violation at 20 days", async () => {
            const diagnostics = await analyze([expiring("edge", 20)]);
            assert.deepEqual(
                diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                [[EXPIRY_WARNING_POLICY_NAME, ENFORCEMENT.ADVISORY]],
            );
            assert.match(diagnostics[0].message, /cert_edge/);
        });

        it("gives none when healthy, or when the near-expiry certificate is inactive", async () => {
            assert.deepEqual(await analyze([expiring("healthy", 90)]), []);
            assert.deepEqual(await analyze([expiring("legacy", 2, { active: false })]), []);
        });

        it("ignores resources of other types", async () => {
            const diagnostics = await host.analyze({ type: "aws:s3/bucket:Bucket", name: "b", properties: { certificates: "nonsense" } });
            assert.deepEqual(diagnostics, []);
        });

        it("honours the configuration: a 30-day fail threshold turns 20 days into a failure", async () => {
            await host.configure({
                [EXPIRY_POLICY_NAME]: { properties: { warnWithin: "45d", failWithin: "30d", now: NOW.toISOString() } },
                [EXPIRY_WARNING_POLICY_NAME]: { enforcementLevel: ENFORCEMENT.ADVISORY, properties: { warnWithin: "45d", failWithin: "30d", now: NOW.toISOString() } },
            });
            const diagnostics = await analyze([expiring("edge", 20)]);
            assert.deepEqual(
                diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                [[EXPIRY_POLICY_NAME, ENFORCEMENT.MANDATORY]],
            );
        });

        it("honours includeInactive and exemptions from the configuration", async () => {
            await host.configure({
                [EXPIRY_POLICY_NAME]: {
                    properties: {
                        includeInactive: true,
                        now: NOW.toISOString(),
                        exemptions: [{ name: "gateway-*", reason: "rotation booked for Friday", until: "2026-02-01" }],
                    },
                },
            });
            const diagnostics = await analyze([expiring("gateway-eu", 3), expiring("legacy", 2, { active: false })]);
            assert.deepEqual(
                diagnostics.map((d) => d.message.match(/\(cert_\w+\)/)?.[0]),
                ["(cert_legacy)"],
            );
        });

        it("fails closed on a resource whose list could not be read", async () => {
            const diagnostics = await host.analyze({ type: CERTIFICATES_TYPE, name: "org-certificates", properties: { baseUrl: api.baseUrl } });
            assert.equal(diagnostics.length, 1);
            assert.equal(diagnostics[0].enforcementLevel, ENFORCEMENT.MANDATORY);
            assert.match(diagnostics[0].message, /failing closed/);
        });

        it("reports a tolerated read error (onReadError: warn) as advisory", async () => {
            api.injectFault({ action: { kind: "status", status: 503 } });
            const diagnostics = await analyze([], { onReadError: "warn", maxRetries: 0 });
            assert.deepEqual(
                diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                [[EXPIRY_WARNING_POLICY_NAME, ENFORCEMENT.ADVISORY]],
            );
            assert.match(diagnostics[0].message, /server_error/);
        });

        it("defers during preview when the data is unknown", async () => {
            const diagnostics = await host.analyze({ type: CERTIFICATES_TYPE, name: "org-certificates", properties: { certificates: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } });
            assert.equal(diagnostics.length, 2, "each policy says it could not run");
            assert.ok(diagnostics.every((d) => d.enforcementLevel === ENFORCEMENT.ADVISORY), JSON.stringify(diagnostics));
            assert.ok(diagnostics.every((d) => /can't run policy|during preview/i.test(d.message)), JSON.stringify(diagnostics));
        });
    });
}

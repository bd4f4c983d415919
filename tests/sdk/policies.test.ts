import { strict as assert } from "assert";
import * as path from "path";
import { FakeOpenAI, startFakeOpenAI } from "../../fake-api";
import { dynamicOperations } from "../../provider";
import { CERTIFICATES_TYPE } from "../../sdk";
import { unknownCheckingProxy } from "@pulumi/policy";
import { UNKNOWN } from "../../provider/dynamic/list-inputs";
import { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME, certificateExpiryPolicy, certificateExpiryWarningPolicy, certificateViolations } from "../../sdk/policies";
import { CertificateSpec } from "../../fake-api";
import { DAY, HOSTILE_NAMES, LEAK_CANARY_KEY, NOW, NOW_SECONDS, assertSafeForLogs, cert, namedCertificate } from "../support/fixtures";
import { installPackedPackage } from "../support/packed-package";
import { ENFORCEMENT, PolicyHost, startPolicyHost } from "../support/policy-host";
import { REPO_ROOT } from "../support/processes";
import { createPluginProvider } from "../../provider/plugin/plugin-provider";
import { PLUGIN_CERTIFICATES_TYPE } from "../../provider/plugin/tokens";


/** The checked inputs of a Certificates resource, produced by the real check operation against the fake API. */
async function checkedInputs(api: FakeOpenAI, certificates: CertificateSpec[], extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    api.setState({ certificates });
    const { inputs, failures } = await dynamicOperations.checkCertificatesResource({ ...extra }, { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl });
    assert.deepEqual(failures ?? [], []);
    return inputs;
}

const expiring = namedCertificate;

describe("certificateViolations (the policies' logic)", () => {
    const config = { now: NOW.toISOString() };
    // As a Certificates resource stores its list: with when it was read (here, at the clock's time).
    const readAt = NOW.toISOString();
    const props = (certificates: unknown) => ({ certificates, readAt });
    const c = (days: number, fields = {}) => cert({ id: `cert_${days}`, name: `in-${days}-days`, expiresIn: days * DAY, validIn: null }, { createdAt: NOW_SECONDS - 100 * DAY, ...fields });

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

    // A violation did not say whether projects were read, so "no violation" could mean "not looked at" (issue 23, item 8).
    it("names the scope the resource read in each violation", () => {
        const [organization] = certificateViolations(props([c(5)]), config, "fail");
        assert.match(organization, /\. Scope read: the organization's own list only \(allProjects: true also judges certificates active only in a project\)\.$/);
        const [everywhere] = certificateViolations({ allProjects: true, certificates: [c(5)], readAt }, config, "fail");
        assert.match(everywhere, /\. Scope read: the organization and every project\.$/);
        const [project] = certificateViolations({ projectId: "proj_payments", certificates: [c(20)], readAt }, config, "warn");
        assert.match(project, /\. Scope read: project proj_payments\.$/);
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

    describe("data unknown during preview (issue 11)", () => {
        // What the provider's check returns for `projectId: project.id` while the project is not created yet.
        const unknownProject = { projectId: UNKNOWN, certificates: UNKNOWN, unknownInputs: ["projectId"] };

        it("is a mandatory violation by default, naming the input and the way forward", () => {
            const [violation, ...more] = certificateViolations(unknownProject, config, "fail");
            assert.deepEqual(more, []);
            assert.match(violation, /^input "projectId" is not known during preview/);
            assert.match(violation, /failing closed/);
            assert.match(violation, /create that resource in an earlier update/);
            assert.match(violation, /unknownDuringPreview to "defer"/);
            assert.deepEqual(certificateViolations(unknownProject, config, "warn"), [], "the mandatory policy says it; the advisory one stays quiet");
            assert.deepEqual(certificateViolations(unknownProject, { ...config, unknownDuringPreview: "fail" }, "fail"), [violation]);
        });

        it('with unknownDuringPreview "defer" is an advisory saying the judgement happens in the update', () => {
            const deferred = { ...config, unknownDuringPreview: "defer" as const };
            assert.deepEqual(certificateViolations(unknownProject, deferred, "fail"), []);
            const [advice, ...more] = certificateViolations(unknownProject, deferred, "warn");
            assert.deepEqual(more, []);
            assert.match(advice, /^input "projectId" is not known during preview.*judged in the update, once known/);
        });

        it("names every unknown input, and fails closed on unknown certificates even with no input named", () => {
            const two = certificateViolations({ baseUrl: UNKNOWN, projectId: UNKNOWN, certificates: UNKNOWN }, config, "fail");
            assert.match(two[0], /^inputs "baseUrl" and "projectId" are not known during preview/);
            const unnamed = certificateViolations({ certificates: UNKNOWN }, config, "fail");
            assert.match(unnamed[0], /^its certificate list is not known during preview.*failing closed/);
        });

        it("refuses an unknownDuringPreview that is neither fail nor defer, failing closed", () => {
            for (const resource of [unknownProject, props([c(60)])]) {
                const [violation] = certificateViolations(resource, { ...config, unknownDuringPreview: "defr" as never }, "fail");
                assert.match(violation, /policy configuration is invalid: Invalid argument "unknownDuringPreview": must be "fail" or "defer"/);
            }
        });

        it("reads the policy host's proxy without letting its UnknownValueError escape (which would downgrade the gate to advisory)", () => {
            const run = (policy: typeof certificateExpiryPolicy, unknownDuringPreview?: string) => {
                const reported: string[] = [];
                const args = { type: CERTIFICATES_TYPE, name: "payments-certificates", urn: "urn:pulumi:x", props: unknownCheckingProxy({ projectId: UNKNOWN, certificates: UNKNOWN }), getConfig: () => ({ ...config, unknownDuringPreview }) };
                const validate = policy.validateResource as (a: never, report: (message: string) => void) => void;
                validate(args as never, (message) => void reported.push(message));
                return reported;
            };
            const [mandatory] = run(certificateExpiryPolicy);
            assert.match(mandatory, /^Certificates resource "payments-certificates": input "projectId" is not known during preview/);
            assert.deepEqual(run(certificateExpiryWarningPolicy), []);
            assert.deepEqual(run(certificateExpiryPolicy, "defer"), []);
            assert.match(run(certificateExpiryWarningPolicy, "defer")[0], /^Certificates resource "payments-certificates": input "projectId" is not known during preview/);
        });

        it("fails closed on an unknown value nested inside the list too", () => {
            const [violation, ...more] = certificateViolations(unknownCheckingProxy({ certificates: [c(60), UNKNOWN], readAt }), config, "fail");
            assert.deepEqual(more, []);
            assert.match(violation, /^its certificate list is not known during preview.*failing closed/);
        });
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

        // One policy host for the describe (a host costs about 1.5 CPU-seconds to start): each test
        // configures it afresh, and ConfigureAnalyzer replaces the whole configuration
        // (@pulumi/policy's server.js), so a test sees what a newly started host would.
        before(async () => {
            host = await startPolicyHost({ hostScript: await setup.hostScript(), packDir: await setup.packDir() });
        });
        after(async () => {
            await host?.close();
        });
        beforeEach(async () => {
            api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, nowSeconds: NOW_SECONDS });
            // The engine sends the schema defaults; `now` pins the clock to the fixtures'.
            await host.configure({
                [EXPIRY_POLICY_NAME]: { enforcementLevel: ENFORCEMENT.MANDATORY, properties: { warnWithin: "30d", failWithin: "14d", now: NOW.toISOString() } },
                [EXPIRY_WARNING_POLICY_NAME]: { enforcementLevel: ENFORCEMENT.ADVISORY, properties: { warnWithin: "30d", failWithin: "14d", now: NOW.toISOString() } },
            });
        });
        afterEach(async () => {
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

        it("judges the provider plugin's Certificates (openai-certificates:index:Certificates) exactly as the dynamic one (issue 24)", async () => {
            const certificates = [expiring("gateway", 5), expiring("edge", 20), expiring("healthy", 90)];
            const viaDynamic = await analyze(certificates);
            const plugin = createPluginProvider({ configure: { name: "default", urn: "urn:pulumi:test::certs-test::pulumi:providers:openai-certificates::default", args: { adminApiKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl } } });
            const checked = await plugin.check!(`urn:pulumi:test::certs-test::${PLUGIN_CERTIFICATES_TYPE}::org-certificates`, {}, {});
            assert.equal(checked.failures, undefined);
            const viaPlugin = await host.analyze({ type: PLUGIN_CERTIFICATES_TYPE, name: "org-certificates", properties: checked.inputs });
            // Each read has its own time; everything else is the same judgement.
            const judged = (diagnostics: typeof viaDynamic) => diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message.replace(/read at \S+/g, "read at <readAt>")]);
            assert.equal(viaPlugin.length, 2, "a mandatory violation at 5 days and an advisory one at 20");
            assert.deepEqual(judged(viaPlugin), judged(viaDynamic));
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

        describe("a resource whose input is unknown during preview (issue 11)", () => {
            // The checked inputs as the provider's check returns them while the project is not created yet.
            const unknownProject = () => dynamicOperations.checkCertificatesResource({ projectId: UNKNOWN }, { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl }).then((r) => r.inputs);
            const configure = (unknownDuringPreview?: string) =>
                host.configure({
                    [EXPIRY_POLICY_NAME]: { enforcementLevel: ENFORCEMENT.MANDATORY, properties: { now: NOW.toISOString(), ...(unknownDuringPreview ? { unknownDuringPreview } : {}) } },
                    [EXPIRY_WARNING_POLICY_NAME]: { enforcementLevel: ENFORCEMENT.ADVISORY, properties: { now: NOW.toISOString(), ...(unknownDuringPreview ? { unknownDuringPreview } : {}) } },
                });

            it("is a mandatory violation naming the resource and the input, not the host's advisory \"can't run policy\"", async () => {
                for (const unknownDuringPreview of [undefined, "fail"]) {
                    await configure(unknownDuringPreview);
                    const diagnostics = await host.analyze({ type: CERTIFICATES_TYPE, name: "payments-certificates", properties: await unknownProject() });
                    assert.deepEqual(
                        diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                        [[EXPIRY_POLICY_NAME, ENFORCEMENT.MANDATORY]],
                        JSON.stringify(diagnostics),
                    );
                    assert.match(diagnostics[0].message, /\nCertificates resource "payments-certificates": input "projectId" is not known during preview.*failing closed/);
                    assert.doesNotMatch(diagnostics[0].message, /can't run policy/);
                }
                assert.equal(api.requests.length, 0);
            });

            it("leaves alone a new resource left out of `pulumi up --target`, which the engine sends with no properties at all", async () => {
                assert.deepEqual(await host.analyze({ type: CERTIFICATES_TYPE, name: "payments-certificates", properties: {} }), []);
                // Anything the provider's check produced has properties, and is judged: here it fails closed.
                const checkFailed = await host.analyze({ type: CERTIFICATES_TYPE, name: "payments-certificates", properties: { onReadError: "fail" } });
                assert.equal(checkFailed.length, 1);
                assert.equal(checkFailed[0].enforcementLevel, ENFORCEMENT.MANDATORY);
            });

            it("fails closed on unknown certificates with no list of unknown inputs too (the bare sentinel)", async () => {
                const diagnostics = await host.analyze({ type: CERTIFICATES_TYPE, name: "org-certificates", properties: { certificates: UNKNOWN } });
                assert.deepEqual(
                    diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                    [[EXPIRY_POLICY_NAME, ENFORCEMENT.MANDATORY]],
                );
                assert.match(diagnostics[0].message, /its certificate list is not known during preview/);
            });

            it('with unknownDuringPreview "defer", is one advisory saying it is judged in the update', async () => {
                await configure("defer");
                const diagnostics = await host.analyze({ type: CERTIFICATES_TYPE, name: "payments-certificates", properties: await unknownProject() });
                assert.deepEqual(
                    diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
                    [[EXPIRY_WARNING_POLICY_NAME, ENFORCEMENT.ADVISORY]],
                );
                assert.match(diagnostics[0].message, /input "projectId" is not known during preview.*judged in the update/);
                // Once the input is known (the update), the resource is judged as usual.
                api.setState({ certificates: [expiring("gateway", 5)], projects: [{ id: "proj_payments", name: "payments", certificates: [{ id: "cert_gateway", active: true }] }] });
                const checked = await dynamicOperations.checkCertificatesResource({ projectId: "proj_payments" }, { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl });
                assert.deepEqual(checked.failures ?? [], []);
                const known = await host.analyze({ type: CERTIFICATES_TYPE, name: "payments-certificates", properties: checked.inputs });
                assert.deepEqual(
                    known.map((d) => [d.policyName, d.enforcementLevel]),
                    [[EXPIRY_POLICY_NAME, ENFORCEMENT.MANDATORY]],
                );
            });
        });
    });
}

import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { dynamicOperations } from "../../provider";
import { CertificateExpiryError, InvalidArgumentError, assertCertificateExpiry, evaluateCertificateExpiry, getCertificateUsage, getCertificateUsageOutput } from "../../sdk";
import { certificateViolations } from "../../sdk/policies";
import { DAY, LEAK_CANARY_KEY, NOW_SECONDS, failedArguments, rejectionOf, useFakeApi } from "../support/fixtures";


describe("getCertificateUsage and the gates on it", () => {
    // "payments-legacy" is inactive at the organization level but active in proj_payments, and expires in 5 days.
    const api = useFakeApi(() => ({
        seed: {
            certificates: [
                { id: "cert_gw", name: "gateway", createdAt: NOW_SECONDS - 300, expiresAt: NOW_SECONDS + 90 * DAY },
                { id: "cert_legacy", name: "payments-legacy", createdAt: NOW_SECONDS - 200, expiresAt: NOW_SECONDS + 5 * DAY, active: false },
            ],
            projects: [
                { id: "proj_payments", name: "Payments", certificates: [{ id: "cert_legacy", active: true }] },
                { id: "proj_old", name: "Old", archived: true, certificates: [{ id: "cert_gw", active: true }] },
            ],
        },
    }));
    const args = () => ({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });

    it("returns every certificate with where it is active, and echoes its arguments", async () => {
        const usage = await getCertificateUsage({ ...args(), concurrency: 3 });
        assert.equal(usage.id, "organization-usage");
        assert.equal(usage.concurrency, 3);
        assert.equal(usage.includeArchived, false);
        assert.deepEqual(
            usage.projects.map((p) => p.id),
            ["proj_payments"],
        );
        const legacy = usage.certificates.find((c) => c.id === "cert_legacy")!;
        assert.deepEqual([legacy.activeInOrganization, legacy.activeAnywhere, legacy.activeProjectIds], [false, true, ["proj_payments"]]);
        assert.ok(!JSON.stringify(usage).includes(LEAK_CANARY_KEY));
    });

    it("the evaluation judges activeAnywhere and names the project", async () => {
        const usage = await getCertificateUsage(args());
        const report = evaluateCertificateExpiry(usage, { now: new Date(NOW_SECONDS * 1000) });
        const legacy = report.findings.find((f) => f.id === "cert_legacy")!;
        assert.equal(legacy.state, "fail");
        assert.deepEqual(legacy.projects, ["proj_payments"]);
        assert.match(legacy.message, /active in project proj_payments/);
        assert.equal(report.passed, false);

        // The organization list alone misses it: this is why the view exists.
        const orgOnly = evaluateCertificateExpiry(
            usage.certificates.map(({ activeAnywhere: _a, activeProjectIds: _p, ...c }) => c),
            { now: new Date(NOW_SECONDS * 1000) },
        );
        assert.equal(orgOnly.findings.find((f) => f.id === "cert_legacy")!.state, "skipped");
    });

    it("the in-program assertion fails on it, naming the project", async () => {
        const usage = await getCertificateUsage(args());
        assert.throws(
            () => assertCertificateExpiry(usage, { now: new Date(NOW_SECONDS * 1000) }, { warn: () => undefined, info: () => undefined }),
            (e: unknown) => e instanceof CertificateExpiryError && /proj_payments/.test(e.message) && /cert_legacy/.test(e.message),
        );
    });

    it("the Certificates resource with allProjects holds the view, for the policy gate", async () => {
        const { inputs, failures } = await dynamicOperations.checkCertificatesResource({ allProjects: true, includeArchived: true }, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        assert.deepEqual(failures ?? [], []);
        const certs = inputs.certificates as Array<{ id: string; activeAnywhere: boolean; activeProjectIds: string[] }>;
        assert.deepEqual(
            certs.map((c) => [c.id, c.activeAnywhere, c.activeProjectIds]),
            [
                ["cert_legacy", true, ["proj_payments"]],
                ["cert_gw", true, ["proj_old"]],
            ],
        );
        assert.equal(dynamicOperations.createCertificates(inputs).id, "organization-usage");
    });

    it("a project's list with an earlier expiry than the organization's: every gate judges the earliest and notes it (issue 12, item 4)", async () => {
        // proj_old (archived) lists cert_gw as expiring in 3 days; the organization list says 90.
        api().injectFault({
            path: "/organization/projects/proj_old/certificates",
            action: { kind: "transform", transform: (body) => ({ ...body, data: body.data.map((c: any) => ({ ...c, certificate_details: { ...c.certificate_details, expires_at: NOW_SECONDS + 3 * DAY } })) }) },
        });
        const now = new Date(NOW_SECONDS * 1000);
        const usage = await getCertificateUsage({ ...args(), includeArchived: true });
        const gateway = usage.certificates.find((c) => c.id === "cert_gw")!;
        assert.equal(gateway.expiresAt, NOW_SECONDS + 3 * DAY);
        assert.match(gateway.expiryDisagreement ?? "", /the organization list: expires .*; project proj_old: expires /);

        const finding = evaluateCertificateExpiry(usage, { now }).findings.find((f) => f.id === "cert_gw")!;
        assert.equal(finding.state, "fail");
        assert.match(finding.anomalies?.join() ?? "", /lists disagree on its dates/);
        assert.match(finding.message, /Data problem: its lists disagree on its dates/);

        const { inputs } = await dynamicOperations.checkCertificatesResource({ allProjects: true, includeArchived: true }, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        const violations = certificateViolations(inputs, { now: now.toISOString() }, "fail");
        assert.ok(violations.some((v) => /cert_gw/.test(v) && /lists disagree on its dates/.test(v)), violations.join("\n"));
    });

    it("refuses allProjects together with projectId, naming it", async () => {
        const { failures } = await dynamicOperations.checkCertificatesResource({ allProjects: true, projectId: "proj_payments" }, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        assert.deepEqual(failedArguments(failures), ["allProjects"]);
    });

    it("refuses a concurrency out of range before sending anything", async () => {
        const error = await rejectionOf(getCertificateUsage({ ...args(), concurrency: 0 }));
        assert.ok(error instanceof InvalidArgumentError);
        assert.equal(error.argument, "concurrency");
        assert.equal(api().requests.length, 0);
    });

    it("has an Output form that takes Inputs", async () => {
        const output = getCertificateUsageOutput({ adminKey: pulumi.secret(LEAK_CANARY_KEY), baseUrl: pulumi.output(api().baseUrl), includeArchived: true });
        const usage = await new Promise<Awaited<ReturnType<typeof getCertificateUsage>>>((resolve) => output.apply(resolve));
        assert.equal(usage.projects.length, 2);
    });
});

import { strict as assert } from "assert";
import { dynamicOperations } from "../../../provider";
import { evaluateCertificateExpiry } from "../../../sdk";
import { certificateKeyOf } from "../../../provider/api/certificate-keys";
import { DAY, LEAK_CANARY_KEY, NOW, NOW_SECONDS, useFakeApi } from "../../support/fixtures";
import type { CertificateSpec } from "../../../fake-api";

const CONTENT_READ = /^\/organization\/certificates\/cert_[a-z0-9_]+$/;

/** A rotation as the fake seeds it: the old CA, its same-key renewal, a re-keyed one, and an inactive one. */
const ROTATION: CertificateSpec[] = [
    { id: "cert_old", name: "payments-ca-2025", commonName: "Payments CA", keyGroup: "payments", createdAt: NOW_SECONDS - 300 * DAY, expiresAt: NOW_SECONDS + 5 * DAY },
    { id: "cert_new", name: "payments-ca-2026", commonName: "Payments CA", keyGroup: "payments", createdAt: NOW_SECONDS - 2 * DAY, expiresAt: NOW_SECONDS + 400 * DAY },
    { id: "cert_gateway", name: "gateway", createdAt: NOW_SECONDS - 10 * DAY, expiresAt: NOW_SECONDS + 90 * DAY },
    { id: "cert_retired", name: "retired", active: false, createdAt: NOW_SECONDS - 500 * DAY, expiresAt: NOW_SECONDS + 2 * DAY },
];

/** Issue 25: Certificates reads each active certificate's content once and keeps only its subject and key hash. */
describe("Certificates reads each active certificate's subject and public key from its content, once per id (issue 25)", () => {
    const api = useFakeApi(() => ({ seed: { certificates: ROTATION } }));
    const settings = () => ({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
    const contentReads = () => api().requests.filter((r) => r.method === "GET" && CONTENT_READ.test(r.path));

    it("keeps the subject and the SHA-256 of the public key of each active certificate, never the PEM", async () => {
        const { inputs } = await dynamicOperations.checkCertificatesResource({}, settings());
        const certificates = inputs.certificates as Array<Record<string, unknown>>;
        const byId = Object.fromEntries(certificates.map((c) => [c.id, c]));
        assert.equal(byId.cert_old.subject, "CN=Payments CA");
        assert.match(String(byId.cert_old.publicKeySha256), /^[0-9a-f]{64}$/);
        assert.equal(byId.cert_old.publicKeySha256, byId.cert_new.publicKeySha256);
        assert.notEqual(byId.cert_gateway.publicKeySha256, byId.cert_old.publicKeySha256);
        assert.equal(byId.cert_retired.subject, undefined, "an inactive certificate is not read");
        // The key matches the content the API serves, and no PEM reached the state.
        const served = api().state.certificates.find((c) => c.id === "cert_old")!.content!;
        assert.deepEqual(certificateKeyOf(served), { subject: "CN=Payments CA", publicKeySha256: byId.cert_old.publicKeySha256 });
        assert.doesNotMatch(JSON.stringify(inputs), /BEGIN CERTIFICATE|MII/);
        assert.deepEqual(contentReads().map((r) => [r.path, r.query["include[]"]]).sort(), [
            ["/organization/certificates/cert_gateway", "content"],
            ["/organization/certificates/cert_new", "content"],
            ["/organization/certificates/cert_old", "content"],
        ]);
    });

    it("reads no content again for the ids the previous inputs hold: only a new certificate costs a request", async () => {
        const first = (await dynamicOperations.checkCertificatesResource({}, settings())).inputs;
        assert.equal(contentReads().length, 3);
        api().resetStats();
        const again = (await dynamicOperations.checkCertificatesResource({}, settings(), first)).inputs;
        assert.equal(contentReads().length, 0, "every id was known");
        assert.equal(dynamicOperations.diffCertificates(first, again).changes, false);

        api().state.certificates.push({ id: "cert_added", name: "added", createdAt: NOW_SECONDS - DAY, expiresAt: NOW_SECONDS + 200 * DAY, active: true });
        api().resetStats();
        await dynamicOperations.checkCertificatesResource({}, settings(), again);
        assert.deepEqual(contentReads().map((r) => r.path), ["/organization/certificates/cert_added"]);
    });

    it("refresh (read) reuses what the stored outputs hold", async () => {
        const first = (await dynamicOperations.checkCertificatesResource({}, settings())).inputs;
        api().resetStats();
        const refreshed = await dynamicOperations.readCertificatesResource("organization", first, settings());
        assert.equal(contentReads().length, 0);
        assert.equal((refreshed.props.certificates as Array<{ id: string; subject?: string }>).find((c) => c.id === "cert_old")?.subject, "CN=Payments CA");
    });

    it("a rotation whose successor has the same key passes the evaluation with no exemption; the stored fields alone decide", async () => {
        const { inputs } = await dynamicOperations.checkCertificatesResource({}, settings());
        const report = evaluateCertificateExpiry(JSON.parse(JSON.stringify(inputs.certificates)), { now: NOW });
        assert.equal(report.passed, true, report.summary);
        assert.equal(report.findings.find((f) => f.id === "cert_old")?.state, "renewed");
    });

    it("content it cannot read fails closed, saying why, and the read is tried again next time", async () => {
        api().injectFault({ path: "/organization/certificates/cert_old", method: "GET", action: { kind: "status", status: 404 } });
        const { inputs, failures } = await dynamicOperations.checkCertificatesResource({ maxRetries: 0 }, settings());
        assert.equal(failures, undefined);
        const old = (inputs.certificates as Array<Record<string, unknown>>).find((c) => c.id === "cert_old")!;
        assert.equal(old.publicKeySha256, undefined);
        assert.match(String(old.contentProblem), /could not be read \(not_found\)/);
        const report = evaluateCertificateExpiry(inputs.certificates as never, { now: NOW });
        assert.equal(report.passed, false);
        assert.match(report.findings.find((f) => f.id === "cert_old")!.message, /Whether it was renewed is unknown/);

        api().clearFaults();
        api().resetStats();
        const retried = (await dynamicOperations.checkCertificatesResource({}, settings(), inputs)).inputs;
        assert.deepEqual(contentReads().map((r) => r.path), ["/organization/certificates/cert_old"]);
        assert.equal((retried.certificates as Array<Record<string, unknown>>).find((c) => c.id === "cert_old")!.contentProblem, undefined);
    });
});

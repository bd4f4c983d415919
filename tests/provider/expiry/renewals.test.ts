import { strict as assert } from "assert";
import { InvalidArgumentError, assertCertificateExpiry, evaluateCertificateExpiry } from "../../../sdk";
import type { CertificateToEvaluate, ExpiryOptions } from "../../../sdk";
import { NOW, NOW_SECONDS, DAY, cert } from "../../support/fixtures";

const KEY_A = "a".repeat(64);
const KEY_B = "b".repeat(64);
const SUBJECT = "CN=Payments CA,O=Example";

/** A certificate whose content was read: its subject and key. */
function keyed(spec: Parameters<typeof cert>[0], key: string = KEY_A, subject: string = SUBJECT): CertificateToEvaluate {
    return cert(spec, { subject, publicKeySha256: key });
}

function judge(certificates: CertificateToEvaluate[], options: ExpiryOptions = {}) {
    const report = evaluateCertificateExpiry(certificates, { now: NOW, ...options });
    return { report, finding: (id: string) => report.findings.find((f) => f.id === id)! };
}

describe("renewals: an expiring certificate with a same-subject, same-key successor is renewed, not a risk (issue 25)", () => {
    it("renews a failing certificate whose successor has the same subject and key: it passes, naming the successor and its expiry", () => {
        const { report, finding } = judge([keyed({ id: "cert_old", name: "payments-2025", expiresIn: "5d" }), keyed({ id: "cert_new", name: "payments-2026", expiresIn: "400d" })]);
        assert.equal(report.passed, true);
        const old = finding("cert_old");
        assert.equal(old.state, "renewed");
        assert.equal(old.severity, "info");
        assert.deepEqual(old.renewedBy, { id: "cert_new", name: "payments-2026", expiresAt: NOW_SECONDS + 400 * DAY });
        assert.match(old.message, /renewed by certificate "payments-2026" \(cert_new\), active with the same subject and public key until 2027-02-19/);
        assert.match(old.message, /No exemption is needed/);
        assert.equal(report.counts.renewed, 1);
        assert.equal(finding("cert_new").state, "ok");
        assert.equal(report.thresholds.renewals, "pass");
    });

    it("renews a certificate that would only warn, too: it neither warns nor fails", () => {
        const { report, finding } = judge([keyed({ id: "cert_old", expiresIn: "20d" }), keyed({ id: "cert_new", expiresIn: "400d" })]);
        assert.equal(finding("cert_old").state, "renewed");
        assert.equal(report.findings.filter((f) => f.severity === "warn").length, 0);
    });

    it("fails a same-subject successor with a different key, and says so as the reason", () => {
        const { report, finding } = judge([keyed({ id: "cert_old", expiresIn: "5d" }), keyed({ id: "cert_rekeyed", name: "rekeyed", expiresIn: "400d" }, KEY_B)]);
        assert.equal(report.passed, false);
        const old = finding("cert_old");
        assert.equal(old.state, "fail");
        assert.equal(old.renewedBy, undefined);
        assert.match(old.message, /Not a renewal: certificate "rekeyed" \(cert_rekeyed\) has the same subject \(CN=Payments CA,O=Example\) but a different public key/);
    });

    it("does not take a different subject with the same key for a renewal", () => {
        const { report } = judge([keyed({ id: "cert_old", expiresIn: "5d" }), keyed({ id: "cert_other", expiresIn: "400d" }, KEY_A, "CN=Other CA")]);
        assert.equal(report.passed, false);
    });

    it("warns, never fails, on an expired certificate that was renewed: deactivate and delete it", () => {
        const { report, finding } = judge([keyed({ id: "cert_old", expiresIn: "-2d" }), keyed({ id: "cert_new", expiresIn: "400d" })]);
        assert.equal(report.passed, true);
        assert.equal(finding("cert_old").state, "renewed");
        assert.equal(finding("cert_old").severity, "warn");
        assert.match(finding("cert_old").message, /Deactivate it and delete it\./);
    });

    it("is not a renewal when the successor is itself within the fail threshold, and says why", () => {
        const { report, finding } = judge([keyed({ id: "cert_old", expiresIn: "3d" }), keyed({ id: "cert_new", name: "new", expiresIn: "10d" })]);
        assert.equal(report.passed, false);
        assert.equal(finding("cert_old").state, "fail");
        assert.match(finding("cert_old").message, /Not a renewal: certificate "new" \(cert_new\) has the same subject and public key but is itself within the fail threshold/);
    });

    it("is not a renewal when the successor is inactive or not yet valid", () => {
        assert.equal(judge([keyed({ id: "cert_old", expiresIn: "5d" }), keyed({ id: "cert_new", expiresIn: "400d", active: false })]).report.passed, false);
        const notYet = judge([keyed({ id: "cert_old", expiresIn: "5d" }), keyed({ id: "cert_new", expiresIn: "400d", validIn: "2d" })]);
        assert.equal(notYet.finding("cert_old").state, "fail");
        assert.match(notYet.finding("cert_old").message, /is itself not valid until/);
    });

    it("takes an organization-level successor for a certificate active in a project (the organization-wide view)", () => {
        const old = keyed({ id: "cert_old", expiresIn: "5d", active: false, activeAnywhere: true, activeProjectIds: ["proj_a"] });
        const orgWide = keyed({ id: "cert_org", expiresIn: "400d", active: true, activeAnywhere: true, activeProjectIds: [] });
        assert.equal(judge([old, orgWide]).finding("cert_old").state, "renewed");
    });

    it("does not take a successor active in another project, nor a project-level one for an organization-level certificate", () => {
        const inA = keyed({ id: "cert_old", expiresIn: "5d", active: false, activeAnywhere: true, activeProjectIds: ["proj_a"] });
        const inB = keyed({ id: "cert_b", expiresIn: "400d", active: false, activeAnywhere: true, activeProjectIds: ["proj_b"] });
        const other = judge([inA, inB]);
        assert.equal(other.finding("cert_old").state, "fail");
        assert.match(other.finding("cert_old").message, /is not active everywhere this one is/);
        const atOrg = keyed({ id: "cert_old", expiresIn: "5d", active: true, activeAnywhere: true, activeProjectIds: [] });
        const inProject = keyed({ id: "cert_p", expiresIn: "400d", active: false, activeAnywhere: true, activeProjectIds: ["proj_a"] });
        assert.equal(judge([atOrg, inProject]).finding("cert_old").state, "fail");
        const sameProject = keyed({ id: "cert_p", expiresIn: "400d", active: false, activeAnywhere: true, activeProjectIds: ["proj_a", "proj_c"] });
        assert.equal(judge([inA, sameProject]).finding("cert_old").state, "renewed");
    });

    it("names the successor that expires last among several", () => {
        const { finding } = judge([keyed({ id: "cert_old", expiresIn: "5d" }), keyed({ id: "cert_mid", expiresIn: "200d" }), keyed({ id: "cert_last", expiresIn: "400d" })]);
        assert.equal(finding("cert_old").renewedBy?.id, "cert_last");
    });

    describe("the renewals setting", () => {
        const rotation = () => [keyed({ id: "cert_old", expiresIn: "5d" }), keyed({ id: "cert_new", expiresIn: "400d" })];

        it('"pass" is the default', () => {
            assert.equal(judge(rotation()).finding("cert_old").severity, "info");
            assert.equal(judge(rotation(), { renewals: "pass" }).finding("cert_old").severity, "info");
        });

        it('"warn" keeps the renewed state and warns', () => {
            const { report, finding } = judge(rotation(), { renewals: "warn" });
            assert.equal(report.passed, true);
            assert.equal(finding("cert_old").state, "renewed");
            assert.equal(finding("cert_old").severity, "warn");
            assert.match(finding("cert_old").message, /renewals: "warn"/);
        });

        it('"judge" judges a renewed certificate as any other, and still names the successor', () => {
            const { report, finding } = judge(rotation(), { renewals: "judge" });
            assert.equal(report.passed, false);
            assert.equal(finding("cert_old").state, "fail");
            assert.equal(finding("cert_old").renewedBy, undefined);
            assert.match(finding("cert_old").message, /renewed by certificate "cert-new" \(cert_new\).*but renewals: "judge" judges it as any certificate/);
            assert.equal(report.thresholds.renewals, "judge");
        });

        it("refuses anything else with a typed error naming renewals, without quoting the value", () => {
            for (const bad of ["ignore", 1, true, null]) {
                assert.throws(
                    () => evaluateCertificateExpiry(rotation(), { now: NOW, renewals: bad as never }),
                    (e: unknown) => e instanceof InvalidArgumentError && e.argument === "renewals" && /"pass", "warn", "judge"/.test(e.message) && !e.message.includes("ignore"),
                );
            }
        });
    });

    describe("content that could not be read", () => {
        it("fails closed, as before, and says why in the message", () => {
            const unreadable = cert({ id: "cert_old", expiresIn: "5d" }, { contentProblem: "its content could not be read (not_found): No certificate found." });
            const { report, finding } = judge([unreadable, keyed({ id: "cert_new", expiresIn: "400d" })]);
            assert.equal(report.passed, false);
            assert.equal(finding("cert_old").state, "fail");
            assert.match(finding("cert_old").message, /Whether it was renewed is unknown: its content could not be read \(not_found\)/);
        });

        it("never takes a certificate whose content could not be read for a successor", () => {
            const unreadableSuccessor = cert({ id: "cert_new", expiresIn: "400d" }, { contentProblem: "the content holds no PEM certificate block" });
            assert.equal(judge([keyed({ id: "cert_old", expiresIn: "5d" }), unreadableSuccessor]).report.passed, false);
        });

        it("judges as before when no key was read at all (a list without content)", () => {
            const { report, finding } = judge([cert({ id: "cert_old", expiresIn: "5d" }), cert({ id: "cert_new", expiresIn: "400d" })]);
            assert.equal(report.passed, false);
            assert.doesNotMatch(finding("cert_old").message, /renew/i);
        });

        it("refuses key fields of the wrong type, naming the field", () => {
            assert.throws(() => evaluateCertificateExpiry([cert({ id: "cert_x", expiresIn: "5d" }, { publicKeySha256: 7 })], { now: NOW }), (e: unknown) => e instanceof InvalidArgumentError && e.argument === "certificates[0].publicKeySha256");
        });
    });

    it("the in-program gate passes a renewal, says so at info level, and takes renewals too", () => {
        const infos: string[] = [];
        const warnings: string[] = [];
        const logger = { info: (m: string) => void infos.push(m), warn: (m: string) => void warnings.push(m) };
        const rotation = [keyed({ id: "cert_old", expiresIn: "5d" }), keyed({ id: "cert_new", expiresIn: "400d" })];
        assert.equal(assertCertificateExpiry(rotation, { now: NOW }, logger).passed, true);
        assert.equal(infos.length, 1);
        assert.match(infos[0], /renewed by certificate "cert-new" \(cert_new\)/);
        assert.deepEqual(warnings, []);
        assert.throws(() => assertCertificateExpiry(rotation, { now: NOW, renewals: "judge" }, logger), /cert_old/);
    });

    it("leaves an exemption in charge: a live exemption wins over a renewal", () => {
        const { finding } = judge(
            [keyed({ id: "cert_old", expiresIn: "5d" }), keyed({ id: "cert_new", expiresIn: "400d" })],
            { exemptions: [{ id: "cert_old", reason: "rotation", until: "2026-02-01" }] },
        );
        assert.equal(finding("cert_old").state, "exempted");
    });
});

import { strict as assert } from "assert";
import { certificatePolicyConfigSchema, certificateViolations } from "../../sdk/policies";
import { DAY, NOW, NOW_SECONDS, cert } from "../support/fixtures";

/** Issue 25: the pack tells a renewal from a risk, from the fields the resource stored, with no request. */
describe("the policies judge renewals from stored fields only (issue 25)", () => {
    const now = NOW.toISOString();
    const readAt = new Date((NOW_SECONDS - 3600) * 1000).toISOString();
    const key = (c: string) => c.repeat(64);
    const stored = (certificates: unknown[]) => ({ certificates, readAt });
    const old = cert({ id: "cert_old", name: "payments-2025", expiresIn: 5 * DAY }, { subject: "CN=Payments CA", publicKeySha256: key("a") });
    const renewal = cert({ id: "cert_new", name: "payments-2026", expiresIn: 400 * DAY }, { subject: "CN=Payments CA", publicKeySha256: key("a") });
    const rekeyed = cert({ id: "cert_rekeyed", name: "payments-rekeyed", expiresIn: 400 * DAY }, { subject: "CN=Payments CA", publicKeySha256: key("b") });

    it("passes a same-key rotation with no exemption, and the advisory policy lists the renewal with its successor", () => {
        assert.deepEqual(certificateViolations(stored([old, renewal]), { now }, "fail"), []);
        const [advice, ...more] = certificateViolations(stored([old, renewal]), { now }, "warn");
        assert.deepEqual(more, []);
        assert.match(advice, /Certificate "payments-2025" \(cert_old\) expires in 5 days.*renewed by certificate "payments-2026" \(cert_new\), active with the same subject and public key until 2027-02-19/);
        // Synchronous: the verdict is there when the call returns, so nothing was read from anywhere.
        assert.ok(Array.isArray(certificateViolations(stored([old, renewal]), { now }, "fail")));
    });

    it("fails a different-key successor, with the reason", () => {
        const [violation] = certificateViolations(stored([old, rekeyed]), { now }, "fail");
        assert.match(violation, /cert_old.*Not a renewal: certificate "payments-rekeyed" \(cert_rekeyed\) has the same subject \(CN=Payments CA\) but a different public key/);
    });

    it("takes renewals from the pack config: warn makes it advisory, judge fails it; anything else fails closed naming the setting", () => {
        assert.deepEqual(certificateViolations(stored([old, renewal]), { now, renewals: "warn" }, "fail"), []);
        assert.equal(certificateViolations(stored([old, renewal]), { now, renewals: "warn" }, "warn").length, 1);
        assert.match(certificateViolations(stored([old, renewal]), { now, renewals: "judge" }, "fail")[0], /but renewals: "judge" judges it as any certificate/);
        const [invalid] = certificateViolations(stored([old, renewal]), { now, renewals: "sometimes" as never }, "fail");
        assert.match(invalid, /policy configuration is invalid: .*renewals.*must be one of "pass", "warn", "judge"/);
        assert.doesNotMatch(invalid, /sometimes/);
    });

    it("declares renewals in the config schema with its default", () => {
        assert.deepEqual(certificatePolicyConfigSchema.properties.renewals, { ...certificatePolicyConfigSchema.properties.renewals, type: "string", enum: ["pass", "warn", "judge"], default: "pass" });
    });

    it("fails closed on stored key fields of the wrong type", () => {
        const [violation] = certificateViolations(stored([{ ...old, publicKeySha256: 12 }, renewal]), { now }, "fail");
        assert.match(violation, /has no readable certificate data \(0\.publicKeySha256: expected string\); failing closed/);
    });
});

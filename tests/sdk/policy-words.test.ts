import { strict as assert } from "assert";
import { activationViolations, certificateExpiryPolicy, certificateViolations } from "../../sdk/policies";
import { DAY, NOW, NOW_SECONDS, cert } from "../support/fixtures";


/** Issue 23, item 11: what the gate's words tell a person in the middle of a rotation. */
describe("the gate's words (issue 23, item 11)", () => {
    const now = NOW.toISOString();
    const old = cert({ id: "cert_old", name: "gateway-old", expiresIn: 5 * DAY }, { createdAt: NOW_SECONDS - 300 * DAY });
    // The list as a Certificates resource stores it: read by this very preview.
    const readAt = now;

    it("the mandatory message names the exemption route, for the update that is the rotation", () => {
        const [message] = certificateViolations({ certificates: [old], readAt }, { now }, "fail");
        assert.match(message, /Upload a replacement and activate it before then\. If this update is the rotation, exempt this certificate for it \(an exemption with its id, a reason and an until date/);
    });

    it("the advisory policy says which certificates an exemption let through, with its reason and end", () => {
        const exemptions = [{ id: "cert_old", reason: "replaced by this update", until: "2026-01-18" }];
        assert.deepEqual(certificateViolations({ certificates: [old], readAt }, { now, exemptions }, "fail"), []);
        const [note] = certificateViolations({ certificates: [old], readAt }, { now, exemptions }, "warn");
        assert.match(note, /"gateway-old" \(cert_old\) expires in .*; exempted until 2026-01-18: replaced by this update\./);
    });

    it("a typo in the configuration is refused with every key it takes, unknownDuringPreview, now and maxDataAge included", () => {
        const [message] = certificateViolations({ certificates: [old], readAt }, { now, failwithin: "30d" } as never, "fail");
        assert.match(message, /configuration is invalid/);
        for (const key of ["warnWithin", "failWithin", "exemptions", "now", "unknownDuringPreview", "maxDataAge", "enforcementLevel"]) assert.match(message, new RegExp(`\\b${key}\\b`), key);
    });

    it("the description names no default as if it were the threshold in force", () => {
        assert.match(certificateExpiryPolicy.description ?? "", /the configured failWithin \(14d unless set\); each violation names the threshold it used/);
    });

    it("judges an activation's certificate from the expiry its check read, and nothing before its id is known", () => {
        const props = { certificateId: "cert_old", certificateName: "gateway-old", certificateCreatedAt: NOW_SECONDS - 300 * DAY, expiresAt: NOW_SECONDS + 5 * DAY };
        assert.equal(activationViolations(props, { now }, "fail").length, 1);
        assert.deepEqual(activationViolations({ certificateId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, { now }, "fail"), []);
        assert.deepEqual(activationViolations({ ...props, expiresAt: NOW_SECONDS + 90 * DAY }, { now }, "fail"), []);
    });
});

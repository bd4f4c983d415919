import { strict as assert } from "assert";
import { parseDurationSeconds } from "../../../provider/api/duration";
import { certificateOperations } from "../../../provider";
import { DEFAULT_FAIL_WITHIN } from "../../../provider/expiry/expiry-options";
import { evaluateCertificateExpiry } from "../../../provider/expiry/evaluate-expiry";
import { isExpired, isWithinThreshold } from "../../../provider/expiry/expiry-rule";
import { remainingValidityRefusal } from "../../../provider/dynamic/remaining-validity";
import { NOW, NOW_SECONDS, cert } from "../../support/fixtures";
import { testCertificate } from "../../support/test-certificates";

/*
 * The one expiry rule (provider/expiry/expiry-rule.ts), held at its boundary by both of its callers:
 * the gate, and the checks that refuse to switch on a certificate the gate would fail.
 */

const FAIL_WITHIN = parseDurationSeconds(DEFAULT_FAIL_WITHIN, "failWithin");

describe("the expiry rule", () => {
    it("is expired at zero seconds left, within a threshold at exactly the threshold", () => {
        assert.equal(isExpired(0), true);
        assert.equal(isExpired(1), false);
        assert.equal(isWithinThreshold(FAIL_WITHIN, FAIL_WITHIN), true);
        assert.equal(isWithinThreshold(FAIL_WITHIN + 1, FAIL_WITHIN), false);
    });

    for (const [left, judged] of [
        [FAIL_WITHIN, "within"],
        [FAIL_WITHIN + 1, "outside"],
    ] as const) {
        it(`is one boundary for the gate and for an upload or activation: ${left === FAIL_WITHIN ? "exactly" : "one second more than"} failWithin left is ${judged} it`, () => {
            const gate = evaluateCertificateExpiry([cert({ expiresIn: left })], { now: NOW }).findings[0].state;
            const refusals = (["upload", "activation"] as const).map((action) =>
                remainingValidityRefusal({ action, label: "gateway", expiresAt: NOW_SECONDS + left }, NOW_SECONDS, FAIL_WITHIN, undefined),
            );
            if (judged === "within") {
                assert.equal(gate, "fail");
                for (const refusal of refusals) assert.match(refusal ?? "", /within minRemainingValidity \("14d"\), so the expiry gate would fail on it/);
            } else {
                assert.equal(gate, "warn");
                assert.deepEqual(refusals, [undefined, undefined]);
            }
        });
    }

    it("refuses at preview the PEM whose expiry the gate fails, and takes the one a second later", async () => {
        const made = await testCertificate({ expiresIn: "30d" });
        const failing = certificateOperations.checkCertificateResource({}, { certificate: made.pem }, made.expiresAt - FAIL_WITHIN);
        assert.match(failing.failures?.[0].reason ?? "", /within minRemainingValidity/);
        assert.equal(certificateOperations.checkCertificateResource({}, { certificate: made.pem }, made.expiresAt - FAIL_WITHIN - 1).failures, undefined);
        const gateAt = (nowSeconds: number) => evaluateCertificateExpiry([{ ...cert({}), expiresAt: made.expiresAt }], { now: new Date(nowSeconds * 1000) }).findings[0].state;
        assert.equal(gateAt(made.expiresAt - FAIL_WITHIN), "fail");
        assert.equal(gateAt(made.expiresAt - FAIL_WITHIN - 1), "warn");
    });
});

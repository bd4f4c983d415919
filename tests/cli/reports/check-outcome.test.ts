import { strict as assert } from "assert";
import { checkedRun, gateExitCode, weightOf } from "../../../cli/reports/check-outcome";
import { evaluateCertificateExpiry } from "../../../provider/expiry/evaluate-expiry";
import { NOW, cert } from "../../support/fixtures";

describe("the gate every format follows", () => {
    const report = (expiresIn: string) => evaluateCertificateExpiry([cert({ id: "cert_a", expiresIn })], { now: NOW, warnWithin: "30d", failWithin: "14d" });

    it("exits 0, 1 with --fail-on-warn, or 2, and weighs each finding the same way", () => {
        assert.equal(gateExitCode(report("90d"), true), 0);
        assert.equal(gateExitCode(report("20d"), false), 0);
        assert.equal(gateExitCode(report("20d"), true), 1);
        assert.equal(gateExitCode(report("5d"), false), 2);
        assert.equal(weightOf(report("20d").findings[0], false), "warns");
        assert.equal(weightOf(report("20d").findings[0], true), "blocks");
        assert.equal(weightOf(report("5d").findings[0], false), "blocks");
        assert.equal(weightOf(report("90d").findings[0], true), "passes");
    });

    it("says failed, not passed, when --fail-on-warn turns a warning into exit 1", () => {
        const run = checkedRun(report("20d"), { type: "organization" }, true, []);
        assert.equal(run.exitCode, 1);
        assert.match(run.summary, /^Certificate expiry check failed: warnings are not allowed \(--fail-on-warn\) \(1 warn\)/);
        assert.match(checkedRun(report("20d"), { type: "organization" }, false, []).summary, /^Certificate expiry check passed with 1 warning/);
    });
});

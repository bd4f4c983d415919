import { strict as assert } from "assert";
import { CERTIFICATES_TYPE } from "../../sdk";
import { certificateExpiryPolicy, certificateExpiryWarningPolicy, certificatePolicyConfigSchema, certificateViolations } from "../../sdk/policies";
import { DAY, NOW, NOW_SECONDS, cert } from "../support/fixtures";

/** Issue 25: `pulumi policy analyze` judges the list stored at the last update; the gate says how old it is, and refuses stale data. */
describe("the data's age in the policies (issue 25)", () => {
    const now = NOW.toISOString();
    const healthy = cert({ id: "cert_ok", name: "healthy", expiresIn: 90 * DAY, validIn: null }, { createdAt: NOW_SECONDS - 100 * DAY });
    const near = cert({ id: "cert_near", name: "near", expiresIn: 5 * DAY, validIn: null }, { createdAt: NOW_SECONDS - 100 * DAY });
    const readSecondsAgo = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
    const list = (readAt: string | undefined, certificates: unknown[] = [healthy]) => ({ certificates, ...(readAt !== undefined ? { readAt } : {}) });

    /** What the mandatory policy reports for a resource named "org-certificates", as the engine would show it. */
    const reported = (props: Record<string, unknown>, config: Record<string, unknown>, policy = certificateExpiryPolicy) => {
        const messages: string[] = [];
        const validate = policy.validateResource as (a: never, report: (message: string) => void) => void;
        validate({ type: CERTIFICATES_TYPE, name: "org-certificates", urn: "urn:pulumi:x", props, getConfig: () => config } as never, (message) => void messages.push(message));
        return messages;
    };

    it("judges data exactly maxDataAge old, and fails closed a second later, naming the resource, the read time and the setting", () => {
        assert.deepEqual(reported(list(readSecondsAgo(7 * 86_400)), { now }), [], "7 days old is within the default of 7 days");
        const readAt = readSecondsAgo(7 * 86_400 + 1);
        const [violation, ...more] = reported(list(readAt), { now });
        assert.deepEqual(more, []);
        assert.match(violation, /^Certificates resource "org-certificates": has certificate data read 7 days ago, at the last update or refresh \(2026-01-07T23:59:59Z\), older than maxDataAge \(7 days\)/);
        assert.match(violation, /stale data is not judged; failing closed\. Run `pulumi up` or `pulumi refresh` to read the list again, or raise maxDataAge/);
        // The advisory policy judges nothing either: no warning about a list nobody can vouch for.
        assert.deepEqual(reported(list(readAt), { now }, certificateExpiryWarningPolicy), []);
    });

    it("takes maxDataAge as a duration or a number of days, with the boundary where the setting puts it", () => {
        assert.deepEqual(certificateViolations(list(readSecondsAgo(36 * 3600)), { now, maxDataAge: "36h" }, "fail"), []);
        assert.match(certificateViolations(list(readSecondsAgo(36 * 3600 + 1)), { now, maxDataAge: "36h" }, "fail")[0], /older than maxDataAge \(1 day 12 hours\)/);
        assert.deepEqual(certificateViolations(list(readSecondsAgo(30 * 86_400)), { now, maxDataAge: 30 }, "fail"), []);
        assert.match(certificateViolations(list(readSecondsAgo(30 * 86_400 + 1)), { now, maxDataAge: 30 }, "fail")[0], /older than maxDataAge \(30 days\)/);
    });

    it("stale data fails closed even where the certificates would pass, and instead of judging those that would fail", () => {
        const stale = readSecondsAgo(8 * DAY);
        assert.equal(certificateViolations(list(stale, [healthy]), { now }, "fail").length, 1);
        const [only, ...more] = certificateViolations(list(stale, [near]), { now }, "fail");
        assert.deepEqual(more, []);
        assert.match(only, /older than maxDataAge/);
        assert.doesNotMatch(only, /cert_near/);
    });

    it("fails closed on a state stored without readAt (0.1.0 and early 0.2.0), saying why and what to do", () => {
        // A resource with no list at all is unreadable data first: its age is beside the point.
        assert.match(certificateViolations({}, { now }, "fail")[0], /^has no readable certificate data/);
        const [violation, ...more] = reported(list(undefined), { now });
        assert.deepEqual(more, []);
        assert.match(violation, /^Certificates resource "org-certificates": has no record of when its certificate list was read \(readAt; states stored by 0\.1\.0 and early 0\.2\.0 builds have none\)/);
        assert.match(violation, /so the data's age is unknown; failing closed\. Run `pulumi up` or `pulumi refresh` once with this version of pulumi-openai-certificates to record it\.$/);
        assert.deepEqual(reported(list(undefined), { now }, certificateExpiryWarningPolicy), []);
        // A readAt that is not a stored time is as good as none.
        for (const bad of ["yesterday", "2026-01-10", "2026-01-10T00:00:00+02:00", 1768000000]) {
            assert.match(certificateViolations(list(bad as never), { now }, "fail")[0], /unreadable record of when its certificate list was read .*; failing closed\. Run `pulumi up` or `pulumi refresh`/, String(bad));
        }
    });

    it("says the age in every violation: read just now in this run, or how long ago at the last update", () => {
        const [fresh] = certificateViolations(list(readSecondsAgo(20), [near]), { now }, "fail");
        assert.match(fresh, /before then\..* The list was read at 2026-01-14T23:59:40Z\. Scope read: /);
        const [aged] = certificateViolations(list(readSecondsAgo(2 * DAY + 3 * 3600), [near]), { now }, "fail");
        assert.match(aged, / The list was read 2 days 3 hours ago, at the last update or refresh \(2026-01-12T21:00:00Z\)\. Scope read: /);
        const [warning] = certificateViolations(list(readSecondsAgo(DAY), [cert({ id: "cert_w", name: "w", expiresIn: 20 * DAY, validIn: null })]), { now }, "warn");
        assert.match(warning, / The list was read 1 day ago, at the last update or refresh/);
    });

    it("counts a list read after the clock (a `now` set before the read) as fresh", () => {
        assert.deepEqual(certificateViolations(list(new Date(NOW.getTime() + 30 * DAY * 1000).toISOString()), { now }, "fail"), []);
    });

    it("checks maxDataAge like the other durations: a bad or negative value is an invalid configuration, failing closed", () => {
        for (const maxDataAge of ["7D", "a week", -1, "-1d", true]) {
            const [violation, ...more] = certificateViolations(list(readSecondsAgo(60)), { now, maxDataAge: maxDataAge as never }, "fail");
            assert.deepEqual(more, [], String(maxDataAge));
            assert.match(violation, /^cannot be checked because the policy configuration is invalid: Invalid argument "maxDataAge"/, String(maxDataAge));
        }
    });

    it("declares maxDataAge in the pack's schema as a duration with its default", () => {
        const property = certificatePolicyConfigSchema.properties.maxDataAge as { type: unknown; default: unknown };
        assert.deepEqual(property.type, ["string", "number"]);
        assert.equal(property.default, "7d");
    });
});

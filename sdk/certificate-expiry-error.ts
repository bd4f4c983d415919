import { OpenAICertificatesError } from "../provider/api/errors/base";
import { printableText } from "../provider/api/text-escape";
import type { ExpiryFinding, ExpiryReport } from "../provider/expiry/evaluate-expiry";

/**
 * An active certificate is expired, about to expire or not yet valid: the deployment must stop. The
 * message lists every failing certificate; `report` holds the whole evaluation.
 */
export class CertificateExpiryError extends OpenAICertificatesError {
    readonly code = "certificate_expiry";
    /** The findings that failed the check. */
    readonly failures: readonly ExpiryFinding[];

    constructor(readonly report: ExpiryReport) {
        const failures = report.findings.filter((f) => f.severity === "fail");
        // The summary and messages are escaped already; the guard costs little and holds if they change.
        super(printableText([report.summary, ...failures.map((f) => `  - [${f.state}] ${f.message}`)].join("\n")));
        this.failures = failures;
    }
}

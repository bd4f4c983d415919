import * as pulumi from "@pulumi/pulumi";
import { CertificateExpiryError } from "./certificate-expiry-error";
import { CertificatesInput, ExpiryReport, evaluateCertificateExpiry } from "./evaluate-expiry";
import { ExpiryOptions } from "./expiry-options";
import { markProgramError } from "./program-error";

/** Where warnings go; `pulumi.log` by default, which shows them in `pulumi preview` and `up`. */
export interface ExpiryLogger {
    warn(message: string): void;
    info(message: string): void;
}

const pulumiLogger: ExpiryLogger = {
    warn: (message) => void pulumi.log.warn(message),
    info: (message) => void pulumi.log.info(message),
};

/**
 * The in-program gate: evaluates the certificates, logs each warning with `pulumi.log.warn`, and
 * throws a {@link CertificateExpiryError} listing every failing certificate, which fails
 * `pulumi preview` and `pulumi up` with that message. Returns the report when the check passes.
 *
 * @example
 * ```ts
 * const org = await getCertificates();
 * assertCertificateExpiry(org, { warnWithin: "30d", failWithin: "14d" });
 * ```
 */
export function assertCertificateExpiry(certificates: CertificatesInput, options: ExpiryOptions = {}, logger: ExpiryLogger = pulumiLogger): ExpiryReport {
    const report = evaluateCertificateExpiry(certificates, options);
    for (const finding of report.findings) {
        if (finding.severity === "warn") logger.warn(finding.message);
        else if (finding.exemption?.lapsed === false) logger.info(finding.message);
    }
    if (!report.passed) throw markProgramError(new CertificateExpiryError(report));
    return report;
}

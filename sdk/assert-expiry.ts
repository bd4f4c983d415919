import * as pulumi from "@pulumi/pulumi";
import { CertificateExpiryError } from "./certificate-expiry-error";
import { CertificatesToEvaluate, ExpiryReport, evaluateCertificateExpiry } from "../provider/expiry/evaluate-expiry";
import { ExpiryOptions, resolveExpiryOptions } from "../provider/expiry/expiry-options";
import { markOutputError, markProgramError } from "./program-error";
import { UnknownDuringPreview, unknownDuringPreviewOf } from "./unknown-during-preview";
import { UnknownDuringPreviewError } from "./unknown-during-preview-error";

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
 * The in-program gate: evaluates the certificates, logs each warning with `pulumi.log.warn` (and each
 * live exemption and renewal with `pulumi.log.info`), and
 * throws a {@link CertificateExpiryError} listing every failing certificate, which fails
 * `pulumi preview` and `pulumi up` with that message. Returns the report when the check passes.
 *
 * For certificates held in an Output (a `Certificates` resource, `getCertificatesOutput`), use
 * {@link assertCertificateExpiryOutput}: an `apply` callback does not run while its value is unknown
 * during preview, so an assertion inside one would skip silently.
 *
 * @example
 * ```ts
 * const org = await getCertificates();
 * assertCertificateExpiry(org, { warnWithin: "30d", failWithin: "14d" });
 * ```
 */
export function assertCertificateExpiry(certificates: CertificatesToEvaluate, options: ExpiryOptions = {}, logger: ExpiryLogger = pulumiLogger): ExpiryReport {
    const report = evaluateCertificateExpiry(certificates, options);
    for (const finding of report.findings) {
        if (finding.severity === "warn") logger.warn(finding.message);
        else if (finding.exemption?.lapsed === false || finding.state === "renewed") logger.info(finding.message);
    }
    if (!report.passed) throw markProgramError(new CertificateExpiryError(report));
    return report;
}

/** Options of {@link assertCertificateExpiryOutput}: the expiry options, and what to do with certificates unknown during preview. */
export interface AssertExpiryOutputOptions extends ExpiryOptions {
    /**
     * When the certificates are not known during `pulumi preview` (they depend on a resource that the
     * update creates, such as a project whose id is the `projectId`): `"fail"` stops the preview with
     * an {@link UnknownDuringPreviewError}, since nothing was checked, and so `pulumi up` too (it
     * previews first); `"defer"` logs a warning and checks in the update, once they are known.
     * @default "fail"
     */
    unknownDuringPreview?: UnknownDuringPreview;
}

/**
 * The in-program gate for certificates held in an Output, such as a `Certificates` resource's
 * `certificates` or a `getCertificatesOutput` result. When the value is known (in `pulumi up`
 * always, in preview when it does not depend on a resource being created), it is judged as by
 * {@link assertCertificateExpiry}. During preview with an unknown value it never skips silently:
 * by default it fails with an {@link UnknownDuringPreviewError}; with `unknownDuringPreview: "defer"`
 * it warns and judges in the update.
 *
 * A failure is the rejection of the returned Output, which fails `pulumi preview` and `up` with the
 * error's message whether or not the program uses the result (Pulumi fails a program on any
 * unhandled rejection). The result resolves to the report; export its `summary` if you like.
 * Invalid options throw at once.
 *
 * @example
 * ```ts
 * const project = new SomeProject("payments", {});               // created in this update
 * const certs = new Certificates("payments-certificates", { projectId: project.id });
 * assertCertificateExpiryOutput(certs.certificates, { failWithin: "14d", unknownDuringPreview: "defer" });
 * ```
 */
export function assertCertificateExpiryOutput(
    certificates: pulumi.Input<CertificatesToEvaluate>,
    options: AssertExpiryOutputOptions = {},
    logger: ExpiryLogger = pulumiLogger,
): pulumi.Output<ExpiryReport> {
    const { unknownDuringPreview, ...expiryOptions } = options;
    let mode: UnknownDuringPreview;
    try {
        mode = unknownDuringPreviewOf(unknownDuringPreview);
        resolveExpiryOptions(expiryOptions);
    } catch (error) {
        throw markProgramError(error);
    }
    const input = pulumi.output(certificates);
    const previewCheck = isKnown(input).then((known) => {
        if (known || !pulumi.runtime.isDryRun()) return;
        if (mode === "fail") throw markOutputError(new UnknownDuringPreviewError());
        logger.warn(
            "The certificate expiry check is deferred: the certificates are not known during preview (they depend on a resource " +
                'that this update creates or changes). It runs in the update, once they are known (unknownDuringPreview: "defer").',
        );
    });
    // While the input is unknown, `all` is unknown too and the assertion does not run in preview.
    return pulumi.all([pulumi.output(previewCheck), input]).apply(([, value]) => {
        try {
            return assertCertificateExpiry(value, expiryOptions, logger);
        } catch (error) {
            throw markOutputError(error);
        }
    });
}

/**
 * Whether an Output's value is known. `apply` and `all` decide by the Output's `isKnown` promise,
 * which the SDK does not declare publicly; without it (a future SDK), answer "unknown", so that the
 * gate fails closed in preview rather than skip.
 */
function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
    const known = (output as unknown as { isKnown?: Promise<boolean> }).isKnown;
    return known && typeof known.then === "function" ? known : Promise.resolve(false);
}

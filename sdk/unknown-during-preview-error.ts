import { OpenAICertificatesError } from "../provider/api/errors/base";

/**
 * The in-program gate was given certificates that are not known during `pulumi preview` (they depend
 * on a resource that the update creates or changes), and `unknownDuringPreview` is `"fail"`, the
 * default: nothing was judged, so the preview stops instead of passing. Thrown (as the rejection of
 * the returned Output) by `assertCertificateExpiryOutput`.
 */
export class UnknownDuringPreviewError extends OpenAICertificatesError {
    readonly code = "unknown_during_preview";

    constructor() {
        super(
            "The certificate expiry check cannot run during preview: the certificates are not known yet (they depend on " +
                "a resource that this update creates or changes), so nothing was checked; failing closed. To proceed, create " +
                "that resource in an earlier update (`pulumi up --target` with its URN), or pass " +
                '{ unknownDuringPreview: "defer" } to assertCertificateExpiryOutput to check them in the update, once known.',
        );
    }
}

import { OpenAICertificatesError } from "./base";

/**
 * OpenAI refused to delete a certificate that is still active: the API deletes a certificate only
 * when it is inactive in the organization and in every project. The message says how to deactivate
 * it first; `cause` is the API's own refusal.
 */
export class CertificateStillActiveError extends OpenAICertificatesError {
    readonly code = "certificate_still_active";

    constructor(
        readonly certificateId: string,
        cause: Error,
    ) {
        super(
            `OpenAI refused to delete certificate ${certificateId} (${cause.message}). A certificate can be deleted only when it is ` +
                "inactive in the organization and in every project. Deactivate it first: manage its activation with a " +
                "CertificateActivation whose certificateId is this Certificate's id (Pulumi then deletes the activation, which " +
                "deactivates it, before the certificate), or deactivate it with POST /organization/certificates/deactivate " +
                "(or the project's) and run the command again",
            { cause },
        );
    }
}

/**
 * A certificate adopted with the `import` resource option could not be compared with the program's
 * PEM: OpenAI did not return its PEM. Nothing was changed. (When the PEMs differ, the program's is
 * uploaded instead: a rotation in a program that kept its `import` option.)
 */
export class CertificateMismatchError extends OpenAICertificatesError {
    readonly code = "certificate_mismatch";

    constructor(
        readonly certificateId: string,
        message: string,
    ) {
        super(message);
    }
}

/**
 * An activation was refused before anything was sent: the certificate is expired, or expires within
 * the activation's `minRemainingValidity` (the gate's fail threshold by default), so switching it on
 * would pass a deployment the gate fails on its next preview.
 */
export class ActivationRefusedError extends OpenAICertificatesError {
    readonly code = "activation_refused";

    constructor(
        readonly certificateId: string,
        reason: string,
    ) {
        super(reason);
    }
}

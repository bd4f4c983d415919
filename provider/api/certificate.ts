/**
 * A certificate as users of this package see it: camelCase, plain JSON (numbers and strings, never
 * `Date`), so Pulumi can store it in a stack's state. Times are Unix seconds, as the API gives them.
 */
export interface Certificate {
    /** The certificate's id, such as `cert_abc`. */
    readonly id: string;
    /** `organization.certificate` or `organization.project.certificate`, as the API says. */
    readonly object: string;
    /** The name given at upload, or `null`. */
    readonly name: string | null;
    /** Whether it is active in the scope it was listed in (organization or project). */
    readonly active: boolean;
    /** When it was uploaded, Unix seconds. */
    readonly createdAt: number;
    /** When it becomes valid (`notBefore`), Unix seconds; absent when the API does not say. */
    readonly validAt?: number;
    /** When it expires (`notAfter`), Unix seconds; absent when the API does not say. */
    readonly expiresAt?: number;
}

/**
 * One certificate as the single-certificate endpoints return it (upload, retrieve, rename): no
 * `active`, since activation belongs to a scope, and the PEM when it was asked for.
 */
export interface UploadedCertificate {
    /** The certificate's id, such as `cert_abc`. */
    readonly id: string;
    /** The name given at upload, or `null`. */
    readonly name: string | null;
    /** When it was uploaded, Unix seconds. */
    readonly createdAt: number;
    /** When it becomes valid (`notBefore`), Unix seconds; absent when the API does not say. */
    readonly validAt?: number;
    /** When it expires (`notAfter`), Unix seconds; absent when the API does not say. */
    readonly expiresAt?: number;
    /** The PEM, present when it was asked for (`include[]=content`). */
    readonly content?: string;
}

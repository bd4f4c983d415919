/**
 * The bounds the fake API enforces, each in one place. The first two are the OpenAPI description's
 * ("Organizations can upload up to 50 certificates"; `ToggleCertificatesRequest.certificate_ids` has
 * `minItems: 1, maxItems: 10`); the body bound is the fake's own, so a runaway client gets a 413
 * instead of filling memory.
 *
 * @example
 * ```ts
 * const ids = Array.from({ length: FAKE_API_LIMITS.certificateIdsPerRequest + 1 }, (_, i) => `cert_${i}`);
 * // POST /v1/organization/certificates/activate with { certificate_ids: ids } answers 400.
 * ```
 */
export const FAKE_API_LIMITS = {
    /** Certificates one organization holds at most; an upload beyond it answers 400. */
    certificatesPerOrganization: 50,
    /** Ids one activation or deactivation takes at most (and at least 1). */
    certificateIdsPerRequest: 10,
    /** Bytes a request body may have; a larger one answers 413. */
    requestBodyBytes: 1024 * 1024,
} as const;

/** The type of {@link FAKE_API_LIMITS}. */
export type FakeApiLimits = typeof FAKE_API_LIMITS;

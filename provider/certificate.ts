import * as t from "io-ts";
import { ListedCertificateWire, UnixSeconds } from "./codecs";

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

/** Maps one listed certificate from the wire format to the domain type. Absent times stay absent. */
export function toCertificate(wire: ListedCertificateWire): Certificate {
    const details = wire.certificate_details;
    return {
        id: wire.id,
        object: wire.object,
        name: wire.name,
        active: wire.active,
        createdAt: wire.created_at,
        ...(details.valid_at !== undefined ? { validAt: details.valid_at } : {}),
        ...(details.expires_at !== undefined ? { expiresAt: details.expires_at } : {}),
    };
}

/**
 * The domain type as an io-ts codec, for data that comes back from somewhere we do not control: a
 * stack's state, a resource's checked inputs seen by a policy, a JSON report.
 */
export const CertificateCodec = t.intersection([
    t.type({
        id: t.string,
        object: t.string,
        name: t.union([t.string, t.null]),
        active: t.boolean,
        createdAt: UnixSeconds,
    }),
    t.partial({
        validAt: UnixSeconds,
        expiresAt: UnixSeconds,
        activeAnywhere: t.boolean,
        activeProjectIds: t.array(t.string),
        expiryDisagreement: t.string,
    }),
]);

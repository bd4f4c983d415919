/**
 * The wire format of the certificate endpoints, as io-ts codecs: the single source of truth for both
 * the runtime check and the TypeScript types. Everything here is snake_case, exactly as the API sends
 * it. The mapping to the camelCase domain types users see (`certificate.ts`, `project.ts`) lives here
 * too, in one function per type at the end of this file (`toCertificate`, `toUploadedCertificate`,
 * `toProject`), so the wire's names meet the users' in one place.
 *
 * Reference: OpenAI's OpenAPI description, schemas `ListCertificatesResponse`,
 * `OrganizationCertificate`, `OrganizationProjectCertificate`, `ProjectListResponse`, `Project` and
 * `ErrorResponse`. `t.type` lets unknown fields through, so a field the API adds later breaks nothing.
 */
import * as t from "io-ts";
import type { Certificate, UploadedCertificate } from "./certificate";
import type { Project } from "./project";

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

// Timestamps are integer Unix seconds. Anything above 1e11 (the year 5138) is almost certainly
// milliseconds sent by mistake: rejecting it here beats reporting a certificate valid for 50,000 years.
const MAX_UNIX_SECONDS = 1e11;

export interface UnixSecondsBrand {
    readonly UnixSeconds: unique symbol;
}

/** A non-negative integer number of seconds since the Unix epoch, below 1e11. */
export const UnixSeconds = t.brand(
    t.number,
    (n): n is t.Branded<number, UnixSecondsBrand> => Number.isInteger(n) && n >= 0 && n < MAX_UNIX_SECONDS,
    "UnixSeconds",
);

export interface PathSafeIdBrand {
    readonly PathSafeId: unique symbol;
}

/**
 * An id that can go into a URL path as it is: letters, digits, `_` and `-`, nothing else. OpenAI's
 * ids (`proj_abc`, `cert_abc`) all fit; `..`, `.`, `/`, `%` or a space would read another endpoint
 * (`/organization/projects/../certificates` is the organization's list). There is no prefix rule, so
 * ids already stored in users' stacks stay valid. The one definition of the rule: the project list's
 * decoder and the checks of user input both use it.
 */
export const PathSafeId = t.brand(t.string, (s): s is t.Branded<string, PathSafeIdBrand> => /^[A-Za-z0-9_-]+$/.test(s), "PathSafeId");

/**
 * The object types a certificate may carry. Lists are documented to return `organization.certificate`
 * or `organization.project.certificate`; the bare `certificate` of single-object endpoints is accepted
 * too, since all three describe the same thing. Anything else (a project, a list) does not belong.
 */
export const CertificateObjectType = t.keyof({
    certificate: null,
    "organization.certificate": null,
    "organization.project.certificate": null,
});

export const CertificateDetailsWire = t.partial({
    valid_at: UnixSeconds,
    expires_at: UnixSeconds,
    content: t.string,
});

export const CertificateWire = t.intersection([
    t.type({
        object: CertificateObjectType,
        id: t.string,
        name: nullable(t.string),
        created_at: UnixSeconds,
        certificate_details: CertificateDetailsWire,
    }),
    // `active` is required in list responses but absent from single-certificate responses.
    t.partial({ active: t.boolean }),
]);
export type CertificateWire = t.TypeOf<typeof CertificateWire>;

/** A certificate as it appears in a list: `active` is required there. */
export const ListedCertificateWire = t.intersection([CertificateWire, t.type({ active: t.boolean })]);
export type ListedCertificateWire = t.TypeOf<typeof ListedCertificateWire>;

/** The cursor-paginated list envelope shared by every list endpoint. */
export const listEnvelope = <C extends t.Mixed>(item: C) =>
    t.intersection([
        t.type({
            object: t.literal("list"),
            data: t.array(item),
            has_more: t.boolean,
        }),
        // Required for certificate lists, optional for the project list; nullable in both.
        t.partial({
            first_id: nullable(t.string),
            last_id: nullable(t.string),
        }),
    ]);

export const CertificateListWire = listEnvelope(ListedCertificateWire);
export type CertificateListWire = t.TypeOf<typeof CertificateListWire>;

export const ProjectWire = t.intersection([
    t.type({
        // The organization-wide view puts every project id into a path.
        id: PathSafeId,
        object: t.literal("organization.project"),
        created_at: UnixSeconds,
    }),
    t.partial({
        name: nullable(t.string),
        archived_at: nullable(UnixSeconds),
        status: nullable(t.string),
    }),
]);
export type ProjectWire = t.TypeOf<typeof ProjectWire>;

export const ProjectListWire = listEnvelope(ProjectWire);
export type ProjectListWire = t.TypeOf<typeof ProjectListWire>;

/** The API's error envelope. Every field is optional here: an error body is read, never trusted. */
export const ErrorEnvelopeWire = t.type({
    error: t.partial({
        message: t.string,
        type: t.string,
        code: nullable(t.string),
        param: nullable(t.string),
    }),
});
export type ErrorEnvelopeWire = t.TypeOf<typeof ErrorEnvelopeWire>;

/** Maps one listed certificate from the wire format to the domain type. Absent times stay absent. */
export function toCertificate(wire: ListedCertificateWire): Certificate {
    return { id: wire.id, object: wire.object, name: wire.name, active: wire.active, createdAt: wire.created_at, ...validityOf(wire) };
}

/** `validAt` and `expiresAt` from `certificate_details`, each only when the API gave it. */
function validityOf(wire: CertificateWire): { validAt?: number; expiresAt?: number } {
    const details = wire.certificate_details;
    return {
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
        subject: t.string,
        publicKeySha256: t.string,
        contentProblem: t.string,
    }),
]);

/** The answer to `DELETE /organization/certificates/{id}`. */
export const DeletedCertificateWire = t.type({ object: t.literal("certificate.deleted"), id: t.string });
export type DeletedCertificateWire = t.TypeOf<typeof DeletedCertificateWire>;

/** The answer to an activation or deactivation, at either scope: the certificates it touched. */
export const CertificateToggleWire = t.type({
    object: t.keyof({
        "organization.certificate.activation": null,
        "organization.certificate.deactivation": null,
        "organization.project.certificate.activation": null,
        "organization.project.certificate.deactivation": null,
    }),
    data: t.array(ListedCertificateWire),
});
export type CertificateToggleWire = t.TypeOf<typeof CertificateToggleWire>;

/** Maps a single certificate (upload, retrieve, rename) to the domain type. */
export function toUploadedCertificate(wire: CertificateWire): UploadedCertificate {
    const content = wire.certificate_details.content;
    return { id: wire.id, name: wire.name, createdAt: wire.created_at, ...validityOf(wire), ...(content !== undefined ? { content } : {}) };
}

/** Maps a project from the wire format to the domain type. */
export function toProject(wire: ProjectWire): Project {
    return {
        id: wire.id,
        name: wire.name ?? null,
        createdAt: wire.created_at,
        archivedAt: wire.archived_at ?? null,
        status: wire.status ?? null,
    };
}

/**
 * The interface users read and the codec that checks stored data describe the same type (the codec's
 * times are branded numbers, so it is a subtype): these lines stop compiling the day one gains,
 * loses or retypes a field without the other.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
type CodecCertificate = Omit<t.TypeOf<typeof CertificateCodec>, "activeAnywhere" | "activeProjectIds" | "expiryDisagreement" | "subject" | "publicKeySha256" | "contentProblem">;
const certificateCodecHasTheInterfaceFields: Same<keyof CodecCertificate, keyof Certificate> = true;
const certificateCodecFitsTheInterface: CodecCertificate extends Certificate ? true : never = true;
void certificateCodecHasTheInterfaceFields;
void certificateCodecFitsTheInterface;

import { FakeCertificate, FakeProject } from "./model";

/**
 * The three object types a certificate is shown as. The OpenAPI description's `Certificate.object`:
 * `certificate` when uploading, modifying or getting one certificate (no `active` then);
 * `organization.certificate` and `organization.project.certificate` when listing, activating or
 * deactivating at that scope (with `active` for that scope).
 */
export type CertificateObjectType = "certificate" | "organization.certificate" | "organization.project.certificate";

/** A stored certificate as the API shows it; `active` is left out when `undefined`. */
export function certificateObject(c: FakeCertificate, object: CertificateObjectType, active: boolean | undefined): Record<string, unknown> {
    const details: Record<string, number> = {};
    if (c.validAt !== undefined) details.valid_at = c.validAt;
    if (c.expiresAt !== undefined) details.expires_at = c.expiresAt;
    return {
        object,
        id: c.id,
        name: c.name,
        created_at: c.createdAt,
        certificate_details: details,
        ...(active !== undefined ? { active } : {}),
    };
}

/** A stored project as the API shows it. */
export function projectObject(p: FakeProject): object {
    return {
        id: p.id,
        object: "organization.project",
        name: p.name,
        created_at: p.createdAt,
        archived_at: p.archivedAt ?? null,
        status: p.archivedAt ? "archived" : "active",
    };
}

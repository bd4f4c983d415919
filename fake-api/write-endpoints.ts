import { ApiAnswer, apiError, ok } from "./answers";
import { FAKE_API_LIMITS } from "./limits";
import { FakeCertificate, FakeOrganizationState, FakeProject, nextCertificateId } from "./model";
import { certificateObject } from "./objects";
import { readCertificatePem } from "./pem";
import { certificateNotFound, findCertificate, projectNotFound } from "./read-endpoints";

/**
 * The write endpoints of the OpenAPI description's certificate paths. Each checks everything before
 * it changes anything, so a refused request leaves the state exactly as it was.
 */

/** `POST /organization/certificates`: stores a certificate, inactive everywhere (upload does not activate). */
export function uploadCertificate(state: FakeOrganizationState, body: unknown, nowSeconds: number): ApiAnswer {
    const checked = objectBody(body, ["certificate", "name"]);
    if ("refused" in checked) return checked.refused;
    const { fields } = checked;
    const pem = fields.certificate;
    if (pem === undefined) return apiError(400, "Missing required parameter: 'certificate'.", "certificate");
    if (typeof pem !== "string") return wrongType("certificate", "a string (the certificate in PEM format)", pem);
    if (fields.name !== undefined && typeof fields.name !== "string") return wrongType("name", "a string", fields.name);
    const limit = FAKE_API_LIMITS.certificatesPerOrganization;
    if (state.certificates.length >= limit) {
        return apiError(400, `The organization already holds ${state.certificates.length} certificates, the most it may; delete one before uploading another.`, null);
    }
    const times = readCertificatePem(pem, nowSeconds);
    if ("problem" in times) return apiError(400, `Invalid 'certificate': the certificate ${times.problem}.`, "certificate");

    let id = nextCertificateId();
    while (findCertificate(state, id)) id = nextCertificateId();
    const stored: FakeCertificate = {
        id,
        name: fields.name ?? null,
        createdAt: nowSeconds,
        validAt: times.validAt,
        expiresAt: times.expiresAt,
        active: false,
        content: pem,
    };
    state.certificates.push(stored);
    return ok(certificateObject(stored, "certificate", undefined));
}

/** `POST /organization/certificates/{id}`: renames a certificate; the name is all that can change. */
export function modifyCertificate(state: FakeOrganizationState, id: string, body: unknown): ApiAnswer {
    const cert = findCertificate(state, id);
    if (!cert) return certificateNotFound(id);
    const checked = objectBody(body, ["name"]);
    if ("refused" in checked) return checked.refused;
    const { fields } = checked;
    if (fields.name !== undefined && typeof fields.name !== "string") return wrongType("name", "a string", fields.name);
    if (fields.name !== undefined) cert.name = fields.name;
    return ok(certificateObject(cert, "certificate", undefined));
}

/**
 * `DELETE /organization/certificates/{id}`. The spec: "The certificate must be inactive for the
 * organization and all projects"; an active one is refused with where it is active.
 */
export function deleteCertificate(state: FakeOrganizationState, id: string): ApiAnswer {
    const cert = findCertificate(state, id);
    if (!cert) return certificateNotFound(id);
    const activeIn = state.projects.filter((p) => p.certificates[id] === true).map((p) => p.id);
    if (cert.active || activeIn.length > 0) {
        const places: string[] = [];
        if (cert.active) places.push("the organization");
        if (activeIn.length > 0) places.push(`project${activeIn.length > 1 ? "s" : ""} ${activeIn.join(", ")}`);
        const where = places.join(" and ");
        return apiError(400, `Certificate '${id}' is active for ${where}; deactivate it there before deleting it.`, "certificate_id");
    }
    // In place: a test holding api.state.certificates sees the deletion too.
    state.certificates.splice(state.certificates.indexOf(cert), 1);
    for (const p of state.projects) delete p.certificates[id];
    return ok({ object: "certificate.deleted", id });
}

/** Where an activation or deactivation applies. */
export type ActivationScope = { readonly kind: "organization" } | { readonly kind: "project"; readonly projectId: string };

/**
 * `POST /organization/certificates/activate|deactivate` and
 * `POST /organization/projects/{id}/certificates/activate|deactivate`: atomic and idempotent, as the
 * spec says. Any unknown id refuses the whole request with a 404 and changes nothing; asking for what
 * already is so changes nothing and succeeds. Activating in a project attaches the certificate to it;
 * deactivating one that was never attached leaves it unattached (and answers `active: false`).
 */
export function setCertificatesActive(state: FakeOrganizationState, scope: ActivationScope, active: boolean, body: unknown): ApiAnswer {
    let project: FakeProject | undefined;
    if (scope.kind === "project") {
        project = state.projects.find((p) => p.id === scope.projectId);
        if (!project) return projectNotFound(scope.projectId);
    }
    const checked = certificateIds(body);
    if ("refused" in checked) return checked.refused;
    const { ids } = checked;
    const unknown = ids.filter((id) => !findCertificate(state, id));
    if (unknown.length > 0) {
        return apiError(404, `No certificate found with id${unknown.length > 1 ? "s" : ""} ${unknown.map((id) => `'${id}'`).join(", ")}; nothing was changed.`, "certificate_ids");
    }
    const certs = ids.map((id) => findCertificate(state, id)!);
    if (!project) {
        for (const c of certs) c.active = active;
        const object = active ? "organization.certificate.activation" : "organization.certificate.deactivation";
        return ok({ object, data: certs.map((c) => certificateObject(c, "organization.certificate", c.active)) });
    }
    const attached = project.certificates;
    for (const c of certs) if (active || c.id in attached) attached[c.id] = active;
    const object = active ? "organization.project.certificate.activation" : "organization.project.certificate.deactivation";
    return ok({ object, data: certs.map((c) => certificateObject(c, "organization.project.certificate", attached[c.id] === true)) });
}

/** The body's `certificate_ids`, without repeats and in their order, or the 400 that refuses it. */
function certificateIds(body: unknown): { ids: string[] } | Refused {
    const checked = objectBody(body, ["certificate_ids"]);
    if ("refused" in checked) return checked;
    const ids = checked.fields.certificate_ids;
    if (ids === undefined) return { refused: apiError(400, "Missing required parameter: 'certificate_ids'.", "certificate_ids") };
    if (!Array.isArray(ids)) return { refused: wrongType("certificate_ids", "an array of certificate ids", ids) };
    const bad = ids.findIndex((id) => typeof id !== "string");
    if (bad >= 0) return { refused: wrongType(`certificate_ids[${bad}]`, "a string", ids[bad]) };
    const most = FAKE_API_LIMITS.certificateIdsPerRequest;
    if (ids.length < 1 || ids.length > most) {
        return { refused: apiError(400, `Invalid 'certificate_ids': expected 1 to ${most} certificate ids, got ${ids.length}.`, "certificate_ids") };
    }
    return { ids: [...new Set(ids as string[])] };
}

/** A request body refused before anything changed. */
type Refused = { readonly refused: ApiAnswer };

/**
 * The body as an object with only `allowed` fields. An unknown field is refused rather than
 * ignored, as the real API refuses an "Unrecognized request argument": a client that misspells
 * `name` should learn it from the fake, not in production.
 */
function objectBody(body: unknown, allowed: readonly string[]): { fields: Readonly<Record<string, unknown>> } | Refused {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
        return { refused: apiError(400, `The request body must be a JSON object, got ${describe(body)}.`, null) };
    }
    const unknown = Object.keys(body).find((key) => !allowed.includes(key));
    if (unknown !== undefined) return { refused: apiError(400, `Unrecognized request argument supplied: ${unknown}`, unknown) };
    return { fields: body as Record<string, unknown> };
}

function wrongType(param: string, expected: string, value: unknown): ApiAnswer {
    return apiError(400, `Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`, param);
}

function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

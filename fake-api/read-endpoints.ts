import { KeyObject } from "crypto";
import { ApiAnswer, apiError, ok } from "./answers";
import { mintCertificatePem, mintingKey } from "./mint-certificate";
import { FakeCertificate, FakeOrganizationState } from "./model";
import { certificateObject, projectObject } from "./objects";
import { byCreation, compareIds, listOrder, listPage } from "./pagination";

/** `GET /organization/certificates`: the organization's certificates, each with its organization-level `active`. */
export function listOrganizationCertificates(state: FakeOrganizationState, query: URLSearchParams): ApiAnswer {
    const order = listOrder(query);
    if (typeof order !== "string") return order;
    return listPage(query, byCreation(state.certificates, order), (c) => certificateObject(c, "organization.certificate", c.active));
}

/**
 * `GET /organization/certificates/{id}`: one certificate, without `active` (the spec: "Not returned
 * when getting details for a specific certificate"). With `include[]=content` (or `include=content`)
 * its PEM is in `certificate_details.content`.
 */
export function getCertificate(state: FakeOrganizationState, id: string, query: URLSearchParams): ApiAnswer {
    const cert = findCertificate(state, id);
    if (!cert) return certificateNotFound(id);
    const withContent = query.getAll("include[]").concat(query.getAll("include")).includes("content");
    const json = certificateObject(cert, "certificate", undefined);
    if (withContent) (json.certificate_details as Record<string, unknown>).content = contentOf(state, cert);
    return ok(json);
}

/** `GET /organization/projects/{id}/certificates`: the certificates attached to a project, each with its project-level `active`. */
export function listProjectCertificates(state: FakeOrganizationState, projectId: string, query: URLSearchParams): ApiAnswer {
    const order = listOrder(query);
    if (typeof order !== "string") return order;
    const proj = state.projects.find((p) => p.id === projectId);
    if (!proj) return projectNotFound(projectId);
    const attached = state.certificates.filter((c) => c.id in proj.certificates);
    return listPage(query, byCreation(attached, order), (c) => certificateObject(c, "organization.project.certificate", proj.certificates[c.id]));
}

/** `GET /organization/projects`: projects oldest first, archived ones only with `include_archived=true`. */
export function listProjects(state: FakeOrganizationState, query: URLSearchParams): ApiAnswer {
    const order = listOrder(query);
    if (typeof order !== "string") return order;
    const includeArchived = query.get("include_archived") === "true";
    const projects = state.projects.filter((p) => includeArchived || !p.archivedAt).sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
    return listPage(query, projects, projectObject);
}

export function findCertificate(state: FakeOrganizationState, id: string): FakeCertificate | undefined {
    return state.certificates.find((c) => c.id === id);
}

export function certificateNotFound(id: string): ApiAnswer {
    return apiError(404, `No certificate found with id '${id}'.`, "certificate_id");
}

export function projectNotFound(id: string): ApiAnswer {
    return apiError(404, `No project found with id '${id}'.`, "project_id");
}

/** Key pairs by key group, per served state: a state set anew (`setState`) mints with new keys. */
const keyGroups = new WeakMap<FakeOrganizationState, Map<string, KeyObject>>();
let serial = 0;

/**
 * The certificate's PEM: uploaded or seeded content as it is; for a seeded certificate without
 * content, a real certificate minted at the first read and kept, so the content never changes.
 */
function contentOf(state: FakeOrganizationState, cert: FakeCertificate): string {
    if (cert.content !== undefined) return cert.content;
    let key: KeyObject | undefined;
    if (cert.keyGroup === undefined) key = mintingKey(); // a key of its own, needed once: the content is kept
    else {
        let keys = keyGroups.get(state);
        if (!keys) keyGroups.set(state, (keys = new Map()));
        key = keys.get(cert.keyGroup);
        if (!key) keys.set(cert.keyGroup, (key = mintingKey()));
    }
    serial += 1;
    cert.content = mintCertificatePem({ commonName: cert.commonName ?? cert.name ?? cert.id, validAt: cert.validAt ?? cert.createdAt, expiresAt: cert.expiresAt, serial }, key);
    return cert.content;
}

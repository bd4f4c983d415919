import { Certificate, UploadedCertificate } from "./certificate";
import { checkCertificateId, checkProjectId } from "./certificates-query";
import { CertificateToggleWire, CertificateWire, DeletedCertificateWire, toCertificate, toUploadedCertificate } from "./codecs";
import { decodeOrThrow } from "./decode";
import { InvalidArgumentError } from "./errors/argument-error";
import { Transport } from "./transport";

/*
 * The endpoints that change an organization's certificates, as OpenAI's OpenAPI description gives
 * them: upload, retrieve (with the PEM on request), rename, delete, and activation at the
 * organization's or a project's scope. Every id is checked before it goes into a path, every answer
 * is decoded by its codec. Only the upload is not idempotent, and only it is not retried on a failure
 * that may have reached the server (see `JsonWriteRequest`).
 */

/** What to upload. */
export interface CertificateUpload {
    /** One certificate, PEM. The API checks it; `inspectPemCertificate` checks it locally first. */
    certificate: string;
    /** A name to find it by. */
    name?: string;
}

/** Which scope an activation applies to. */
export interface ActivationScope {
    /** A project's scope instead of the organization's. */
    projectId?: string;
}

/** The most ids one activation or deactivation takes. */
export const MAX_CERTIFICATE_IDS_PER_TOGGLE = 10;

const CERTIFICATES = "/organization/certificates";

/** `POST /organization/certificates`: uploads; the certificate is not active anywhere yet. */
export async function uploadCertificate(transport: Transport, upload: CertificateUpload): Promise<UploadedCertificate> {
    if (typeof upload?.certificate !== "string" || upload.certificate.trim() === "") throw new InvalidArgumentError("certificate", "must be a PEM certificate");
    if (upload.name !== undefined && typeof upload.name !== "string") throw new InvalidArgumentError("name", `must be text, got ${typeof upload.name}`);
    const operation = `POST ${CERTIFICATES}`;
    const body = await transport.sendJson({
        method: "POST",
        path: CERTIFICATES,
        operation,
        body: upload.name === undefined ? { certificate: upload.certificate } : { certificate: upload.certificate, name: upload.name },
        idempotent: false,
    });
    return toUploadedCertificate(decodeOrThrow(CertificateWire, body, operation));
}

/** `GET /organization/certificates/{id}`, with the PEM when `includeContent` is set. */
export async function retrieveCertificate(transport: Transport, certificateId: string, options: { includeContent?: boolean } = {}): Promise<UploadedCertificate> {
    const path = `${CERTIFICATES}/${checkCertificateId(certificateId)}`;
    const operation = `GET ${path}`;
    const body = await transport.getJson({ path, operation, query: { "include[]": options.includeContent ? ["content"] : undefined } });
    return toUploadedCertificate(decodeOrThrow(CertificateWire, body, operation));
}

/** `POST /organization/certificates/{id}`: the name is the only thing that can change. */
export async function renameCertificate(transport: Transport, certificateId: string, name: string): Promise<UploadedCertificate> {
    if (typeof name !== "string") throw new InvalidArgumentError("name", `must be text, got ${typeof name}`);
    const path = `${CERTIFICATES}/${checkCertificateId(certificateId)}`;
    const operation = `POST ${path}`;
    const body = await transport.sendJson({ method: "POST", path, operation, body: { name }, idempotent: true });
    return toUploadedCertificate(decodeOrThrow(CertificateWire, body, operation));
}

/** `DELETE /organization/certificates/{id}`: the API refuses while it is active in any scope. */
export async function deleteCertificate(transport: Transport, certificateId: string): Promise<void> {
    const path = `${CERTIFICATES}/${checkCertificateId(certificateId)}`;
    const operation = `DELETE ${path}`;
    const body = await transport.sendJson({ method: "DELETE", path, operation, idempotent: true });
    decodeOrThrow(DeletedCertificateWire, body, operation);
}

/**
 * Activates (`active: true`) or deactivates 1 to 10 certificates at once in a scope, atomically and
 * idempotently as the API does. Returns the certificates as the scope's list now shows them.
 */
export async function setCertificatesActive(transport: Transport, certificateIds: readonly string[], active: boolean, scope: ActivationScope = {}): Promise<Certificate[]> {
    if (!Array.isArray(certificateIds) || certificateIds.length < 1 || certificateIds.length > MAX_CERTIFICATE_IDS_PER_TOGGLE) {
        throw new InvalidArgumentError("certificateIds", `must list 1 to ${MAX_CERTIFICATE_IDS_PER_TOGGLE} certificate ids, got ${Array.isArray(certificateIds) ? certificateIds.length : typeof certificateIds}`);
    }
    const ids = certificateIds.map((id, i) => checkCertificateId(id, `certificateIds[${i}]`));
    const base = scope.projectId === undefined ? CERTIFICATES : `/organization/projects/${checkProjectId(scope.projectId)}/certificates`;
    const path = `${base}/${active ? "activate" : "deactivate"}`;
    const operation = `POST ${path}`;
    const body = await transport.sendJson({ method: "POST", path, operation, body: { certificate_ids: ids }, idempotent: true });
    return decodeOrThrow(CertificateToggleWire, body, operation).data.map(toCertificate);
}

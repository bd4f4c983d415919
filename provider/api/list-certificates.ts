import { Certificate } from "./certificate";
import { CertificateQuery, createCertificatesClient } from "./client";
import { checkProjectId } from "./certificates-query";
import { ClientOptions } from "./client-options";
import { ListPage } from "./list-page";

/** Options of the certificate list functions: how to reach the API ({@link ClientOptions}), plus which list and how ({@link CertificateQuery}). */
export interface ListCertificatesOptions extends ClientOptions, CertificateQuery {}

/**
 * Streams the certificate list one page at a time, for callers that want to stop early or bound
 * memory. Every page is decoded and checked before it is yielded.
 *
 * @example
 * ```ts
 * for await (const page of certificatePages({ adminKey, projectId: "proj_abc" })) {
 *     console.log(page.pageNumber, page.items.length);
 * }
 * ```
 */
export function certificatePages(options: ListCertificatesOptions): AsyncGenerator<ListPage<Certificate>, void, undefined> {
    return createCertificatesClient(options).certificatePages(options);
}

/**
 * Streams certificates one at a time across pages.
 *
 * @example
 * ```ts
 * for await (const cert of iterateCertificates({ adminKey })) if (cert.active) console.log(cert.id);
 * ```
 */
export async function* iterateCertificates(options: ListCertificatesOptions): AsyncGenerator<Certificate, void, undefined> {
    for await (const page of certificatePages(options)) yield* page.items;
}

/**
 * Reads the whole certificate list of the organization, or of `projectId` when given. Either every
 * certificate comes back, in the API's order, or an error is thrown: never a partial list.
 *
 * @example
 * ```ts
 * const certs = await listCertificates({ adminKey: process.env.OPENAI_ADMIN_KEY!, order: "asc" });
 * ```
 */
export async function listCertificates(options: ListCertificatesOptions = {}): Promise<Certificate[]> {
    return createCertificatesClient(options).listCertificates(options);
}

/**
 * Reads every certificate of the organization (`GET /organization/certificates`). With no options,
 * the key is `OPENAI_ADMIN_KEY` and the base URL `OPENAI_BASE_URL`, else OpenAI's.
 */
export async function listOrganizationCertificates(options: Omit<ListCertificatesOptions, "projectId"> = {}): Promise<Certificate[]> {
    return listCertificates({ ...options, projectId: undefined });
}

/** Reads every certificate of one project (`GET /organization/projects/{project_id}/certificates`). */
export async function listProjectCertificates(projectId: string, options: Omit<ListCertificatesOptions, "projectId"> = {}): Promise<Certificate[]> {
    return listCertificates({ ...options, projectId: checkProjectId(projectId) });
}

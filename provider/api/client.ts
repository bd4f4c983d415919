import { Certificate, UploadedCertificate } from "./certificate";
import { ActivationScope, CertificateUpload, deleteCertificate, renameCertificate, retrieveCertificate, setCertificatesActive, uploadCertificate } from "./certificate-writes";
import { certificateListPath, orderOf, pageSizeOf, SortOrder } from "./certificates-query";
import { ClientOptions, resolveClientOptions } from "./client-options";
import { ListedCertificateWire, ProjectWire, toCertificate, toProject } from "./codecs";
import { ListByteBudget } from "./list-byte-budget";
import { ListPage } from "./list-page";
import { paginate } from "./paginate";
import { Project } from "./project";
import { createTransport } from "./transport";

/** Which certificate list to read, and how. */
export interface CertificateQuery {
    /** List this project's certificates instead of the organization's. */
    projectId?: string;
    /**
     * Sort order by `created_at`.
     * @default "desc" (the API's default)
     */
    order?: SortOrder;
    /**
     * Certificates per request, 1 to 100. Larger pages mean fewer requests.
     * @default 100
     */
    pageSize?: number;
}

/** Which projects to list. */
export interface ProjectQuery {
    /** Include archived projects. @default false */
    includeArchived?: boolean;
    /** 1 to 100. @default 100 */
    pageSize?: number;
}

/**
 * One connection to the API: every read made through it shares its options, its transport and its
 * request gate (so one Retry-After pauses them all). The admin key stays inside the transport.
 */
export interface CertificatesClient {
    /** Streams a certificate list page by page. */
    certificatePages(query?: CertificateQuery): AsyncGenerator<ListPage<Certificate>, void, undefined>;
    /** Reads a whole certificate list; never a partial one. */
    listCertificates(query?: CertificateQuery): Promise<Certificate[]>;
    /** Streams the organization's projects page by page (`GET /organization/projects`). */
    projectPages(query?: ProjectQuery): AsyncGenerator<ListPage<Project>, void, undefined>;
    /** Reads every project; archived ones only with `includeArchived`. */
    listProjects(query?: ProjectQuery): Promise<Project[]>;
    /** Uploads a certificate (`POST /organization/certificates`); it is not active anywhere yet. Never retried once it may have arrived. */
    uploadCertificate(upload: CertificateUpload): Promise<UploadedCertificate>;
    /** Reads one certificate, active or not; with `includeContent`, its PEM too. */
    retrieveCertificate(certificateId: string, options?: { includeContent?: boolean }): Promise<UploadedCertificate>;
    /** Renames a certificate: the only change the API allows. */
    renameCertificate(certificateId: string, name: string): Promise<UploadedCertificate>;
    /** Deletes a certificate; the API refuses while it is active in the organization or any project. */
    deleteCertificate(certificateId: string): Promise<void>;
    /** Activates 1 to 10 certificates in the organization, or in `scope.projectId`. */
    activateCertificates(certificateIds: readonly string[], scope?: ActivationScope): Promise<Certificate[]>;
    /** Deactivates 1 to 10 certificates in the organization, or in `scope.projectId`. */
    deactivateCertificates(certificateIds: readonly string[], scope?: ActivationScope): Promise<Certificate[]>;
}

/**
 * Creates a client. Options are checked at once; nothing is sent until a method is called. Each list
 * it reads is bounded by `maxListBytes`.
 *
 * @example
 * ```ts
 * const client = createCertificatesClient({ adminKey: process.env.OPENAI_ADMIN_KEY! });
 * const projects = await client.listProjects();
 * ```
 */
export function createCertificatesClient(options: ClientOptions): CertificatesClient {
    return certificatesClientWithin(options, undefined);
}

/**
 * {@link createCertificatesClient}, whose every list also counts against `within`, a wider bound:
 * the organization-wide view reads all its lists within one.
 */
export function certificatesClientWithin(options: ClientOptions, within: ListByteBudget | undefined): CertificatesClient {
    const resolved = resolveClientOptions(options);
    const transport = createTransport(resolved);

    const certificatePages = (query: CertificateQuery = {}) =>
        paginate({
            transport,
            path: certificateListPath(query.projectId),
            query: { order: orderOf(query.order) },
            limit: pageSizeOf(query.pageSize),
            item: ListedCertificateWire,
            toItem: toCertificate,
            idOf: (wire: ListedCertificateWire) => wire.id,
            maxPages: resolved.maxPages,
            maxListBytes: resolved.maxListBytes,
            within,
        });

    const projectPages = (query: ProjectQuery = {}) =>
        paginate({
            transport,
            path: "/organization/projects",
            query: { include_archived: query.includeArchived ? "true" : undefined },
            limit: pageSizeOf(query.pageSize),
            item: ProjectWire,
            toItem: toProject,
            idOf: (wire: ProjectWire) => wire.id,
            maxPages: resolved.maxPages,
            maxListBytes: resolved.maxListBytes,
            within,
        });

    return {
        certificatePages,
        // async, so that a bad query rejects instead of throwing at the call.
        listCertificates: async (query) => collect(certificatePages(query)),
        projectPages,
        listProjects: async (query) => collect(projectPages(query)),
        uploadCertificate: (upload) => uploadCertificate(transport, upload),
        retrieveCertificate: (id, options) => retrieveCertificate(transport, id, options),
        renameCertificate: (id, name) => renameCertificate(transport, id, name),
        deleteCertificate: (id) => deleteCertificate(transport, id),
        activateCertificates: (ids, scope) => setCertificatesActive(transport, ids, true, scope),
        deactivateCertificates: (ids, scope) => setCertificatesActive(transport, ids, false, scope),
    };
}

async function collect<T>(pages: AsyncIterable<ListPage<T>>): Promise<T[]> {
    const all: T[] = [];
    for await (const page of pages) all.push(...page.items);
    return all;
}

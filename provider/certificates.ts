import { Certificate, toCertificate } from "./certificate";
import { ClientOptions, resolveClientOptions } from "./client-options";
import { ListedCertificateWire } from "./codecs";
import { InvalidArgumentError } from "./errors";
import { ListPage, paginate } from "./paginate";
import { createTransport } from "./transport";

/** Sort order by `created_at`, as the API defines it. */
export type SortOrder = "asc" | "desc";

/** Options of the certificate list functions: how to reach the API, plus which list and how. */
export interface ListCertificatesOptions extends ClientOptions {
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

/** The largest `limit` the API accepts. */
export const MAX_PAGE_SIZE = 100;

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
    const resolved = resolveClientOptions(options);
    return paginate({
        transport: createTransport(resolved),
        path: certificateListPath(options.projectId),
        query: { limit: pageSizeOf(options.pageSize), order: orderOf(options.order) },
        item: ListedCertificateWire,
        toItem: toCertificate,
        idOf: (wire: ListedCertificateWire) => wire.id,
        maxPages: resolved.maxPages,
    });
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
export async function listCertificates(options: ListCertificatesOptions): Promise<Certificate[]> {
    const all: Certificate[] = [];
    for await (const page of certificatePages(options)) all.push(...page.items);
    return all;
}

/** Reads every certificate of the organization (`GET /organization/certificates`). */
export function listOrganizationCertificates(options: Omit<ListCertificatesOptions, "projectId">): Promise<Certificate[]> {
    return listCertificates({ ...options, projectId: undefined });
}

/** Reads every certificate of one project (`GET /organization/projects/{project_id}/certificates`). */
export function listProjectCertificates(projectId: string, options: Omit<ListCertificatesOptions, "projectId">): Promise<Certificate[]> {
    return listCertificates({ ...options, projectId: checkProjectId(projectId) });
}

/** The list endpoint's path for a scope; the project id is URL-encoded. */
export function certificateListPath(projectId: string | undefined): string {
    return projectId === undefined
        ? "/organization/certificates"
        : `/organization/projects/${encodeURIComponent(checkProjectId(projectId))}/certificates`;
}

/** Checks a project id: a non-empty string without surrounding spaces. */
export function checkProjectId(projectId: unknown): string {
    if (typeof projectId !== "string" || projectId.trim() === "" || projectId.trim() !== projectId) {
        throw new InvalidArgumentError("projectId", `must be a non-empty project id such as "proj_abc", got ${JSON.stringify(projectId)}`);
    }
    return projectId;
}

/** Checks `pageSize` (1..100) and applies its default. */
export function pageSizeOf(pageSize: unknown): number {
    if (pageSize === undefined) return MAX_PAGE_SIZE;
    if (typeof pageSize !== "number" || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new InvalidArgumentError("pageSize", `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${JSON.stringify(pageSize)}`);
    }
    return pageSize;
}

/** Checks `order` and applies its default. */
export function orderOf(order: unknown): SortOrder {
    if (order === undefined) return "desc";
    if (order !== "asc" && order !== "desc") {
        throw new InvalidArgumentError("order", `must be "asc" or "desc", got ${JSON.stringify(order)}`);
    }
    return order;
}

import { checkProjectId, orderOf, pageSizeOf, SortOrder } from "../certificates";
import { DEFAULT_MAX_PAGES } from "../cursor";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, integerIn, normalizeBaseUrl } from "../client-options";
import { InvalidArgumentError } from "../errors";

/** The engine's wire value for "not known yet" (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What to do when the certificate list cannot be read. */
export type OnReadError = "fail" | "warn";

/** The inputs of a `Certificates` resource, as the provider receives them (plain values). */
export interface CertificatesInputs {
    baseUrl?: string;
    projectId?: string;
    order?: SortOrder;
    pageSize?: number;
    maxRetries?: number;
    timeoutMs?: number;
    maxPages?: number;
    /** Keep only certificates whose name matches this glob (`*`, `?`). */
    namePattern?: string;
    /** Keep only certificates active in the scope. */
    activeOnly?: boolean;
    /** `fail` (default) fails preview and up when the list cannot be read; `warn` records the error instead. */
    onReadError?: OnReadError;
}

/** Inputs checked, with defaults applied: the query part of the resource's state. */
export interface ResolvedCertificatesQuery {
    baseUrl: string;
    projectId?: string;
    order: SortOrder;
    pageSize: number;
    maxRetries: number;
    timeoutMs: number;
    maxPages: number;
    namePattern?: string;
    activeOnly: boolean;
    onReadError: OnReadError;
}

/** The input names the resource accepts. */
export const CERTIFICATES_INPUT_NAMES: readonly (keyof CertificatesInputs)[] = [
    "baseUrl",
    "projectId",
    "order",
    "pageSize",
    "maxRetries",
    "timeoutMs",
    "maxPages",
    "namePattern",
    "activeOnly",
    "onReadError",
];

/** Whether any input is still unknown (a value computed by another resource during preview). */
export function hasUnknownInput(news: Record<string, unknown>): boolean {
    return CERTIFICATES_INPUT_NAMES.some((name) => containsUnknown(news[name]));
}

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/**
 * Checks the inputs and applies defaults. `fallbackBaseUrl` is the stack config or environment value
 * used when the input is absent. Throws {@link InvalidArgumentError} naming the input.
 */
export function resolveCertificatesQuery(news: Record<string, unknown>, fallbackBaseUrl: string): ResolvedCertificatesQuery {
    const baseUrl = news.baseUrl === undefined || news.baseUrl === null ? fallbackBaseUrl : news.baseUrl;
    if (typeof baseUrl !== "string") throw new InvalidArgumentError("baseUrl", "must be a string");
    const namePattern = news.namePattern ?? undefined;
    if (namePattern !== undefined && (typeof namePattern !== "string" || namePattern === "")) {
        throw new InvalidArgumentError("namePattern", "must be a non-empty glob such as \"gateway-*\"");
    }
    const activeOnly = news.activeOnly ?? false;
    if (typeof activeOnly !== "boolean") throw new InvalidArgumentError("activeOnly", "must be true or false");
    const onReadError = news.onReadError ?? "fail";
    if (onReadError !== "fail" && onReadError !== "warn") {
        throw new InvalidArgumentError("onReadError", `must be "fail" or "warn", got ${JSON.stringify(onReadError)}`);
    }
    const projectId = news.projectId === undefined || news.projectId === null ? undefined : checkProjectId(news.projectId);
    return {
        baseUrl: normalizeBaseUrl(baseUrl),
        ...(projectId !== undefined ? { projectId } : {}),
        order: orderOf(news.order ?? undefined),
        pageSize: pageSizeOf(news.pageSize ?? undefined),
        maxRetries: integerIn("maxRetries", news.maxRetries ?? undefined, DEFAULT_MAX_RETRIES, 0, 10),
        timeoutMs: integerIn("timeoutMs", news.timeoutMs ?? undefined, DEFAULT_TIMEOUT_MS, 1, 600_000),
        maxPages: integerIn("maxPages", news.maxPages ?? undefined, DEFAULT_MAX_PAGES, 1, 1_000_000),
        ...(namePattern !== undefined ? { namePattern } : {}),
        activeOnly,
        onReadError,
    };
}

/** The stable id of a query: `organization` or `project/<projectId>`. */
export function queryId(query: { projectId?: string }): string {
    return query.projectId === undefined ? "organization" : `project/${query.projectId}`;
}

import { integerIn } from "./option-checks";
import { PathSafeId } from "./codecs";
import { InvalidArgumentError } from "./errors/argument-error";

/** Sort order by `created_at`, as the API defines it. */
export type SortOrder = "asc" | "desc";

/** The largest `limit` the API accepts. */
export const MAX_PAGE_SIZE = 100;

/** The list endpoint's path for a scope; the project id is checked by {@link checkProjectId}. */
export function certificateListPath(projectId: string | undefined): string {
    return projectId === undefined ? "/organization/certificates" : `/organization/projects/${checkProjectId(projectId)}/certificates`;
}

/**
 * Checks a project id given by the caller (an argument, a resource input, a command's flag) before
 * any request: letters, digits, `_` and `-` only ({@link PathSafeId}). The value is not quoted back,
 * only its first character that is not allowed: a key pasted into the wrong setting must not reach
 * a log. Throws {@link InvalidArgumentError} naming `argument`.
 */
export function checkProjectId(projectId: unknown, argument = "projectId"): string {
    return checkPathSafeId(projectId, argument, "a project id such as \"proj_abc\"");
}

/** Checks a certificate id by the same rule as {@link checkProjectId}. */
export function checkCertificateId(certificateId: unknown, argument = "certificateId"): string {
    return checkPathSafeId(certificateId, argument, "a certificate id such as \"cert_abc\"");
}

function checkPathSafeId(id: unknown, argument: string, what: string): string {
    if (typeof id !== "string") throw new InvalidArgumentError(argument, `must be ${what}, got ${id === null ? "null" : typeof id}`);
    if (PathSafeId.is(id)) return id;
    const bad = /[^A-Za-z0-9_-]/u.exec(id)?.[0];
    throw new InvalidArgumentError(argument, `must be ${what}: letters, digits, "_" and "-" only, ${bad === undefined ? "and not empty" : `and it contains ${JSON.stringify(bad)}`}`);
}

/** Checks `pageSize` (1..100) and applies its default. */
export function pageSizeOf(pageSize: unknown): number {
    return integerIn("pageSize", pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
}

/** Checks `order` and applies its default. */
export function orderOf(order: unknown): SortOrder {
    if (order === undefined) return "desc";
    if (order !== "asc" && order !== "desc") {
        throw new InvalidArgumentError("order", `must be "asc" or "desc", got ${JSON.stringify(order)}`);
    }
    return order;
}

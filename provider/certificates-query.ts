import { InvalidArgumentError } from "./errors";

/** Sort order by `created_at`, as the API defines it. */
export type SortOrder = "asc" | "desc";

/** The largest `limit` the API accepts. */
export const MAX_PAGE_SIZE = 100;

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

import { ApiAnswer, apiError, ok } from "./answers";

/** The sort order of a list, or the 400 for an `order` that is neither `asc` nor `desc`. */
export function listOrder(query: URLSearchParams): "asc" | "desc" | ApiAnswer {
    const order = query.get("order") ?? "desc";
    if (order === "asc" || order === "desc") return order;
    return apiError(400, `Invalid 'order': expected 'asc' or 'desc', got '${order}'.`, "order");
}

/** The API sorts by `created_at`; equal times fall back to the id so pages are stable. */
export function byCreation<T extends { id: string; createdAt: number }>(items: readonly T[], order: "asc" | "desc"): T[] {
    const asc = [...items].sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
    return order === "asc" ? asc : asc.reverse();
}

/**
 * One page of `items` as the OpenAPI description pages lists: `limit` 1..100 (default 20), `after`
 * an id of the previous page, and `first_id`, `last_id`, `has_more`.
 */
export function listPage<T extends { id: string }>(query: URLSearchParams, items: readonly T[], render: (item: T) => object): ApiAnswer {
    const rawLimit = query.get("limit");
    const limit = rawLimit === null ? 20 : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        return apiError(400, `Invalid 'limit': expected an integer from 1 to 100, got '${rawLimit}'.`, "limit");
    }
    let start = 0;
    const after = query.get("after");
    if (after !== null) {
        const index = items.findIndex((item) => item.id === after);
        if (index < 0) return apiError(400, `Invalid 'after': no object with id '${after}'.`, "after");
        start = index + 1;
    }
    const page = items.slice(start, start + limit);
    return ok({
        object: "list",
        data: page.map(render),
        first_id: page.length ? page[0].id : null,
        last_id: page.length ? page[page.length - 1].id : null,
        has_more: start + limit < items.length,
    });
}

/** Orders ids by code unit, the same on every machine (no locale). */
export function compareIds(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

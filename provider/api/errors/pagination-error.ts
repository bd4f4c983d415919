import { OpenAICertificatesError } from "./base";

/** Why pagination stopped. */
export type PaginationErrorCode =
    /** The server handed out a cursor it had handed out before: following it would loop forever. */
    | "pagination_cursor_repeated"
    /** `has_more` was true but the page gave no cursor to continue from. */
    | "pagination_missing_cursor"
    /** `has_more` was true on a page with no items. */
    | "pagination_empty_page"
    /** A page held more items than the `limit` asked for: the list's size would have no bound. */
    | "pagination_page_too_large"
    /** The same id (of a certificate, or of a project) arrived twice. */
    | "pagination_duplicate_id"
    /** More pages than `maxPages`. */
    | "pagination_page_limit";

/**
 * The API's pagination broke its contract. Returning what was read so far would be a silently
 * short list, so nothing is returned. Not retried.
 */
export class PaginationError extends OpenAICertificatesError {
    constructor(
        readonly code: PaginationErrorCode,
        /** What was being listed, such as `GET /organization/certificates`. */
        readonly operation: string,
        /** The 1-based page at which the problem showed. */
        readonly page: number,
        detail: string,
    ) {
        super(`Pagination of ${operation} failed at page ${page}: ${detail}. No partial list is returned.`);
    }
}

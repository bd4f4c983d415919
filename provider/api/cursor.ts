import { MAX_PAGE_SIZE } from "./certificates-query";
import { PaginationError } from "./errors/pagination-error";

/** What the cursor logic needs to know about one page. */
export interface PageSummary {
    /** Ids of the items on the page, in order. */
    readonly ids: readonly string[];
    /** The envelope's `has_more`. */
    readonly hasMore: boolean;
    /** The envelope's `last_id` (`null` or absent when the API leaves it out). */
    readonly lastId?: string | null;
}

/** The default cap on pages per list: 1,000 pages of 100 is far past any real organization. */
export const DEFAULT_MAX_PAGES = 1000;

/**
 * Follows an `after` cursor through a list (of certificates or of projects), and refuses every way a server could make it loop forever,
 * return a silently short list or an unbounded one: no page may hold more than `pageSize` items, so a
 * list never holds more than `maxPages` x `pageSize`. It holds the cursors and ids seen so far; it
 * does no I/O.
 *
 * @example
 * ```ts
 * const cursor = new CursorTracker("GET /organization/certificates", 1000, 100);
 * let after: string | undefined;
 * do { const page = await fetchPage(after); after = cursor.next(page); } while (after !== undefined);
 * ```
 */
export class CursorTracker {
    private readonly cursors = new Set<string>();
    private readonly ids = new Set<string>();
    private pages = 0;

    constructor(
        private readonly operation: string,
        private readonly maxPages: number = DEFAULT_MAX_PAGES,
        /** The `limit` each page was asked for. */
        private readonly pageSize: number = MAX_PAGE_SIZE,
    ) {}

    /** How many pages have been recorded. */
    get pageCount(): number {
        return this.pages;
    }

    /**
     * Records a page and returns the `after` cursor for the next request, or `undefined` when the
     * list is complete. Throws {@link PaginationError} when the page breaks the pagination contract.
     */
    next(page: PageSummary): string | undefined {
        this.pages += 1;
        const n = this.pages;
        if (page.ids.length > this.pageSize) {
            this.fail("pagination_page_too_large", `the page holds ${page.ids.length} items, more than the limit of ${this.pageSize} asked for`);
        }
        for (const id of page.ids) {
            if (this.ids.has(id)) this.fail("pagination_duplicate_id", `id ${id} was delivered twice`);
            this.ids.add(id);
        }
        if (!page.hasMore) return undefined;

        if (page.ids.length === 0) this.fail("pagination_empty_page", "has_more is true on a page with no items");
        // The spec's cursor is the page's last_id; when a server sends null there, the last item's id
        // is the same thing (an object id that marks our place).
        // An empty string is no cursor either.
        const cursor = page.lastId || page.ids[page.ids.length - 1];
        if (!cursor) this.fail("pagination_missing_cursor", "has_more is true but the page has no last_id");
        if (this.cursors.has(cursor)) this.fail("pagination_cursor_repeated", `cursor ${cursor} was returned before`);
        if (n >= this.maxPages) {
            this.fail("pagination_page_limit", `more than ${this.maxPages} pages (option maxPages)`);
        }
        this.cursors.add(cursor);
        return cursor;
    }

    private fail(code: PaginationError["code"], detail: string): never {
        throw new PaginationError(code, this.operation, this.pages, detail);
    }
}

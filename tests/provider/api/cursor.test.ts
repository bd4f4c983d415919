import { strict as assert } from "assert";
import { CursorTracker, DEFAULT_MAX_PAGES, PageSummary } from "../../../provider/api/cursor";
import { OpenAICertificatesError, PaginationError, PaginationErrorCode } from "../../../provider/api/errors";

const OPERATION = "GET /organization/certificates";

/** A page summary: `page(["cert_a", "cert_b"], { hasMore: true, lastId: "cert_b" })`. */
function page(ids: string[], options: { hasMore?: boolean; lastId?: string | null } = {}): PageSummary {
    return { ids, hasMore: options.hasMore ?? false, ...("lastId" in options ? { lastId: options.lastId } : {}) };
}

/** Matches a PaginationError with this code, raised at this 1-based page. */
function paginationError(code: PaginationErrorCode, pageNumber: number) {
    return (e: unknown): boolean =>
        e instanceof PaginationError &&
        e instanceof OpenAICertificatesError &&
        e.code === code &&
        e.page === pageNumber &&
        e.operation === OPERATION &&
        e.name === "PaginationError" &&
        e.message.includes(`page ${pageNumber}`) &&
        e.message.includes(OPERATION);
}

describe("CursorTracker", () => {
    it("follows last_id until has_more is false", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.equal(cursor.next(page(["cert_a", "cert_b"], { hasMore: true, lastId: "cert_b" })), "cert_b");
        assert.equal(cursor.next(page(["cert_c", "cert_d"], { hasMore: true, lastId: "cert_d" })), "cert_d");
        assert.equal(cursor.next(page(["cert_e"], { hasMore: false, lastId: "cert_e" })), undefined);
        assert.equal(cursor.pageCount, 3);
    });

    it("uses the server's last_id even when it differs from the last item's id", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.equal(cursor.next(page(["cert_a", "cert_b"], { hasMore: true, lastId: "opaque_cursor_1" })), "opaque_cursor_1");
    });

    it("falls back to the last item's id when last_id is null", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.equal(cursor.next(page(["cert_a", "cert_b"], { hasMore: true, lastId: null })), "cert_b");
    });

    it("falls back to the last item's id when last_id is absent", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.equal(cursor.next(page(["cert_a", "cert_z"], { hasMore: true })), "cert_z");
    });

    it("falls back to the last item's id when last_id is an empty string (regression: an empty cursor was refused)", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.equal(cursor.next(page(["cert_a", "cert_y"], { hasMore: true, lastId: "" })), "cert_y");
    });

    it("is complete after one page when has_more is false", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.equal(cursor.next(page(["cert_a"], { hasMore: false, lastId: "cert_a" })), undefined);
        assert.equal(cursor.pageCount, 1);
    });

    it("is complete on an empty first page with has_more false", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.equal(cursor.next(page([], { hasMore: false, lastId: null })), undefined);
        assert.equal(cursor.pageCount, 1);
    });

    it("refuses a cursor the server handed out before", () => {
        const cursor = new CursorTracker(OPERATION);
        cursor.next(page(["cert_a", "cert_b"], { hasMore: true, lastId: "cursor_1" }));
        assert.throws(
            () => cursor.next(page(["cert_c", "cert_d"], { hasMore: true, lastId: "cursor_1" })),
            paginationError("pagination_cursor_repeated", 2),
        );
    });

    it("refuses has_more on a page with no items", () => {
        const cursor = new CursorTracker(OPERATION);
        cursor.next(page(["cert_a"], { hasMore: true, lastId: "cert_a" }));
        assert.throws(
            () => cursor.next(page([], { hasMore: true, lastId: "cert_b" })),
            paginationError("pagination_empty_page", 2),
        );
    });

    it("refuses has_more on an empty first page", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.throws(() => cursor.next(page([], { hasMore: true, lastId: null })), paginationError("pagination_empty_page", 1));
    });

    it("refuses a certificate id delivered on two pages", () => {
        const cursor = new CursorTracker(OPERATION);
        cursor.next(page(["cert_a", "cert_b"], { hasMore: true, lastId: "cert_b" }));
        cursor.next(page(["cert_c", "cert_d"], { hasMore: true, lastId: "cert_d" }));
        assert.throws(
            () => cursor.next(page(["cert_e", "cert_b"], { hasMore: false, lastId: "cert_b" })),
            (e: unknown) => paginationError("pagination_duplicate_id", 3)(e) && (e as PaginationError).message.includes("cert_b"),
        );
    });

    it("refuses a certificate id delivered twice on one page", () => {
        const cursor = new CursorTracker(OPERATION);
        assert.throws(
            () => cursor.next(page(["cert_a", "cert_a"], { hasMore: false })),
            paginationError("pagination_duplicate_id", 1),
        );
    });

    it("refuses a page with more items than the limit asked for (regression: accepted, so a list had no bound)", () => {
        const cursor = new CursorTracker(OPERATION, 10, 2);
        assert.throws(
            () => cursor.next(page(["cert_a", "cert_b", "cert_c"], { hasMore: false })),
            (e: unknown) => paginationError("pagination_page_too_large", 1)(e) && (e as PaginationError).message.includes("limit of 2"),
        );
    });

    it("accepts pages of exactly the limit, and defaults the limit to the API's largest, 100", () => {
        const cursor = new CursorTracker(OPERATION, 10, 2);
        assert.equal(cursor.next(page(["cert_a", "cert_b"], { hasMore: true })), "cert_b");
        const defaulted = new CursorTracker(OPERATION);
        const hundred = Array.from({ length: 100 }, (_, i) => `cert_${i}`);
        assert.equal(defaulted.next(page(hundred, { hasMore: false })), undefined);
        assert.throws(() => new CursorTracker(OPERATION).next(page([...hundred, "cert_x"], { hasMore: false })), paginationError("pagination_page_too_large", 1));
    });

    it("bounds a whole list by maxPages x the limit", () => {
        const cursor = new CursorTracker(OPERATION, 3, 2);
        let read = 0;
        assert.throws(() => {
            for (let n = 0; ; n++) {
                const ids = [`cert_${n}_a`, `cert_${n}_b`];
                cursor.next(page(ids, { hasMore: true }));
                read += ids.length;
            }
        }, paginationError("pagination_page_limit", 3));
        assert.ok(read <= 3 * 2, `${read} items were accepted`);
    });

    it("reads exactly maxPages pages when the last of them ends the list", () => {
        const cursor = new CursorTracker(OPERATION, 3);
        assert.equal(cursor.next(page(["cert_1"], { hasMore: true, lastId: "cert_1" })), "cert_1");
        assert.equal(cursor.next(page(["cert_2"], { hasMore: true, lastId: "cert_2" })), "cert_2");
        assert.equal(cursor.next(page(["cert_3"], { hasMore: false, lastId: "cert_3" })), undefined);
    });

    it("stops with pagination_page_limit when page maxPages still has more", () => {
        const cursor = new CursorTracker(OPERATION, 3);
        cursor.next(page(["cert_1"], { hasMore: true, lastId: "cert_1" }));
        cursor.next(page(["cert_2"], { hasMore: true, lastId: "cert_2" }));
        assert.throws(
            () => cursor.next(page(["cert_3"], { hasMore: true, lastId: "cert_3" })),
            (e: unknown) => paginationError("pagination_page_limit", 3)(e) && (e as PaginationError).message.includes("maxPages"),
        );
    });

    it("stops at the first page when maxPages is 1 and there is more", () => {
        const cursor = new CursorTracker(OPERATION, 1);
        assert.throws(
            () => cursor.next(page(["cert_1"], { hasMore: true, lastId: "cert_1" })),
            paginationError("pagination_page_limit", 1),
        );
    });

    it("defaults maxPages to 1,000", () => {
        assert.equal(DEFAULT_MAX_PAGES, 1000);
        const cursor = new CursorTracker(OPERATION);
        for (let n = 1; n < 1000; n += 1) {
            cursor.next(page([`cert_${n}`], { hasMore: true, lastId: `cert_${n}` }));
        }
        assert.throws(
            () => cursor.next(page(["cert_1000"], { hasMore: true, lastId: "cert_1000" })),
            paginationError("pagination_page_limit", 1000),
        );
    });
});

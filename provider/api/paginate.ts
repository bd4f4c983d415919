import * as t from "io-ts";
import { CursorTracker } from "./cursor";
import { DEFAULT_MAX_LIST_BYTES } from "./client-options";
import { decodeOrThrow } from "./decode";
import { ListByteBudget } from "./list-byte-budget";
import { listEnvelope } from "./codecs";
import { ListPage } from "./list-page";
import { Transport } from "./transport";

export { ListPage };

/** What {@link paginate} needs to walk one list endpoint. */
export interface PaginateSpec<C extends t.Mixed, T> {
    readonly transport: Transport;
    /** Path below the base URL, URL-encoded. */
    readonly path: string;
    /** Query parameters sent with every page (`order`, ...); `limit` and `after` are added. */
    readonly query: Readonly<Record<string, string | number | boolean | undefined>>;
    /** Items asked for per page, sent as `limit`; a page with more is a `pagination_page_too_large` error. */
    readonly limit: number;
    /** The codec of one item; the list envelope is built around it. */
    readonly item: C;
    /** Maps a decoded item to what callers see. */
    readonly toItem: (wire: t.TypeOf<C>) => T;
    /** The item's id, for duplicate detection and the fallback cursor. */
    readonly idOf: (wire: t.TypeOf<C>) => string;
    /** Most pages to read. */
    readonly maxPages: number;
    /**
     * Most bytes of response bodies to read, all pages added up; past it, a `list_too_large` error.
     * @default 67108864 (64 MiB)
     */
    readonly maxListBytes?: number;
    /** A wider bound this list's bytes also count against, such as the organization-wide view's. */
    readonly within?: ListByteBudget;
}

/**
 * Walks a cursor-paginated list one page at a time: sends `after` = the previous page's `last_id`
 * while `has_more` is true, so N items take ceil(N / limit) requests (one for an empty list). Each
 * page is checked by its codec and by {@link CursorTracker} before it is yielded, and its body's
 * bytes are counted by {@link ListByteBudget} before it is parsed.
 *
 * The iterator is the core; collecting functions are thin loops over it, and callers that stream
 * can stop early with `break`.
 */
export async function* paginate<C extends t.Mixed, T>(spec: PaginateSpec<C, T>): AsyncGenerator<ListPage<T>, void, undefined> {
    const label = `GET ${spec.path}`;
    const cursor = new CursorTracker(label, spec.maxPages, spec.limit);
    const budget = new ListByteBudget(label, spec.maxListBytes ?? DEFAULT_MAX_LIST_BYTES, spec.within);
    const envelope = listEnvelope(spec.item);
    let after: string | undefined;
    do {
        const pageNumber = cursor.pageCount + 1;
        const operation = `${label} (page ${pageNumber})`;
        const body = await spec.transport.getJson({ path: spec.path, query: { ...spec.query, limit: spec.limit, after }, operation, budget });
        let page: t.TypeOf<typeof envelope>;
        let ids: string[];
        let lastId: string | null;
        try {
            page = decodeOrThrow(envelope, body, operation);
            ids = (page.data as t.TypeOf<C>[]).map(spec.idOf);
            lastId = page.last_id ?? null;
            after = cursor.next({ ids, hasMore: page.has_more, lastId });
        } catch (error) {
            // Decoding and cursor errors quote what the server sent, which may echo our key.
            throw spec.transport.scrub(error);
        }
        const data: t.TypeOf<C>[] = page.data;
        yield {
            pageNumber,
            items: data.map(spec.toItem),
            hasMore: page.has_more,
            firstId: page.first_id ?? null,
            lastId,
        };
    } while (after !== undefined);
}

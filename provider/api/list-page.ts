/** One page of a list, already decoded and mapped to domain types. */
export interface ListPage<T> {
    /** 1-based position of this page in the list. */
    readonly pageNumber: number;
    /** The page's items, in the API's order. */
    readonly items: readonly T[];
    /** Whether the API said more pages follow. */
    readonly hasMore: boolean;
    /** The envelope's `first_id`. */
    readonly firstId: string | null;
    /** The envelope's `last_id`. */
    readonly lastId: string | null;
}

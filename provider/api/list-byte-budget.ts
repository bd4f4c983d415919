import { ListTooLargeError } from "./errors/list-too-large-error";

/**
 * The bytes of response bodies one list may add up to, as the pages arrive. A list is bounded in
 * items (`maxPages` x the page size), but each page may be up to `maxResponseBytes`, so that bound
 * alone lets a server send gigabytes; this one stops the read once the bodies accepted so far would
 * pass `limitBytes`. A budget may count against a wider one as well (every list of the
 * organization-wide view against the view's), and the first to run out fails the read. It does no I/O.
 *
 * @example
 * ```ts
 * const view = new ListByteBudget("the organization-wide view", 64 * 1024 * 1024);
 * const list = new ListByteBudget("GET /organization/certificates", 64 * 1024 * 1024, view);
 * list.charge(body.length, "GET /organization/certificates (page 1)"); // throws ListTooLargeError past either bound
 * ```
 */
export class ListByteBudget {
    private used = 0;

    constructor(
        /** What is read within this budget, for the error: `GET /organization/certificates`. */
        readonly list: string,
        /** Most bytes accepted, all bodies added up. */
        readonly limitBytes: number,
        /** A wider budget every charge also counts against. */
        private readonly within?: ListByteBudget,
    ) {}

    /** Bytes accepted so far. */
    get bytesRead(): number {
        return this.used;
    }

    /**
     * Accepts a body of `bytes` read for `operation`, or throws {@link ListTooLargeError} when it would
     * take this budget (or the one it is within) past its bound; a refused body is not counted.
     */
    charge(bytes: number, operation: string): void {
        if (this.used + bytes > this.limitBytes) throw new ListTooLargeError(this.list, this.limitBytes, this.used, operation);
        this.within?.charge(bytes, operation);
        this.used += bytes;
    }
}

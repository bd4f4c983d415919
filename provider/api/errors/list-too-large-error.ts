import { OpenAICertificatesError } from "./base";

/**
 * The response bodies of one list, or of every list the organization-wide view reads, add up to more
 * than `maxListBytes`. A list is bounded in items too (`maxPages` x the page size), but pages of up to
 * `maxResponseBytes` each would fill memory long before that bound: reading stops at the page that
 * would pass this one, and nothing is returned. Not retried.
 */
export class ListTooLargeError extends OpenAICertificatesError {
    readonly code = "list_too_large";

    constructor(
        /** What was being read: `GET /organization/certificates`, or `the organization-wide view`. */
        readonly list: string,
        /** The bound, in bytes (option `maxListBytes`). */
        readonly limitBytes: number,
        /** Bytes of response bodies accepted before the one that would have passed the bound. */
        readonly bytesRead: number,
        /** The request whose body would have passed the bound, such as `GET /organization/certificates (page 9)`. */
        readonly operation: string,
    ) {
        super(
            `${list} is larger than ${limitBytes} bytes of responses (option maxListBytes): ${bytesRead} bytes were read, ` +
                `and the answer to ${operation} would pass the bound, so reading stopped there. No partial list is returned. ` +
                "If the organization really holds this much, raise maxListBytes; otherwise the server is sending far more than certificates",
        );
    }
}

/**
 * Every error this package throws is an {@link OpenAICertificatesError}: catch that one class, then
 * branch on the machine-readable {@link OpenAICertificatesError.code}.
 *
 * Messages are written for a person who has to act on them. They never contain the admin key: the
 * HTTP layer redacts anything the server echoes back before an error is built.
 */
export abstract class OpenAICertificatesError extends Error {
    /** A stable, machine-readable identifier of what went wrong, such as `rate_limited`. */
    abstract readonly code: string;

    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        // `name` shows in stack traces and in Pulumi's error output; make it the concrete class.
        this.name = new.target.name;
    }
}

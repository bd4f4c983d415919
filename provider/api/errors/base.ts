/**
 * Every error this package throws on purpose is an {@link OpenAICertificatesError}: catch that one
 * class, then branch on the machine-readable {@link OpenAICertificatesError.code}. (A bug can still
 * surface as a plain `Error`; the dynamic provider records such a one with the code `unexpected`.)
 *
 * Messages are written for a person who has to act on them. They never contain the admin key: the
 * client's edge scrubs every error it throws, whatever built it (message, stack and string fields;
 * see `scrubError`), and a successful response that holds the key is refused whole
 * (`CredentialInResponseError`) rather than let into names and ids.
 */
export abstract class OpenAICertificatesError extends Error {
    /** A stable, machine-readable identifier of what went wrong, such as `rate_limited`. */
    abstract readonly code: string;

    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        // `name` shows in stack traces and in Pulumi's error output; make it the concrete class.
        this.name = new.target.name;
    }

    /**
     * How `util.inspect` (and so `console.log` and Pulumi's error output) shows the error: its stack,
     * which begins with the name and message, and its code; not every field (a
     * `CertificateExpiryError`'s report alone is 70 lines).
     *
     * Returning a string also keeps Node's own error formatting away: on Node.js 20 and 22,
     * `util.inspect(error, { colors: true })` loops for about a minute on the stack frames Pulumi's
     * source maps name `node_modules/@pulumi/cmd/...` (nodejs/node#64011), and Pulumi inspects every
     * error that ends a program, so each failed preview cost a minute.
     */
    [Symbol.for("nodejs.util.inspect.custom")](): string {
        return `${this.stack ?? `${this.name}: ${this.message}`}\n  code: '${this.code}'`;
    }
}

import { OpenAICertificatesError } from "./base";

/**
 * The request got no complete HTTP answer: DNS, a refused or reset connection, TLS, a connection
 * that closed before the whole body arrived, or more than 3 same-origin redirects. Retried while
 * `maxRetries` allows, with backoff; the last one is thrown.
 */
export class APIConnectionError extends OpenAICertificatesError {
    readonly code: string = "connection_failed";

    constructor(operation: string, reason: string, options?: { cause?: unknown }) {
        super(`Could not reach the OpenAI API for ${operation}: ${reason}`, options);
    }
}

/** No complete answer (body included) arrived within `timeoutMs`. Retried like any connection failure. */
export class APITimeoutError extends APIConnectionError {
    override readonly code = "timeout";

    constructor(
        operation: string,
        /** The per-request timeout that ran out, in milliseconds. */
        readonly timeoutMs: number,
    ) {
        super(operation, `no complete response within ${timeoutMs} ms (option timeoutMs)`);
    }
}

/**
 * The request, or a wait before retrying it, was stopped: the caller's `AbortSignal` fired, or, in
 * the organization-wide view, another read failed and stopped every read still running (the view
 * then throws that first failure). Never retried.
 */
export class RequestAbortedError extends OpenAICertificatesError {
    readonly code = "aborted";

    constructor(operation: string) {
        super(`Request aborted by the caller during ${operation}`);
    }
}

/**
 * The server redirected to another origin. Following it would send the admin key to a host the
 * user did not choose, so the request stops here.
 */
export class RedirectRefusedError extends OpenAICertificatesError {
    readonly code = "redirect_refused";

    constructor(
        operation: string,
        readonly status: number,
        /** The origin (scheme, host and port) the server pointed to. */
        readonly targetOrigin: string,
    ) {
        super(
            `Refused to follow HTTP ${status} redirect for ${operation} to another origin (${targetOrigin}): ` +
                "the admin key is only sent to the configured base URL. Set baseUrl to the final address instead.",
        );
    }
}

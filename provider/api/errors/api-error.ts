import { OpenAICertificatesError } from "./base";

/** What the API said about a failed request, already redacted. */
export interface APIErrorDetails {
    /** HTTP status of the response. */
    status: number;
    /** `error.message` from the API's error envelope, redacted; absent when the body had none. */
    apiMessage?: string;
    /** `error.type` from the API's error envelope, such as `invalid_request_error`. */
    apiType?: string;
    /** `error.code` from the API's error envelope, such as `invalid_api_key`. */
    apiCode?: string | null;
    /** `error.param` from the API's error envelope. */
    param?: string | null;
    /** The `x-request-id` response header, to quote to OpenAI support. */
    requestId?: string;
    /** What was being read, such as `GET /organization/certificates (page 2)`. */
    operation: string;
}

/**
 * The API answered with an HTTP error status. Subclasses are chosen from the status, as in the
 * official openai SDK: {@link AuthenticationError} (401), {@link PermissionDeniedError} (403),
 * {@link NotFoundError} (404), {@link ConflictError} (409), {@link RateLimitError} (429),
 * {@link InternalServerError} (5xx), {@link BadRequestError} (400).
 */
export class APIError extends OpenAICertificatesError {
    readonly code: string = "api_error";
    readonly status: number;
    readonly apiType?: string;
    readonly apiCode?: string | null;
    readonly param?: string | null;
    readonly requestId?: string;

    constructor(details: APIErrorDetails, hint?: string) {
        super(describe(details, hint));
        this.status = details.status;
        this.apiType = details.apiType;
        this.apiCode = details.apiCode;
        this.param = details.param;
        this.requestId = details.requestId;
    }

    /** Builds the subclass that matches the status. */
    static fromResponse(details: APIErrorDetails): APIError {
        const s = details.status;
        if (s === 400) return new BadRequestError(details);
        if (s === 401) return new AuthenticationError(details);
        if (s === 403) return new PermissionDeniedError(details);
        if (s === 404) return new NotFoundError(details);
        if (s === 409) return new ConflictError(details);
        if (s === 429) return new RateLimitError(details);
        if (s >= 500) return new InternalServerError(details);
        return new APIError(details);
    }
}

function describe(d: APIErrorDetails, hint?: string): string {
    const parts = [`OpenAI API returned HTTP ${d.status} for ${d.operation}`];
    if (d.apiMessage) parts.push(`: ${d.apiMessage}`);
    if (d.apiType || d.apiCode) parts.push(` (${[d.apiType, d.apiCode].filter(Boolean).join("/")})`);
    if (d.requestId) parts.push(` [request id ${d.requestId}]`);
    if (hint) parts.push(`. ${hint}`);
    return parts.join("");
}

/** HTTP 400: the request was malformed, for example a cursor the API does not know. */
export class BadRequestError extends APIError {
    override readonly code = "bad_request";
}

/**
 * What to do about a refused key, naming where the entry point read it from (`places`): the one
 * wording of this advice, which every entry point gives in its own words for the places.
 */
export function adminKeyAdvice(places: string): string {
    return `Check ${places}; certificate endpoints need an organization admin key, not a project key`;
}

/** HTTP 401: the admin key was refused. */
export class AuthenticationError extends APIError {
    override readonly code = "authentication_failed";
    // Kept so that an entry point can restate the refusal with its own advice; not enumerable, so
    // it adds nothing to a log of the error (the message already holds all of it). Not an ES
    // `#private` field: that shows in the declarations and breaks consumers compiling for ES5.
    private declare readonly details: APIErrorDetails;

    constructor(details: APIErrorDetails, advice = adminKeyAdvice("the admin key (`adminKey`, or OPENAI_ADMIN_KEY)")) {
        super(details, advice);
        Object.defineProperty(this, "details", { value: details, enumerable: false, writable: true });
    }

    /**
     * The same refusal with `advice` instead of the generic one. The API layer does not know where
     * the key came from; the entry point that read it does (the command line names its environment
     * variable, a Pulumi program its stack config, a refresh the config stored in the state).
     */
    withAdvice(advice: string): AuthenticationError {
        const restated = new AuthenticationError(this.details, advice);
        // The refusal happened where this error was made: keep those frames, not this method's.
        const header = `${this.name}: ${this.message}`;
        if (this.stack?.startsWith(header)) restated.stack = `${restated.name}: ${restated.message}${this.stack.slice(header.length)}`;
        return restated;
    }
}

/** HTTP 403: the key is valid but may not use the certificate endpoints (read or write). */
export class PermissionDeniedError extends APIError {
    override readonly code = "permission_denied";
    constructor(details: APIErrorDetails) {
        super(details, "The key needs the organization owner role to read or change certificates");
    }
}

/** HTTP 404: for project scope, usually a project id that does not exist in this organization. */
export class NotFoundError extends APIError {
    override readonly code = "not_found";
}

/** HTTP 409. Retried. */
export class ConflictError extends APIError {
    override readonly code = "conflict";
}

/** HTTP 429 after all retries were spent. */
export class RateLimitError extends APIError {
    override readonly code = "rate_limited";
}

/** HTTP 5xx after all retries were spent. */
export class InternalServerError extends APIError {
    override readonly code = "server_error";
}

/**
 * The API asked us to wait longer than {@link RetryAfterTooLongError.limitMs} before retrying.
 * Sleeping that long would hang a deployment, so the request fails at once.
 */
export class RetryAfterTooLongError extends APIError {
    override readonly code = "retry_after_too_long";

    constructor(
        details: APIErrorDetails,
        /** How long the server asked us to wait, in milliseconds. */
        readonly retryAfterMs: number,
        /** The longest wait this client accepts, in milliseconds. */
        readonly limitMs: number,
    ) {
        super(
            details,
            `The server asked to retry after ${Math.ceil(retryAfterMs / 1000)} s, more than the ` +
                `${limitMs / 1000} s this client waits; failing now instead of stalling the deployment`,
        );
    }
}

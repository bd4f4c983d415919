import { OpenAICertificatesError } from "./base";

/** One place where a response body did not match the expected schema. */
export interface ValidationIssue {
    /** Dotted path into the body, such as `data.3.certificate_details.expires_at`. */
    path: string;
    /** What the codec expected there. */
    expected: string;
    /** A short rendering of what was there instead. */
    received: string;
}

/**
 * The API answered 2xx but the body does not have the shape of the OpenAPI schema. The request
 * succeeded; the data cannot be trusted, so nothing is returned. Not retried.
 */
export class ResponseValidationError extends OpenAICertificatesError {
    readonly code = "invalid_response";

    constructor(
        operation: string,
        /** Every mismatch found (at most 20). */
        readonly issues: readonly ValidationIssue[],
    ) {
        super(
            `Unexpected response from ${operation}: ` +
                issues
                    .slice(0, 5)
                    .map((i) => `${i.path || "(body)"} expected ${i.expected}, got ${i.received}`)
                    .join("; ") +
                (issues.length > 5 ? `; and ${issues.length - 5} more` : ""),
        );
    }
}

/** The API answered 2xx with a body that is not JSON (an HTML page, a truncated body). Not retried. */
export class ResponseParseError extends OpenAICertificatesError {
    readonly code = "invalid_json";

    constructor(
        operation: string,
        /** The response's content-type header. */
        readonly contentType: string | undefined,
        reason: string,
    ) {
        super(`Response from ${operation} is not valid JSON (content-type ${contentType ?? "missing"}): ${reason}`);
    }
}

/** The response body exceeded `maxResponseBytes`; reading stopped there. Not retried. */
export class ResponseTooLargeError extends OpenAICertificatesError {
    readonly code = "response_too_large";

    constructor(
        operation: string,
        /** The cap that was exceeded, in bytes. */
        readonly limitBytes: number,
    ) {
        super(`Response from ${operation} is larger than ${limitBytes} bytes (option maxResponseBytes); refusing to read it`);
    }
}

/**
 * The response nests arrays and objects deeper than {@link ResponseTooDeepError.limit} levels. No
 * certificate data is that deep, and reading it would overflow the stack. Not retried.
 */
export class ResponseTooDeepError extends OpenAICertificatesError {
    readonly code = "response_too_deep";

    constructor(
        operation: string,
        /** The deepest nesting accepted. */
        readonly limit: number,
    ) {
        super(`Response from ${operation} nests arrays or objects more than ${limit} levels deep; refusing to read it`);
    }
}

/**
 * A successful response holds the admin key (whole, a fragment of 12 or more characters, or its
 * base64 or URL encoding) in its data: the server, or a proxy in front of it, reflects credentials.
 * Its names and ids would carry the key into output, state and policy messages, so the whole
 * response is refused rather than scrubbed. Not retried.
 */
export class CredentialInResponseError extends OpenAICertificatesError {
    readonly code = "credential_in_response";

    constructor(
        operation: string,
        /** Where in the body the key was found, such as `data.0.name` (redacted itself). */
        readonly path: string,
    ) {
        super(
            `Response from ${operation} holds the admin key in its data (at ${path || "the body"}); ` +
                "refusing the whole response so the key reaches no output, state or message. " +
                "The server at the base URL, or a proxy in front of it, reflects credentials",
        );
    }
}

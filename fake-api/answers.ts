import * as http from "http";

/** What the API itself answers to a request: a status and a JSON body. Faults may change or replace it. */
export interface ApiAnswer {
    readonly status: number;
    readonly body: unknown;
}

/** A 200 answer with `body`. */
export function ok(body: unknown): ApiAnswer {
    return { status: 200, body };
}

/**
 * An answer in the API's error envelope, `{"error":{"message","type","param","code"}}`, as the
 * OpenAPI description's `ErrorResponse` has it. Every error the fake gives is built here.
 *
 * @example
 * ```ts
 * apiError(404, `No certificate found with id 'cert_x'.`, "certificate_id");
 * ```
 */
export function apiError(
    status: number,
    message: string,
    param: string | null,
    code: string | null = null,
    type: string = "invalid_request_error",
): ApiAnswer {
    return { status, body: { error: { message, type, param, code } } };
}

/** Sends `answer` as JSON. */
export function sendAnswer(res: http.ServerResponse, answer: ApiAnswer): void {
    sendText(res, answer.status, "application/json", JSON.stringify(answer.body));
}

/** Sends `text` with its length, in one piece. */
export function sendText(res: http.ServerResponse, status: number, contentType: string, text: string): void {
    res.writeHead(status, { "content-type": contentType, "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
}

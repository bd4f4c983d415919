import * as http from "http";
import { ApiAnswer, apiError } from "./answers";

/** A request body read as JSON, or the answer that refuses it. */
export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly answer: ApiAnswer };

/**
 * After this many bytes past the bound, a client still sending is cut off instead of drained: the
 * 413 then may not reach it, but the fake does not read without end.
 */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

/**
 * Reads a request body and parses it as JSON. A body over `maxBytes` answers 413 (declared by
 * content-length or found while reading); the rest of it is read and dropped before that answer, so
 * the client, still writing, sees the 413 instead of a reset. A body that is not JSON, or that ends
 * early, answers 400. Never waits on anything but the client's own bytes.
 */
export function readJsonBody(req: http.IncomingMessage, maxBytes: number): Promise<JsonBody> {
    const tooLarge: JsonBody = {
        ok: false,
        answer: apiError(413, `The request body is larger than ${maxBytes} bytes.`, null, "request_too_large"),
    };
    return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let over = Number(req.headers["content-length"]) > maxBytes;
        let settled = false;
        const settle = (body: JsonBody) => {
            if (settled) return;
            settled = true;
            resolve(body);
        };
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) over = true;
            if (!over) chunks.push(chunk);
            else if (size > maxBytes + DRAIN_CAP_BYTES) {
                settle(tooLarge);
                req.socket.destroy();
            }
        });
        req.on("end", () => settle(over ? tooLarge : parseJson(Buffer.concat(chunks).toString("utf8"))));
        // A client that hangs up mid-body gets no answer to read, but the handler must not wait on it.
        req.on("close", () => {
            if (!req.complete) settle({ ok: false, answer: apiError(400, "The request body ended before its declared length.", null) });
        });
        req.on("error", () => settle({ ok: false, answer: apiError(400, "The request body could not be read.", null) }));
    });
}

function parseJson(text: string): JsonBody {
    if (text.trim() === "") return { ok: false, answer: apiError(400, "The request body is empty; this endpoint takes a JSON object.", null) };
    try {
        return { ok: true, value: JSON.parse(text) };
    } catch (error) {
        return { ok: false, answer: apiError(400, `The request body is not valid JSON: ${(error as Error).message}.`, null) };
    }
}

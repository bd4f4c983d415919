import * as http from "http";
import { ApiAnswer, apiError, sendAnswer, sendText } from "./answers";
import { FaultAction, reflected } from "./faults";


/** One request being answered. */
export interface Exchange {
    readonly req: http.IncomingMessage;
    readonly res: http.ServerResponse;
    /** The path below `/v1`. */
    readonly path: string;
    readonly query: URLSearchParams;
    /**
     * The API's own answer. Computing it applies the request (a write changes the state), so only the
     * faults that let the request through to the API call it; a fault that answers in the API's place
     * leaves the state as it was.
     */
    readonly answer: () => Promise<ApiAnswer>;
    /** Resolves once the server's latency has passed since the request arrived. */
    readonly latency: Promise<void>;
    /** Aborted when the server closes: a delay still running ends then, unanswered. */
    readonly closing: AbortSignal;
}

/**
 * Answers a request as `fault` says, or normally when there is none. The switch names every fault
 * kind and ends in a `never` check, so a new kind that nobody answers does not compile; a kind that
 * reaches it anyway (from JavaScript) throws, which the server answers with a 500: no fault can leave
 * a request hanging.
 *
 * The latency runs while the answer is computed, as on a real server: the fake's own work (sorting,
 * serializing) does not add to it.
 */
export async function respond(fault: FaultAction | undefined, x: Exchange): Promise<void> {
    if (fault === undefined) return sendAfterLatency(x, await x.answer());
    switch (fault.kind) {
        // Faults that let the request through to the API, and shape or slow its answer.
        case "delay":
            await delay(fault.ms, x.closing);
            return sendAfterLatency(x, await x.answer());
        case "transform":
            return sendAfterLatency(x, reshaped(await x.answer(), (body) => fault.transform(body, { path: x.path, query: x.query })));
        case "oversize":
            return sendAfterLatency(x, reshaped(await x.answer(), (body) => ({ ...(body as object), padding: "x".repeat(fault.bytes) })));
        case "reflect-credentials-in-data": {
            const value = reflected(x.req.headers.authorization ?? "", fault.encoding);
            return sendAfterLatency(
                x,
                reshaped(await x.answer(), (body) => {
                    const list = body as { data?: Array<Record<string, unknown>> };
                    return Array.isArray(list.data) ? { ...list, data: list.data.map((item) => ({ ...item, [fault.field]: value })) } : body;
                }),
            );
        }
        case "trickle": {
            const answer = await x.answer();
            await x.latency;
            if (answer.status !== 200) return sendAnswer(x.res, answer);
            return trickle(x.res, JSON.stringify(answer.body), fault.intervalMs, fault.chunkBytes ?? 16);
        }

        // Faults that answer in the API's place: the request never reaches it.
        case "status": {
            await x.latency;
            for (const [k, v] of Object.entries(fault.headers ?? {})) x.res.setHeader(k, v);
            if (fault.body !== undefined) return sendAnswer(x.res, { status: fault.status, body: fault.body });
            const type = fault.status === 429 ? "rate_limit_exceeded" : "server_error";
            return sendAnswer(x.res, apiError(fault.status, `Injected HTTP ${fault.status}`, null, null, type));
        }
        case "truncated":
            await x.latency;
            return sendText(x.res, 200, "application/json", '{"object":"list","data":[{"object":"organization.certificate","id":"cert_tr');
        case "raw":
            await x.latency;
            return sendText(x.res, fault.status ?? 200, fault.contentType ?? "text/html", fault.body);
        case "drop":
            await x.latency;
            x.req.socket.destroy();
            return;
        case "reset-mid-body": {
            await x.latency;
            const text = JSON.stringify({ object: "list", data: [], has_more: false, padding: "x".repeat(4096) });
            x.res.writeHead(200, { "content-type": "application/json", "content-length": String(text.length) });
            // Reset the connection itself: destroying only the response can leave the socket open.
            x.res.write(text.slice(0, text.length / 2), () => x.req.socket.destroy());
            return;
        }
        case "endless": {
            await x.latency;
            x.res.writeHead(200, { "content-type": "application/json" });
            const chunk = "x".repeat(fault.chunkBytes ?? 4096);
            const timer = setInterval(() => x.res.write(chunk), fault.intervalMs ?? 5);
            x.res.on("close", () => clearInterval(timer));
            return;
        }
        case "redirect":
            await x.latency;
            x.res.writeHead(fault.status, { location: fault.location });
            x.res.end();
            return;
        case "reflect-credentials": {
            await x.latency;
            const header = reflected(x.req.headers.authorization ?? "", fault.encoding);
            return sendAnswer(x.res, apiError(401, `Bad credentials in header Authorization: ${header}`, null, "invalid_api_key"));
        }
        default:
            return unanswered(fault);
    }
}

function unanswered(fault: never): never {
    throw new Error(`The fake API has no answer for the fault kind ${JSON.stringify((fault as { kind?: unknown }).kind)}`);
}

async function sendAfterLatency(x: Exchange, answer: ApiAnswer): Promise<void> {
    await x.latency;
    sendAnswer(x.res, answer);
}

/** `answer` with its body passed through `shape`, when it is a success; errors pass unchanged. */
function reshaped(answer: ApiAnswer, shape: (body: unknown) => unknown): ApiAnswer {
    return answer.status === 200 ? { status: 200, body: shape(answer.body) } : answer;
}

function trickle(res: http.ServerResponse, text: string, intervalMs: number, chunkBytes: number): void {
    res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
    let offset = 0;
    const timer = setInterval(() => {
        if (res.destroyed || offset >= text.length) {
            clearInterval(timer);
            if (!res.destroyed) res.end();
            return;
        }
        res.write(text.slice(offset, offset + chunkBytes));
        offset += chunkBytes;
    }, intervalMs);
    res.on("close", () => clearInterval(timer));
}


/** Resolves after `ms`, or rejects at once when `signal` is aborted (the server closing), clearing its timer. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(new Error("the fake API is closing"));
        const onAbort = () => {
            clearTimeout(timer);
            reject(new Error("the fake API is closing"));
        };
        const timer = setTimeout(() => {
            signal.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        signal.addEventListener("abort", onAbort, { once: true });
    });
}

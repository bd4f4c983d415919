import type { Agent } from "http";
import fetch, { FetchError, Headers } from "node-fetch";
import { isLeft } from "fp-ts/lib/Either";
import { ErrorEnvelopeWire } from "./codecs";
import { ResolvedClientOptions } from "./client-options";
import { APIConnectionError, APITimeoutError, RedirectRefusedError, RequestAbortedError } from "./errors/connection-error";
import { APIError, APIErrorDetails, RetryAfterTooLongError } from "./errors/api-error";
import { CredentialInResponseError, ResponseParseError, ResponseTooDeepError, ResponseTooLargeError } from "./errors/response-error";
import { OpenAICertificatesError } from "./errors/base";
import { MAX_JSON_DEPTH, findString, nestsDeeperThan } from "./json-body";
import type { ListByteBudget } from "./list-byte-budget";
import { ResolvedAddress, verifiedLoopbackAddresses } from "./loopback";
import { Redactor, createRedactor, scrubError } from "./redact";
import { backoffDelayMs, HeaderLookup, MAX_RETRY_AFTER_MS, planRetry, shouldRetryStatus } from "./retry";
import { createAbortFanout } from "./abort-fanout";
import { WatchedAgents, createWatchedAgents, watchForPrematureClose } from "./connection-watch";
import { RequestGate } from "./request-gate";
import { PACKAGE_VERSION } from "./version";

/** One request for a JSON resource, described for the transport. */
export interface JsonRequest {
    /** Path below the base URL, starting with `/`, already URL-encoded. */
    readonly path: string;
    /** Query parameters; `undefined` values are left out, an array repeats the key (`include[]=content`). */
    readonly query?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
    /** What a person would call this request, for messages: `GET /organization/certificates (page 2)`. */
    readonly operation: string;
    /**
     * The list this request reads a page of: a 2xx body is charged to it before it is parsed, so a
     * body that would take the list past its bound is refused unparsed. Error bodies are not charged.
     */
    readonly budget?: ListByteBudget;
}

/**
 * A request that changes something: a JSON body (for POST) and a rule for retries. Reads and
 * idempotent writes (rename, delete, activate, deactivate) are retried as reads are; an upload is
 * not idempotent (a second upload stores a second certificate), so it is retried only on 429, which
 * says the request was not processed.
 */
export interface JsonWriteRequest extends JsonRequest {
    readonly method: "POST" | "DELETE";
    readonly body?: unknown;
    readonly idempotent: boolean;
}

/** Sends authenticated requests with retries; knows nothing of certificates. */
export interface Transport {
    /** Returns the parsed JSON body of a 2xx answer, or throws an {@link OpenAICertificatesError}. */
    getJson(request: JsonRequest): Promise<unknown>;
    /** The same for a write: returns the parsed JSON body of a 2xx answer. */
    sendJson(request: JsonWriteRequest): Promise<unknown>;
    /** Removes this transport's key (and anything shaped like a key) from an error, in place. */
    scrub<E>(error: E): E;
}

/** A response read in full, within the timeout. */
interface RawResponse {
    readonly status: number;
    readonly headers: Headers;
    readonly body: Buffer;
}

let agentsOfProcess: WatchedAgents | undefined;

/**
 * One pair of keep-alive agents for the whole process, as Node's global agents are: clients created
 * one after another (each getCertificates call makes one) reuse idle connections instead of each
 * leaving its own open until the server closes it.
 */
function sharedAgents(): WatchedAgents {
    agentsOfProcess ??= createWatchedAgents();
    return agentsOfProcess;
}

/** Same-origin redirects followed per request; a real API does not redirect at all. */
const MAX_REDIRECTS = 3;

/**
 * Builds a transport. The admin key lives only in this closure: it is not a property of any object
 * that could be logged, inspected or serialized. Every request made through one transport shares one
 * {@link RequestGate}, so a Retry-After pauses all of them.
 */
export function createTransport(options: ResolvedClientOptions): Transport {
    const { adminKey, baseUrl } = options;
    const gate = new RequestGate(options.now, options.sleep);
    const agents = sharedAgents();
    const callerAbort = createAbortFanout(options.signal);
    const redactor = createRedactor([adminKey]);
    const base = new URL(baseUrl);
    // Plain http goes only to addresses checked to be loopback: resolved once per client, and then
    // connected to directly, so DNS cannot answer differently between the check and the connection.
    let checkedAddresses: Promise<readonly ResolvedAddress[] | undefined> | undefined;
    const agentFor = async (): Promise<(url: URL) => Agent> => {
        if (base.protocol !== "http:") return (url) => agents.agentFor(url);
        checkedAddresses ??= verifiedLoopbackAddresses(base.hostname, options.lookup).catch((error) => {
            checkedAddresses = undefined; // a resolver failure is retried like any connection failure
            throw error;
        });
        const addresses = await checkedAddresses;
        // Redirects are same-origin only, so every request of this client goes to this host.
        return addresses === undefined ? (url) => agents.agentFor(url) : () => agents.pinnedAgentFor(addresses);
    };
    const headers = {
        Authorization: `Bearer ${adminKey}`,
        Accept: "application/json",
        "User-Agent": `pulumi-openai-certificates/${PACKAGE_VERSION}`,
    };

    async function attempt(url: string, operation: string, write?: JsonWriteRequest): Promise<RawResponse> {
        const controller = new AbortController();
        let timedOut = false;
        let closedEarly = false;
        const onPrematureClose = () => {
            closedEarly = true;
            controller.abort();
        };
        const timer = setTimeout(() => {
            timedOut = true;
            controller.abort();
        }, options.timeoutMs);
        const unsubscribe = callerAbort.subscribe(() => controller.abort());
        try {
            // A resolver cannot be cancelled; the timeout and the caller's abort must not wait for it.
            const agent = await untilAborted(agentFor(), controller.signal);
            let target = url;
            for (let hops = 0; ; hops++) {
                // node-fetch 2's AbortSignal type predates the DOM one; they are the same object at run time.
                const response = await agents.watching(
                    (request) => watchForPrematureClose(request, onPrematureClose),
                    () =>
                        fetch(target, {
                            headers: write?.body === undefined ? headers : { ...headers, "Content-Type": "application/json" },
                            method: write?.method ?? "GET",
                            body: write?.body === undefined ? undefined : JSON.stringify(write.body),
                            redirect: "manual",
                            size: options.maxResponseBytes,
                            signal: controller.signal as never,
                            agent,
                        }),
                );
                // A write is never redirected: following would resend (or drop) its body.
                if (response.status < 300 || response.status >= 400 || !response.headers.get("location") || write) {
                    // Read the body inside the timeout and the abort: a trickling body must not hang us.
                    return { status: response.status, headers: response.headers, body: await response.buffer() };
                }
                // Drain the redirect's body so its connection can serve the next request.
                response.body.resume();
                const next = new URL(response.headers.get("location")!, target);
                if (next.origin !== new URL(baseUrl).origin) {
                    throw new RedirectRefusedError(operation, response.status, next.origin);
                }
                if (hops >= MAX_REDIRECTS) {
                    throw new APIConnectionError(operation, `more than ${MAX_REDIRECTS} redirects`);
                }
                target = next.toString();
            }
        } catch (error) {
            // Whatever went wrong, stop the download: a body past the size cap, or the unread body of
            // a refused redirect, would otherwise keep the socket (and the process) busy.
            controller.abort();
            if (error instanceof OpenAICertificatesError) throw error;
            if (options.signal?.aborted) throw new RequestAbortedError(operation);
            if (timedOut) throw new APITimeoutError(operation, options.timeoutMs);
            if (closedEarly) throw new APIConnectionError(operation, "the connection closed before the whole response arrived");
            if (error instanceof FetchError && error.type === "max-size") {
                throw new ResponseTooLargeError(operation, options.maxResponseBytes);
            }
            const reason = error instanceof Error ? error.message : String(error);
            throw new APIConnectionError(operation, redactor.redact(reason));
        } finally {
            clearTimeout(timer);
            unsubscribe();
        }
    }

    async function requestJson(request: JsonRequest, write?: JsonWriteRequest): Promise<unknown> {
        const url = buildUrl(baseUrl, request);
        const operation = request.operation;
        // An upload that may have reached the server is not sent again: see JsonWriteRequest.
        const retriesEverything = write === undefined || write.idempotent;
        for (let retriesDone = 0; ; retriesDone++) {
            if (options.signal?.aborted) throw new RequestAbortedError(operation);
            const canRetry = retriesDone < options.maxRetries;
            await waitFor((signal) => gate.ready(signal), operation);

            let response: RawResponse;
            try {
                response = await attempt(url, operation, write);
            } catch (error) {
                // Connection failures and timeouts are retried, as in the official SDK.
                if (error instanceof APIConnectionError && canRetry && retriesEverything) {
                    await waitFor((signal) => options.sleep(backoffDelayMs(retriesDone, options.random), signal), operation);
                    continue;
                }
                throw error;
            }

            if (response.status >= 200 && response.status < 300) {
                request.budget?.charge(response.body.length, operation);
                return parseJsonBody(response, operation, redactor);
            }

            const header: HeaderLookup = (name) => response.headers.get(name);
            const details = errorDetails(response, operation, redactor);
            if (canRetry && (retriesEverything ? shouldRetryStatus(response.status, header) : response.status === 429)) {
                const plan = planRetry(retriesDone, header, options.now(), options.random);
                if (plan.action === "fail-fast") {
                    throw new RetryAfterTooLongError(details, plan.retryAfterMs, MAX_RETRY_AFTER_MS);
                }
                if (plan.fromServer) {
                    // The server named a time: everyone waits for it, through the gate, at the top of the loop.
                    gate.pause(plan.delayMs);
                } else {
                    await waitFor((signal) => options.sleep(plan.delayMs, signal), operation);
                }
                continue;
            }
            throw APIError.fromResponse(details);
        }
    }

    async function waitFor(waiting: (signal: AbortSignal) => Promise<void>, operation: string): Promise<void> {
        const { signal, release } = callerAbort.child();
        try {
            await waiting(signal);
        } catch {
            throw new RequestAbortedError(operation);
        } finally {
            release();
        }
    }

    return {
        getJson: async (request) => {
            try {
                return await requestJson(request);
            } catch (error) {
                throw scrubError(error, redactor.redact);
            }
        },
        sendJson: async (request) => {
            try {
                return await requestJson(request, request);
            } catch (error) {
                throw scrubError(error, redactor.redact);
            }
        },
        scrub: (error) => scrubError(error, redactor.redact),
    };
}

/** `promise`, or a rejection as soon as `signal` fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(new Error("aborted"));
        if (signal.aborted) return onAbort();
        signal.addEventListener("abort", onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
}

function buildUrl(baseUrl: string, request: JsonRequest): string {
    const url = new URL(baseUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
        if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
        else if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
}

/**
 * The body of a 2xx answer as JSON, refused when it nests too deep to read safely or when any string
 * in it (a name, an id, a property name) holds the admin key. The rule is to refuse, not to scrub:
 * a scrubbed id is no longer the certificate's id, and a server that reflects credentials into its
 * data cannot be trusted with the rest of it either.
 */
function parseJsonBody(response: RawResponse, operation: string, redactor: Redactor): unknown {
    const text = response.body.toString("utf8");
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new ResponseTooDeepError(operation, MAX_JSON_DEPTH);
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        // V8's message quotes the start of the body, which a hostile server could fill with our key.
        const reason = error instanceof Error ? error.message : String(error);
        throw new ResponseParseError(operation, response.headers.get("content-type") ?? undefined, redactor.redact(reason));
    }
    const where = findString(value, redactor.contains);
    if (where !== undefined) throw new CredentialInResponseError(operation, where.map(redactor.redact).join("."));
    return value;
}

function errorDetails(response: RawResponse, operation: string, redactor: Redactor): APIErrorDetails {
    const text = response.body.toString("utf8");
    const requestId = response.headers.get("x-request-id") ?? undefined;
    const base = { status: response.status, operation, requestId: requestId && redactor.redact(requestId) };
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return { ...base, apiMessage: `body nests more than ${MAX_JSON_DEPTH} levels deep` };
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        const type = response.headers.get("content-type") ?? "no content-type";
        return { ...base, apiMessage: text.length ? `non-JSON body (${type}, ${text.length} bytes)` : undefined };
    }
    const decoded = ErrorEnvelopeWire.decode(json);
    if (isLeft(decoded)) return { ...base, apiMessage: "body is not an OpenAI error envelope" };
    const e = decoded.right.error;
    const clean = <T extends string | null | undefined>(v: T): T => (typeof v === "string" ? (redactor.redact(v) as T) : v);
    return { ...base, apiMessage: clean(e.message), apiType: clean(e.type), apiCode: clean(e.code), param: clean(e.param) };
}

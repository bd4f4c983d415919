/**
 * The fake API's lifecycle: listen on loopback, record each request, pick its fault, hand it to the
 * routes, and close. What each endpoint answers is in `routes.ts` and the `*-endpoints.ts` files; how
 * each fault kind is answered is in `fault-responses.ts`.
 */
import * as http from "http";
import { AddressInfo } from "net";
import { apiError, sendAnswer } from "./answers";
import { AuthState, authState } from "./auth";
import { delay, respond } from "./fault-responses";
import { ActiveFault, FaultRule, pickFault } from "./faults";
import { HostLookup, systemLookup } from "../provider/api/loopback";
import { FAKE_API_LIMITS } from "./limits";
import { loopbackListenAddress } from "./listen-address";
import { FakeOrganizationState, OrganizationSpec, organization } from "./model";
import { readJsonBody } from "./request-body";
import { Organization, RouteRequest, answerRequest } from "./routes";

/** The key the fake accepts when none is given. It is a test credential, not a secret. */
export const DEFAULT_FAKE_ADMIN_KEY = "sk-admin-fake-key";

/** Options of {@link startFakeOpenAI}. */
export interface FakeOpenAIOptions {
    /** Port to listen on; 0 picks a free one. @default 0 */
    port?: number;
    /**
     * Loopback address to bind, or a name whose every address is loopback (it listens on the first).
     * @default "127.0.0.1"
     */
    host?: string;
    /**
     * Resolves a `host` name to its addresses, each checked to be loopback. Injectable for tests.
     * @default the system resolver (`dns.lookup`, every address)
     */
    lookup?: HostLookup;
    /** The admin key to accept. @default the seed's `adminKey`, else "sk-admin-fake-key" */
    adminKey?: string;
    /** Initial data; relative times are resolved against `nowSeconds`. */
    seed?: OrganizationSpec;
    /** Latency added to every request, in milliseconds. @default 0 */
    latencyMs?: number;
    /** Faults active from the start. */
    faults?: FaultRule[];
    /** Clock for relative seed times, Unix seconds. @default the current time */
    nowSeconds?: number;
    /** Random source for fault probabilities; pass a seeded one for repeatable runs. @default Math.random */
    random?: () => number;
    /**
     * The server clock, Unix seconds, read when a certificate is uploaded (its `created_at`). Seed
     * times use `nowSeconds` instead. @default the real clock
     */
    clock?: () => number;
}

/** What the fake saw of one request. The Authorization header is never kept, only whether it was right. */
export interface FakeRequestRecord {
    readonly method: string;
    /** Path below `/v1`, such as `/organization/certificates`. */
    readonly path: string;
    readonly query: Readonly<Record<string, string>>;
    readonly auth: AuthState;
    status: number;
    /** Milliseconds since the epoch when the request arrived. */
    readonly startedAt: number;
    /** When the answer was sent in full (0 until then, and for dropped connections). */
    finishedAt: number;
    /**
     * The request's JSON body, once a route that takes one has read it (uploads, renames,
     * activations); `undefined` for requests without one, and for bodies refused as too large or not JSON.
     */
    body?: unknown;
}

/** A running fake of OpenAI's certificate and project endpoints, reads and writes. */
export interface FakeOpenAI {
    /** The base URL to give clients, ending in `/v1`. */
    readonly baseUrl: string;
    /** The key the fake accepts now. */
    readonly adminKey: string;
    /**
     * Accepts `key` from now on, and no longer the previous one: a key rotation, for testing what a
     * program or stack does with a revoked key.
     */
    setAdminKey(key: string): void;
    /** The data it serves, as the write endpoints left it; change it freely between requests. */
    readonly state: FakeOrganizationState;
    /** Every request so far, in arrival order. */
    readonly requests: FakeRequestRecord[];
    /** Requests being served now, and the most at any one time since the last reset. */
    readonly concurrency: { current: number; max: number };
    /** Adds fault rules after the ones already active. */
    injectFault(...rules: FaultRule[]): void;
    /** Removes every fault rule. */
    clearFaults(): void;
    /** Forgets the request log and the concurrency high-water mark. */
    resetStats(): void;
    /** Requests for one path prefix. */
    requestsTo(pathPrefix: string): FakeRequestRecord[];
    /** Replaces the served data; relative times are resolved against the server's `nowSeconds`. */
    setState(spec: OrganizationSpec): void;
    /** Stops listening and closes open connections. */
    close(): Promise<void>;
}

/**
 * Starts an OpenAI-compatible fake of the certificate endpoints on a loopback address. It paginates
 * as the OpenAPI description says (`limit` 1..100 default 20, `order` default `desc` by `created_at`,
 * `after` cursor, `first_id`/`last_id`/`has_more`), takes uploads, renames, deletions and
 * activations at organization and project scope (see `write-endpoints.ts`), enforces bearer auth,
 * answers errors in the API's envelope and injects faults on demand.
 *
 * @example
 * ```ts
 * const api = await startFakeOpenAI({ seed: { certificates: [{ name: "gateway", expiresIn: "5d" }] } });
 * const certs = await getCertificates({ adminKey: api.adminKey, baseUrl: api.baseUrl });
 * await api.close();
 * ```
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
    // Resolved before anything else: a name that merely looks local must not open a port elsewhere.
    const host = await loopbackListenAddress(options.host ?? "127.0.0.1", options.lookup ?? systemLookup);
    const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
    const seedKey = options.seed && "adminKey" in options.seed ? options.seed.adminKey : undefined;
    let adminKey = options.adminKey ?? seedKey ?? DEFAULT_FAKE_ADMIN_KEY;
    const random = options.random ?? Math.random;
    const clock = options.clock ?? (() => Math.floor(Date.now() / 1000));
    let state = resolveState(options.seed, nowSeconds);
    let faults: ActiveFault[] = (options.faults ?? []).map((rule) => ({ rule, seen: 0, applied: 0 }));
    const requests: FakeRequestRecord[] = [];
    const concurrency = { current: 0, max: 0 };
    let requestCounter = 0;
    // Aborted by close(): a delay or latency still running then ends at once, unanswered (its socket
    // is destroyed), instead of holding its process open for its whole length.
    const closing = new AbortController();

    const served: Organization = {
        get state() {
            return state;
        },
        clock,
    };

    const server = http.createServer((req, res) => {
        concurrency.current += 1;
        concurrency.max = Math.max(concurrency.max, concurrency.current);
        let counted = true;
        const done = () => {
            if (counted) concurrency.current -= 1;
            counted = false;
        };
        res.on("close", done);
        handle(req, res).catch((error) => {
            if (closing.signal.aborted || res.destroyed) res.destroy();
            else if (!res.headersSent) sendAnswer(res, apiError(500, `fake API failure: ${error}`, null, null, "server_error"));
            else res.destroy();
        });
    });

    async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        requestCounter += 1;
        res.setHeader("x-request-id", `req_fake_${requestCounter}`);
        const url = new URL(req.url ?? "/", "http://fake");
        const path = url.pathname.replace(/^\/v1(?=\/)/, "");
        const record: FakeRequestRecord = {
            method: req.method ?? "GET",
            path,
            query: Object.fromEntries(url.searchParams),
            auth: authState(req.headers.authorization, adminKey),
            status: 0,
            startedAt: Date.now(),
            finishedAt: 0,
        };
        requests.push(record);
        res.on("finish", () => {
            record.status = res.statusCode;
            record.finishedAt = Date.now();
        });

        const latency = options.latencyMs ? delay(options.latencyMs, closing.signal) : Promise.resolve();
        const request: RouteRequest = {
            method: record.method,
            pathname: url.pathname,
            path,
            query: url.searchParams,
            auth: record.auth,
            authorization: req.headers.authorization,
            jsonBody: once(async () => {
                const body = await readJsonBody(req, FAKE_API_LIMITS.requestBodyBytes);
                if (body.ok) record.body = body.value;
                return body;
            }),
        };
        const fault = pickFault(faults, record.method, path, random);
        await respond(fault, { req, res, path, query: url.searchParams, latency, closing: closing.signal, answer: () => answerRequest(request, served) });
    }

    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, host, () => resolve());
    });
    // Keep-alive sockets would hold close() open; track them to end them.
    const sockets = new Set<import("net").Socket>();
    server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    const address = server.address() as AddressInfo;
    const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;

    const api: FakeOpenAI = {
        baseUrl: `http://${hostPart}:${address.port}/v1`,
        get adminKey() {
            return adminKey;
        },
        setAdminKey: (key) => {
            adminKey = key;
        },
        get state() {
            return state;
        },
        requests,
        concurrency,
        injectFault: (...rules) => {
            faults.push(...rules.map((rule) => ({ rule, seen: 0, applied: 0 })));
        },
        clearFaults: () => {
            faults = [];
        },
        resetStats: () => {
            requests.length = 0;
            concurrency.max = concurrency.current;
        },
        requestsTo: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
        setState: (next) => {
            state = resolveState(next, nowSeconds);
        },
        close: () =>
            new Promise<void>((resolve) => {
                closing.abort();
                server.close(() => resolve());
                for (const socket of sockets) socket.destroy();
            }),
    };
    return api;
}

function resolveState(seed: OrganizationSpec | undefined, nowSeconds: number): FakeOrganizationState {
    return organization(seed ?? {}, nowSeconds);
}

function once<T>(compute: () => T): () => T {
    let result: { value: T } | undefined;
    return () => (result ??= { value: compute() }).value;
}

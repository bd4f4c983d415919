import * as http from "http";
import { AddressInfo } from "net";
import { ActiveFault, FaultAction, FaultRule, pickFault, reflected } from "./faults";
import { FakeCertificate, FakeOrganizationState, FakeProject, OrganizationSpec, organization } from "./model";

/** The key the fake accepts when none is given. It is a test credential, not a secret. */
export const DEFAULT_FAKE_ADMIN_KEY = "sk-admin-fake-key";

/** Options of {@link startFakeOpenAI}. */
export interface FakeOpenAIOptions {
    /** Port to listen on; 0 picks a free one. @default 0 */
    port?: number;
    /** Loopback address to bind. @default "127.0.0.1" */
    host?: string;
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
}

/** What the fake saw of one request. The Authorization header is never kept, only whether it was right. */
export interface FakeRequestRecord {
    readonly method: string;
    /** Path below `/v1`, such as `/organization/certificates`. */
    readonly path: string;
    readonly query: Readonly<Record<string, string>>;
    readonly auth: "valid" | "invalid" | "missing";
    status: number;
    /** Milliseconds since the epoch when the request arrived. */
    readonly startedAt: number;
    /** When the answer was sent in full (0 until then, and for dropped connections). */
    finishedAt: number;
}

/** A running fake of OpenAI's certificate and project endpoints. */
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
    /** The data it serves; change it freely between requests. */
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

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Starts an OpenAI-compatible fake of the certificate endpoints on a loopback address. It paginates
 * as the OpenAPI description says (`limit` 1..100 default 20, `order` default `desc` by `created_at`,
 * `after` cursor, `first_id`/`last_id`/`has_more`), enforces bearer auth, answers errors in the API's
 * envelope and injects faults on demand.
 *
 * @example
 * ```ts
 * const api = await startFakeOpenAI({ seed: { certificates: [{ name: "gateway", expiresIn: "5d" }] } });
 * const certs = await getCertificates({ adminKey: api.adminKey, baseUrl: api.baseUrl });
 * await api.close();
 * ```
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
    const host = options.host ?? "127.0.0.1";
    if (!LOOPBACK.has(host) && !/^127\./.test(host)) {
        throw new Error(`The fake API only binds loopback addresses, not ${host}`);
    }
    const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
    const seedKey = options.seed && "adminKey" in options.seed ? options.seed.adminKey : undefined;
    let adminKey = options.adminKey ?? seedKey ?? DEFAULT_FAKE_ADMIN_KEY;
    const random = options.random ?? Math.random;
    let state = resolveState(options.seed, nowSeconds);
    let faults: ActiveFault[] = (options.faults ?? []).map((rule) => ({ rule, seen: 0, applied: 0 }));
    const requests: FakeRequestRecord[] = [];
    const concurrency = { current: 0, max: 0 };
    let requestCounter = 0;

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
            if (!res.headersSent) sendError(res, 500, "server_error", `fake API failure: ${error}`, null);
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

        // The latency runs while the answer is computed, as on a real server: the fake's own work
        // (sorting, serializing) does not add to it.
        const latency = options.latencyMs ? delay(options.latencyMs) : undefined;
        const fault = pickFault(faults, path, random);
        if (fault && fault.kind === "delay") await delay(fault.ms);
        if (fault && fault.kind !== "delay" && fault.kind !== "transform" && fault.kind !== "trickle" && fault.kind !== "oversize" && fault.kind !== "reflect-credentials-in-data") {
            await latency;
            return applyFault(fault, req, res);
        }
        const answer = answerFor(req, url, path, record, fault);
        await latency;
        if (answer.kind === "trickle") return trickle(res, answer.text, answer.intervalMs, answer.chunkBytes);
        sendText(res, answer.status, "application/json", answer.text);
    }

    /** The API's answer to a request that no fault replaced. */
    function answerFor(
        req: http.IncomingMessage,
        url: URL,
        path: string,
        record: FakeRequestRecord,
        fault: FaultAction | undefined,
    ): { kind: "send"; status: number; text: string } | { kind: "trickle"; text: string; intervalMs: number; chunkBytes: number } {
        const error = (status: number, message: string, code: string | null = null) => ({ kind: "send" as const, status, text: JSON.stringify(errorBody(status, "invalid_request_error", message, null, code).body) });
        if (!url.pathname.startsWith("/v1/")) return error(404, `Unknown path ${url.pathname}`);
        if (record.auth === "missing") return error(401, "You didn't provide an API key.", "missing_api_key");
        if (record.auth === "invalid") return error(401, `Incorrect API key provided: ${mask(bearer(req.headers.authorization))}.`, "invalid_api_key");
        if (req.method !== "GET") return error(405, `Method ${req.method} is not supported by the fake`);

        const answer = route(path, url.searchParams);
        let body = answer.body;
        if (answer.status === 200 && fault?.kind === "transform") body = fault.transform(body, { path, query: url.searchParams });
        if (answer.status === 200 && fault?.kind === "oversize") body = { ...(body as object), padding: "x".repeat(fault.bytes) };
        if (answer.status === 200 && fault?.kind === "reflect-credentials-in-data") {
            const value = reflected(req.headers.authorization ?? "", fault.encoding);
            const list = body as { data?: Array<Record<string, unknown>> };
            if (Array.isArray(list.data)) body = { ...list, data: list.data.map((item) => ({ ...item, [fault.field]: value })) };
        }
        const text = JSON.stringify(body);
        if (answer.status === 200 && fault?.kind === "trickle") return { kind: "trickle", text, intervalMs: fault.intervalMs, chunkBytes: fault.chunkBytes ?? 16 };
        return { kind: "send", status: answer.status, text };
    }

    function route(path: string, query: URLSearchParams): { status: number; body: unknown } {
        let m: RegExpExecArray | null;
        const order = query.get("order") ?? "desc";
        if (order !== "asc" && order !== "desc") {
            return errorBody(400, "invalid_request_error", `Invalid 'order': expected 'asc' or 'desc', got '${order}'.`, "order");
        }
        if (path === "/organization/certificates") {
            return list(query, sorted(state.certificates, order), (c) => certificateJson(c, "organization.certificate", c.active));
        }
        if ((m = /^\/organization\/certificates\/([^/]+)$/.exec(path))) {
            const id = decodeURIComponent(m[1]);
            const cert = state.certificates.find((c) => c.id === id);
            if (!cert) return errorBody(404, "invalid_request_error", `No certificate found with id '${id}'.`, "certificate_id");
            const withContent = query.getAll("include[]").concat(query.getAll("include")).includes("content");
            const json = certificateJson(cert, "certificate", undefined);
            if (withContent) (json.certificate_details as Record<string, unknown>).content = cert.content ?? fakePem(cert.id);
            return { status: 200, body: json };
        }
        if ((m = /^\/organization\/projects\/([^/]+)\/certificates$/.exec(path))) {
            const id = decodeURIComponent(m[1]);
            const proj = state.projects.find((p) => p.id === id);
            if (!proj) return errorBody(404, "invalid_request_error", `No project found with id '${id}'.`, "project_id");
            const attached = state.certificates.filter((c) => c.id in proj.certificates);
            return list(query, sorted(attached, order), (c) => certificateJson(c, "organization.project.certificate", proj.certificates[c.id]));
        }
        if (path === "/organization/projects") {
            const includeArchived = query.get("include_archived") === "true";
            const projects = state.projects
                .filter((p) => includeArchived || !p.archivedAt)
                .sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id));
            return list(query, projects, projectJson);
        }
        return errorBody(404, "invalid_request_error", `Unknown path /v1${path}`, null);
    }

    function list<T extends { id: string }>(query: URLSearchParams, items: T[], render: (item: T) => object) {
        const rawLimit = query.get("limit");
        const limit = rawLimit === null ? 20 : Number(rawLimit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
            return errorBody(400, "invalid_request_error", `Invalid 'limit': expected an integer from 1 to 100, got '${rawLimit}'.`, "limit");
        }
        let start = 0;
        const after = query.get("after");
        if (after !== null) {
            const index = items.findIndex((item) => item.id === after);
            if (index < 0) return errorBody(400, "invalid_request_error", `Invalid 'after': no object with id '${after}'.`, "after");
            start = index + 1;
        }
        const page = items.slice(start, start + limit);
        return {
            status: 200,
            body: {
                object: "list",
                data: page.map(render),
                first_id: page.length ? page[0].id : null,
                last_id: page.length ? page[page.length - 1].id : null,
                has_more: start + limit < items.length,
            },
        };
    }

    /** The API sorts by `created_at`; equal times fall back to the id so pages are stable. */
    function sorted(certs: FakeCertificate[], order: "asc" | "desc"): FakeCertificate[] {
        const asc = [...certs].sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id));
        return order === "asc" ? asc : asc.reverse();
    }

    function applyFault(fault: FaultAction, req: http.IncomingMessage, res: http.ServerResponse): void {
        switch (fault.kind) {
            case "status": {
                for (const [k, v] of Object.entries(fault.headers ?? {})) res.setHeader(k, v);
                if (fault.body !== undefined) return sendJson(res, fault.status, fault.body);
                return sendError(res, fault.status, fault.status === 429 ? "rate_limit_exceeded" : "server_error", `Injected HTTP ${fault.status}`, null);
            }
            case "truncated":
                return sendText(res, 200, "application/json", '{"object":"list","data":[{"object":"organization.certificate","id":"cert_tr');
            case "raw":
                return sendText(res, fault.status ?? 200, fault.contentType ?? "text/html", fault.body);
            case "drop":
                req.socket.destroy();
                return;
            case "reset-mid-body": {
                const text = JSON.stringify({ object: "list", data: [], has_more: false, padding: "x".repeat(4096) });
                res.writeHead(200, { "content-type": "application/json", "content-length": String(text.length) });
                // Reset the connection itself: destroying only the response can leave the socket open.
                res.write(text.slice(0, text.length / 2), () => req.socket.destroy());
                return;
            }
            case "endless": {
                res.writeHead(200, { "content-type": "application/json" });
                const chunk = "x".repeat(fault.chunkBytes ?? 4096);
                const timer = setInterval(() => res.write(chunk), fault.intervalMs ?? 5);
                res.on("close", () => clearInterval(timer));
                return;
            }
            case "redirect":
                res.writeHead(fault.status, { location: fault.location });
                res.end();
                return;
            case "reflect-credentials":
                return sendError(res, 401, "invalid_request_error", `Bad credentials in header Authorization: ${reflected(req.headers.authorization ?? "", fault.encoding)}`, null, "invalid_api_key");
            default:
                return;
        }
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
                server.close(() => resolve());
                for (const socket of sockets) socket.destroy();
            }),
    };
    return api;
}

function resolveState(seed: OrganizationSpec | undefined, nowSeconds: number): FakeOrganizationState {
    return organization(seed ?? {}, nowSeconds);
}

function certificateJson(c: FakeCertificate, object: string, active: boolean | undefined): Record<string, unknown> {
    const details: Record<string, number> = {};
    if (c.validAt !== undefined) details.valid_at = c.validAt;
    if (c.expiresAt !== undefined) details.expires_at = c.expiresAt;
    return {
        object,
        id: c.id,
        name: c.name,
        created_at: c.createdAt,
        certificate_details: details,
        ...(active !== undefined ? { active } : {}),
    };
}

function projectJson(p: FakeProject): object {
    return {
        id: p.id,
        object: "organization.project",
        name: p.name,
        created_at: p.createdAt,
        archived_at: p.archivedAt ?? null,
        status: p.archivedAt ? "archived" : "active",
    };
}

function errorBody(status: number, type: string, message: string, param: string | null, code: string | null = null) {
    return { status, body: { error: { message, type, param, code } } };
}

function sendError(res: http.ServerResponse, status: number, type: string, message: string, param: string | null, code: string | null = null): void {
    sendJson(res, status, errorBody(status, type, message, param, code).body);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
    sendText(res, status, "application/json", JSON.stringify(body));
}

function sendText(res: http.ServerResponse, status: number, contentType: string, text: string): void {
    res.writeHead(status, { "content-type": contentType, "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
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

function authState(header: string | undefined, adminKey: string): FakeRequestRecord["auth"] {
    if (!header) return "missing";
    return bearer(header) === adminKey ? "valid" : "invalid";
}

function bearer(header: string | undefined): string {
    return (header ?? "").replace(/^Bearer\s+/i, "");
}

/** Masks a key the way the real API quotes it back: the first 6 and last 4 characters. */
function mask(key: string): string {
    return key.length <= 10 ? "***" : `${key.slice(0, 6)}${"*".repeat(8)}${key.slice(-4)}`;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function fakePem(id: string): string {
    return `-----BEGIN CERTIFICATE-----\nRkFLRS1DRVJUSUZJQ0FURS0ke2lkfQ==\n${Buffer.from(id).toString("base64")}\n-----END CERTIFICATE-----\n`;
}

import { ApiAnswer, apiError } from "./answers";
import { AuthState, authFailure } from "./auth";
import { FakeOrganizationState } from "./model";
import { getCertificate, listOrganizationCertificates, listProjectCertificates, listProjects } from "./read-endpoints";
import { JsonBody } from "./request-body";
import { deleteCertificate, modifyCertificate, setCertificatesActive, uploadCertificate } from "./write-endpoints";

/** A request as the routes see it. */
export interface RouteRequest {
    readonly method: string;
    /** The whole path, `/v1/...`. */
    readonly pathname: string;
    /** The path below `/v1`. */
    readonly path: string;
    readonly query: URLSearchParams;
    readonly auth: AuthState;
    readonly authorization: string | undefined;
    /** The body read as JSON; read on first call, and only by the routes that take one. */
    readonly jsonBody: () => Promise<JsonBody>;
}

/** What a handler may read and change. */
export interface Organization {
    /** The data served now (`setState` replaces it, so read it through this getter on each request). */
    readonly state: FakeOrganizationState;
    /** The server clock, Unix seconds: an upload's `created_at`. */
    readonly clock: () => number;
}

type Handler = (request: RouteRequest, params: readonly string[], organization: Organization) => ApiAnswer | Promise<ApiAnswer>;

/** A handler of a route that takes a JSON body; a body that cannot be read or parsed is refused before it runs. */
function withBody(handler: (body: unknown, params: readonly string[], organization: Organization) => ApiAnswer): Handler {
    return async (request, params, organization) => {
        const body = await request.jsonBody();
        return body.ok ? handler(body.value, params, organization) : body.answer;
    };
}

interface Route {
    readonly method: "GET" | "POST" | "DELETE";
    /** Matches the path below `/v1`; its groups are the path parameters. */
    readonly path: RegExp;
    readonly handler: Handler;
}

const ORGANIZATION = { kind: "organization" } as const;

/**
 * Every endpoint the fake serves, as the OpenAPI description's paths have them. The first route whose
 * path and method match answers, so `certificates/activate` comes before `certificates/{id}`.
 */
const ROUTES: readonly Route[] = [
    { method: "GET", path: /^\/organization\/certificates$/, handler: (r, _, o) => listOrganizationCertificates(o.state, r.query) },
    { method: "POST", path: /^\/organization\/certificates$/, handler: withBody((body, _, o) => uploadCertificate(o.state, body, o.clock())) },
    { method: "POST", path: /^\/organization\/certificates\/activate$/, handler: withBody((body, _, o) => setCertificatesActive(o.state, ORGANIZATION, true, body)) },
    { method: "POST", path: /^\/organization\/certificates\/deactivate$/, handler: withBody((body, _, o) => setCertificatesActive(o.state, ORGANIZATION, false, body)) },
    { method: "GET", path: /^\/organization\/certificates\/([^/]+)$/, handler: (r, [id], o) => getCertificate(o.state, id, r.query) },
    { method: "POST", path: /^\/organization\/certificates\/([^/]+)$/, handler: withBody((body, [id], o) => modifyCertificate(o.state, id, body)) },
    { method: "DELETE", path: /^\/organization\/certificates\/([^/]+)$/, handler: (_, [id], o) => deleteCertificate(o.state, id) },
    { method: "GET", path: /^\/organization\/projects$/, handler: (r, _, o) => listProjects(o.state, r.query) },
    { method: "GET", path: /^\/organization\/projects\/([^/]+)\/certificates$/, handler: (r, [id], o) => listProjectCertificates(o.state, id, r.query) },
    {
        method: "POST",
        path: /^\/organization\/projects\/([^/]+)\/certificates\/activate$/,
        handler: withBody((body, [projectId], o) => setCertificatesActive(o.state, { kind: "project", projectId }, true, body)),
    },
    {
        method: "POST",
        path: /^\/organization\/projects\/([^/]+)\/certificates\/deactivate$/,
        handler: withBody((body, [projectId], o) => setCertificatesActive(o.state, { kind: "project", projectId }, false, body)),
    },
];

/**
 * The API's answer to a request: 404 outside `/v1`, 401 without the right key, 404 for a path no
 * route has, 405 for a method the path does not take, else the route's handler.
 */
export async function answerRequest(request: RouteRequest, organization: Organization): Promise<ApiAnswer> {
    if (!request.pathname.startsWith("/v1/")) return apiError(404, `Unknown path ${request.pathname}`, null);
    const refused = authFailure(request.auth, request.authorization);
    if (refused) return refused;
    const matches = ROUTES.flatMap((route) => {
        const match = route.path.exec(request.path);
        return match ? [{ route, params: match.slice(1).map(decodePathParameter) }] : [];
    });
    if (matches.length === 0) return apiError(404, `Unknown path /v1${request.path}`, null);
    const chosen = matches.find((m) => m.route.method === request.method);
    if (!chosen) {
        const allowed = [...new Set(matches.map((m) => m.route.method))].join(", ");
        return apiError(405, `Method ${request.method} is not allowed on /v1${request.path}; it takes ${allowed}.`, null);
    }
    return chosen.route.handler(request, chosen.params, organization);
}

/** A malformed escape (`%zz`) is kept as written: it then names no object, and the answer is a 404. */
function decodePathParameter(raw: string): string {
    try {
        return decodeURIComponent(raw);
    } catch {
        return raw;
    }
}

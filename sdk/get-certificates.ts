import * as pulumi from "@pulumi/pulumi";
import {
    Certificate,
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT_MS,
    SortOrder,
    checkProjectId,
    integerIn,
    listCertificates,
    normalizeBaseUrl,
    orderOf,
    pageSizeOf,
} from "../provider";
import { assertKnownKeys, optionalString } from "./arguments";
import { resolveAdminKey, resolveBaseUrl } from "./credentials";
import { invokeWithInputs } from "./output-invoke";

/** Arguments of {@link getCertificates}. Every one is optional. */
export interface GetCertificatesArgs {
    /**
     * An organization admin key. Prefer the secret config `openai:adminKey` or the environment
     * variable `OPENAI_ADMIN_KEY`, which are read when this is absent.
     */
    adminKey?: string;
    /**
     * The API's base URL, ending in `/v1`. Else `openai:baseUrl`, else `OPENAI_BASE_URL`.
     * @default "https://api.openai.com/v1"
     */
    baseUrl?: string;
    /** Read this project's certificates instead of the organization's. */
    projectId?: string;
    /**
     * Sort order by creation time.
     * @default "desc"
     */
    order?: SortOrder;
    /**
     * Certificates per request, 1 to 100.
     * @default 100
     */
    pageSize?: number;
    /**
     * Retries per request after the first attempt, for 408, 409, 429, 5xx and network errors.
     * @default 2
     */
    maxRetries?: number;
    /**
     * Time allowed per request, body included, in milliseconds.
     * @default 30000
     */
    timeoutMs?: number;
    /**
     * Most pages read before failing with a `pagination_page_limit` error.
     * @default 1000
     */
    maxPages?: number;
}

/** {@link GetCertificatesArgs} where each field may be a `pulumi.Input`. */
export type GetCertificatesOutputArgs = { [K in keyof GetCertificatesArgs]?: pulumi.Input<GetCertificatesArgs[K]> };

/**
 * What {@link getCertificates} returns: plain JSON, camelCase, every argument echoed back with its
 * default applied, and never the admin key.
 */
export interface GetCertificatesResult {
    /** A stable id of the query: `organization`, or `project/<projectId>`. */
    readonly id: string;
    readonly baseUrl: string;
    readonly projectId?: string;
    readonly order: SortOrder;
    readonly pageSize: number;
    readonly maxRetries: number;
    readonly timeoutMs: number;
    readonly maxPages: number;
    /** Every certificate in the scope, in the API's order for `order`. */
    readonly certificates: Certificate[];
}

const KNOWN_ARGS: readonly (keyof GetCertificatesArgs)[] = [
    "adminKey",
    "baseUrl",
    "projectId",
    "order",
    "pageSize",
    "maxRetries",
    "timeoutMs",
    "maxPages",
];

/**
 * Reads every certificate of the organization (or of `projectId`), page by page, checked against the
 * API's schema at run time. A plain async function, so it runs during `pulumi preview` too, and
 * works outside any Pulumi program when `adminKey` and `baseUrl` are passed.
 *
 * @param args what to read and how; see {@link GetCertificatesArgs}
 * @param opts accepted for the shape of Pulumi's data sources; nothing in it applies to a direct API read
 * @example
 * ```ts
 * import { getCertificates } from "pulumi-openai-certificates";
 * const org = await getCertificates();
 * for (const cert of org.certificates) console.log(cert.name, new Date(cert.expiresAt! * 1000));
 * ```
 */
export async function getCertificates(args: GetCertificatesArgs = {}, opts?: pulumi.InvokeOptions): Promise<GetCertificatesResult> {
    void opts;
    const settings = resolveGetCertificatesArgs(args);
    const certificates = await listCertificates({ ...settings, adminKey: resolveAdminKey(optionalString("adminKey", args.adminKey)) });
    return {
        id: settings.projectId === undefined ? "organization" : `project/${settings.projectId}`,
        baseUrl: settings.baseUrl,
        ...(settings.projectId !== undefined ? { projectId: settings.projectId } : {}),
        order: settings.order,
        pageSize: settings.pageSize,
        maxRetries: settings.maxRetries,
        timeoutMs: settings.timeoutMs,
        maxPages: settings.maxPages,
        certificates,
    };
}

/**
 * {@link getCertificates} for `pulumi.Input` arguments, as a `pulumi.Output`. The result is not marked
 * secret even when `adminKey` is: the key never reaches the result.
 *
 * @example
 * ```ts
 * const proj = getCertificatesOutput({ projectId: project.id });
 * export const names = proj.certificates.apply((cs) => cs.map((c) => c.name));
 * ```
 */
export function getCertificatesOutput(args: GetCertificatesOutputArgs = {}, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetCertificatesResult> {
    return invokeWithInputs(args, (plain) => getCertificates(plain as GetCertificatesArgs, opts));
}

/** Checks the arguments other than the key and applies defaults; nothing is sent on bad input. */
export function resolveGetCertificatesArgs(args: GetCertificatesArgs) {
    assertKnownKeys(args, KNOWN_ARGS, "getCertificates");
    const projectId = args.projectId === undefined || args.projectId === null ? undefined : checkProjectId(args.projectId);
    return {
        baseUrl: normalizeBaseUrl(resolveBaseUrl(optionalString("baseUrl", args.baseUrl))),
        projectId,
        order: orderOf(args.order),
        pageSize: pageSizeOf(args.pageSize),
        maxRetries: integerIn("maxRetries", args.maxRetries, DEFAULT_MAX_RETRIES, 0, 10),
        timeoutMs: integerIn("timeoutMs", args.timeoutMs, DEFAULT_TIMEOUT_MS, 1, 600_000),
        maxPages: integerIn("maxPages", args.maxPages, DEFAULT_MAX_PAGES, 1, 1_000_000),
    };
}

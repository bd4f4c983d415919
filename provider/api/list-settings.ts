import { checkProjectId, orderOf, pageSizeOf, SortOrder } from "./certificates-query";
import { clientIntegerOption, normalizeBaseUrl } from "./client-options";
import { InvalidArgumentError } from "./errors/argument-error";

/**
 * What to read and how, as `getCertificates`, `getCertificateUsage` and the `Certificates` resource
 * all take it. One definition, so the three cannot drift apart.
 */
export interface ListSettingsArgs {
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
     * Items per request, 1 to 100.
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
     * Most pages read from one list before failing with a `pagination_page_limit` error.
     * No page may hold more than the page size asked for, so one list never holds more than
     * `maxPages` x the page size.
     * @default 1000
     */
    maxPages?: number;
}

/** The names of {@link ListSettingsArgs}, for the unknown-argument checks. */
export const LIST_SETTING_NAMES: readonly (keyof ListSettingsArgs)[] = ["baseUrl", "projectId", "order", "pageSize", "maxRetries", "timeoutMs", "maxPages"];

/** {@link ListSettingsArgs} checked, with every default applied. */
export interface ListSettings {
    readonly baseUrl: string;
    readonly projectId?: string;
    readonly order: SortOrder;
    readonly pageSize: number;
    readonly maxRetries: number;
    readonly timeoutMs: number;
    readonly maxPages: number;
}

/**
 * Checks the list settings in `args` (other keys are ignored) and applies the defaults; `baseUrl`
 * falls back to `fallbackBaseUrl` (the config or environment value). Null counts as absent, since
 * Pulumi inputs arrive that way. Throws {@link InvalidArgumentError} naming the setting.
 */
export function resolveListSettings(args: { readonly [K in keyof ListSettingsArgs]?: unknown }, fallbackBaseUrl: string): ListSettings {
    const given = (value: unknown) => (value === null ? undefined : value);
    const baseUrl = given(args.baseUrl) ?? fallbackBaseUrl;
    if (typeof baseUrl !== "string") throw new InvalidArgumentError("baseUrl", `must be a string, got ${typeof baseUrl}`);
    const projectId = given(args.projectId) === undefined ? undefined : checkProjectId(args.projectId);
    return {
        baseUrl: normalizeBaseUrl(baseUrl),
        ...(projectId !== undefined ? { projectId } : {}),
        order: orderOf(given(args.order)),
        pageSize: pageSizeOf(given(args.pageSize)),
        maxRetries: clientIntegerOption("maxRetries", given(args.maxRetries)),
        timeoutMs: clientIntegerOption("timeoutMs", given(args.timeoutMs)),
        maxPages: clientIntegerOption("maxPages", given(args.maxPages)),
    };
}

/** The stable id of a query: `organization`, `organization-usage` (all projects) or `project/<projectId>`. */
export function queryId(query: { projectId?: string; allProjects?: boolean }): string {
    if (query.allProjects) return "organization-usage";
    return query.projectId === undefined ? "organization" : `project/${query.projectId}`;
}

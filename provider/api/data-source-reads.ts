import { assertKnownKeys } from "./arguments";
import { Certificate } from "./certificate";
import { CertificateUsage, UsageProgress, listCertificateUsage, usageConcurrencyOf } from "./certificate-usage";
import { listCertificates } from "./list-certificates";
import { LIST_SETTING_NAMES, ListSettings, queryId, resolveListSettings } from "./list-settings";
import { booleanIn } from "./option-checks";
import { Project } from "./project";

/*
 * The two data sources, `getCertificates` and `getCertificateUsage`, behind both doors: the
 * TypeScript functions (sdk/) and the provider plugin's functions (provider/plugin/). Each door
 * finds the key its own way and adds the arguments only it takes (the TypeScript `adminKey` and
 * `onProgress`); the arguments they share, their checks, the read and the result are here, once.
 */

/**
 * What `getCertificates` returns: plain JSON, camelCase, every argument echoed back with its
 * default applied, and never the admin key.
 */
export interface GetCertificatesResult extends ListSettings {
    /** A stable id of the query: `organization`, or `project/<projectId>`. */
    readonly id: string;
    /** Every certificate in the scope, in the API's order for `order`. */
    readonly certificates: Certificate[];
}

/** The organization-wide view: every certificate with where it is active. Plain JSON. */
export interface GetCertificateUsageResult extends Omit<ListSettings, "projectId"> {
    /** Always `organization-usage`. */
    readonly id: string;
    readonly includeArchived: boolean;
    readonly concurrency: number;
    /** The projects that were read. */
    readonly projects: Project[];
    /** Every certificate, with `activeInOrganization`, `activeProjectIds`, `activeAnywhere` and `projects`. */
    readonly certificates: CertificateUsage[];
}

/** The arguments of `getCertificates` that every door takes: the list settings. */
export const CERTIFICATE_LIST_ARG_NAMES: readonly string[] = LIST_SETTING_NAMES;

/** The arguments of `getCertificateUsage` that every door takes: the list settings but `projectId`, and the fan-out's. */
export const CERTIFICATE_USAGE_ARG_NAMES: readonly string[] = [...LIST_SETTING_NAMES.filter((n) => n !== "projectId"), "includeArchived", "concurrency"];

/** {@link GetCertificateUsageResult}'s settings: what to read and how, checked, defaults applied. */
export type CertificateUsageSettings = Omit<ListSettings, "projectId"> & { readonly includeArchived: boolean; readonly concurrency: number };

/**
 * Checks `getCertificates`' arguments (`where` names the function, `doorArgs` the arguments only
 * that door takes) and applies the defaults, `baseUrl` falling back to `fallbackBaseUrl`. Throws
 * `InvalidArgumentError` naming the argument; nothing is sent on bad input.
 */
export function resolveCertificateListArgs(args: Record<string, unknown>, where: string, doorArgs: readonly string[], fallbackBaseUrl: string): ListSettings {
    assertKnownKeys(args, [...doorArgs, ...CERTIFICATE_LIST_ARG_NAMES], where);
    return resolveListSettings(args, fallbackBaseUrl);
}

/** As {@link resolveCertificateListArgs}, for `getCertificateUsage`. */
export function resolveCertificateUsageArgs(args: Record<string, unknown>, where: string, doorArgs: readonly string[], fallbackBaseUrl: string): CertificateUsageSettings {
    assertKnownKeys(args, [...doorArgs, ...CERTIFICATE_USAGE_ARG_NAMES], where);
    const { projectId: _projectId, ...settings } = resolveListSettings(args, fallbackBaseUrl);
    void _projectId; // refused above: not an argument of the organization-wide view
    return { ...settings, includeArchived: booleanIn("includeArchived", args.includeArchived, false), concurrency: usageConcurrencyOf(args.concurrency) };
}

/** Reads the list that `settings` asks for, with `adminKey`: `getCertificates`' result. */
export async function readCertificateList(settings: ListSettings, adminKey: string): Promise<GetCertificatesResult> {
    const certificates = await listCertificates({ ...settings, adminKey });
    return { id: queryId(settings), ...settings, certificates };
}

/** Reads the organization-wide view, with `adminKey`: `getCertificateUsage`'s result. */
export async function readCertificateUsage(settings: CertificateUsageSettings, adminKey: string, onProgress?: (progress: UsageProgress) => void): Promise<GetCertificateUsageResult> {
    const usage = await listCertificateUsage({ ...settings, adminKey, onProgress });
    return { id: queryId({ allProjects: true }), ...settings, projects: usage.projects, certificates: usage.certificates };
}

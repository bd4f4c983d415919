import * as pulumi from "@pulumi/pulumi";
import { CertificateUsage, UsageProgress, UsageReadOptions, listCertificateUsage } from "../provider/api/certificate-usage";
import { ListSettings } from "../provider/api/list-settings";
import { Project } from "../provider/api/project";
import { booleanIn } from "../provider/api/option-checks";
import { usageConcurrencyOf } from "../provider/api/certificate-usage";
import { queryId } from "../provider/api/list-settings";
import { checkInvokeOptions } from "./invoke-options";
import { readOnceKnown } from "./output-invoke";
import { withProgramErrors } from "./program-error";
import { assertKnownKeys, optionalString } from "../provider/api/arguments";
import { resolveAdminKey, withDataSourceKeyAdvice } from "./credentials";
import { GetCertificatesArgs, resolveGetCertificatesArgs } from "./get-certificates";

/** Arguments of {@link getCertificateUsage}: those of `getCertificates` but `projectId`, plus the fan-out's. */
export interface GetCertificateUsageArgs extends Omit<GetCertificatesArgs, "projectId">, UsageReadOptions {
    /**
     * Called with the projects read: `0/N` once the total is known, then once per finished project, the
     * last as `N/N` with stage `done`; never the same counts twice. Not available in the Output form.
     */
    onProgress?: (progress: UsageProgress) => void;
}

/** {@link GetCertificateUsageArgs} as `pulumi.Input`s (without `onProgress`). */
export type GetCertificateUsageOutputArgs = { [K in Exclude<keyof GetCertificateUsageArgs, "onProgress">]?: pulumi.Input<GetCertificateUsageArgs[K]> };

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

const KNOWN_ARGS = ["adminKey", "baseUrl", "order", "pageSize", "maxRetries", "timeoutMs", "maxPages", "includeArchived", "concurrency", "onProgress"] as const;

/**
 * Which certificates are in use anywhere, and where: reads the organization's list, every project
 * (archived ones only with `includeArchived`) and every project's list, `concurrency` projects at a
 * time. A certificate inactive at the organization level but active in a project is `activeAnywhere`;
 * the expiry evaluation and both gates judge that flag and name the projects.
 *
 * `opts`: as for `getCertificates`, `async: true` is accepted and every other option is refused
 * with an {@link InvalidArgumentError} naming it; for `dependsOn`, use {@link getCertificateUsageOutput}.
 *
 * @example
 * ```ts
 * const usage = await getCertificateUsage();
 * assertCertificateExpiry(usage, { failWithin: "14d" });
 * ```
 */
export async function getCertificateUsage(args: GetCertificateUsageArgs = {}, opts?: pulumi.InvokeOptions): Promise<GetCertificateUsageResult> {
    return withProgramErrors(() => withDataSourceKeyAdvice(async () => {
        checkInvokeOptions(opts, "getCertificateUsage", "promise");
        assertKnownKeys(args, KNOWN_ARGS, "getCertificateUsage");
        const { includeArchived, concurrency: rawConcurrency, onProgress, adminKey, ...listArgs } = args;
        const settings = resolveGetCertificatesArgs(listArgs);
        const archived = booleanIn("includeArchived", includeArchived, false);
        const concurrency = usageConcurrencyOf(rawConcurrency);
        const usage = await listCertificateUsage({
            ...settings,
            adminKey: resolveAdminKey(optionalString("adminKey", adminKey)),
            includeArchived: archived,
            concurrency,
            onProgress,
        });
        return {
            id: queryId({ allProjects: true }),
            ...settings,
            includeArchived: archived,
            concurrency,
            projects: usage.projects,
            certificates: usage.certificates,
        };
    }));
}

/**
 * {@link getCertificateUsage} for `pulumi.Input` arguments, as a `pulumi.Output`; the key never
 * reaches the result. `opts.dependsOn` is honoured as by `getCertificatesOutput`: the read waits for
 * those resources, and is unknown during preview while one of them is being created or replaced.
 * Every other option but `async: true` is refused at once, naming it.
 */
export function getCertificateUsageOutput(args: GetCertificateUsageOutputArgs = {}, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetCertificateUsageResult> {
    return readOnceKnown(args, (plain) => getCertificateUsage(plain as GetCertificateUsageArgs), opts, "getCertificateUsage");
}

import * as pulumi from "@pulumi/pulumi";
import { UsageProgress, UsageReadOptions } from "../provider/api/certificate-usage";
import { GetCertificateUsageResult, readCertificateUsage, resolveCertificateUsageArgs } from "../provider/api/data-source-reads";
import { checkInvokeOptions } from "./invoke-options";
import { readOnceKnown } from "./output-invoke";
import { withProgramErrors } from "./program-error";
import { optionalString } from "../provider/api/arguments";
import { resolveAdminKey, resolveBaseUrl, withDataSourceKeyAdvice } from "./credentials";
import { GetCertificatesArgs } from "./get-certificates";

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

export { GetCertificateUsageResult };

/** The arguments only this door takes; the plugin's function takes neither (a key is not an argument there). */
const DOOR_ARGS: readonly (keyof GetCertificateUsageArgs)[] = ["adminKey", "onProgress"];

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
        const settings = resolveCertificateUsageArgs(args as Record<string, unknown>, "getCertificateUsage", DOOR_ARGS, resolveBaseUrl(optionalString("baseUrl", args.baseUrl)));
        return readCertificateUsage(settings, resolveAdminKey(optionalString("adminKey", args.adminKey)), args.onProgress);
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

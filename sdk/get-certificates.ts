import * as pulumi from "@pulumi/pulumi";
import { ListSettings, ListSettingsArgs } from "../provider/api/list-settings";
import { GetCertificatesResult, readCertificateList, resolveCertificateListArgs } from "../provider/api/data-source-reads";
import { optionalString } from "../provider/api/arguments";
import { resolveAdminKey, resolveBaseUrl, withDataSourceKeyAdvice } from "./credentials";
import { checkInvokeOptions } from "./invoke-options";
import { readOnceKnown } from "./output-invoke";
import { withProgramErrors } from "./program-error";

/** Arguments of {@link getCertificates}. Every one is optional; see {@link ListSettingsArgs} for the list settings. */
export interface GetCertificatesArgs extends ListSettingsArgs {
    /**
     * An organization admin key. Prefer the secret config `openai:adminApiKey` or the environment
     * variable `OPENAI_ADMIN_KEY`, which are read when this is absent.
     */
    adminKey?: string;
}

/** {@link GetCertificatesArgs} where each field may be a `pulumi.Input`. */
export type GetCertificatesOutputArgs = { [K in keyof GetCertificatesArgs]?: pulumi.Input<GetCertificatesArgs[K]> };

export { GetCertificatesResult };

/** The argument only this door takes; the plugin's function never does (a key is not an argument there). */
const DOOR_ARGS: readonly (keyof GetCertificatesArgs)[] = ["adminKey"];

/**
 * Reads every certificate of the organization (or of `projectId`), page by page, checked against the
 * API's schema at run time. A plain async function, so it runs during `pulumi preview` too, and
 * works outside any Pulumi program when `adminKey` and `baseUrl` are passed.
 *
 * @param args what to read and how; see {@link GetCertificatesArgs}
 * @param opts Pulumi's invoke options, for the shape of Pulumi's data sources. `async: true` is
 *   accepted; every other option is refused with an {@link InvalidArgumentError} naming it
 *   (`opts.provider`, ...): there is no provider plugin to choose, and a Promise cannot wait on
 *   `dependsOn` as Pulumi's invokes do (use {@link getCertificatesOutput} for that).
 * @example
 * ```ts
 * import { getCertificates } from "pulumi-openai-certificates";
 * const org = await getCertificates();
 * for (const cert of org.certificates) console.log(cert.name, new Date(cert.expiresAt! * 1000));
 * ```
 */
export async function getCertificates(args: GetCertificatesArgs = {}, opts?: pulumi.InvokeOptions): Promise<GetCertificatesResult> {
    return withProgramErrors(() => withDataSourceKeyAdvice(async () => {
        checkInvokeOptions(opts, "getCertificates", "promise");
        const settings = resolveGetCertificatesArgs(args);
        return readCertificateList(settings, resolveAdminKey(optionalString("adminKey", args.adminKey)));
    }));
}

/**
 * {@link getCertificates} for `pulumi.Input` arguments, as a `pulumi.Output`. The result is not marked
 * secret even when `adminKey` is: the key never reaches the result.
 *
 * `opts.dependsOn` is honoured as Pulumi's own invokes do: the read waits until those resources are
 * created, and during `pulumi preview`, while one of them is being created or replaced, the result
 * is unknown (so `assertCertificateExpiryOutput` fails closed on it, or defers with
 * `unknownDuringPreview: "defer"`). `async: true` is accepted; every other option is refused at once
 * with an {@link InvalidArgumentError} naming it (`opts.provider`, `opts.parent`, ...): there is no
 * provider plugin to choose.
 *
 * @example
 * ```ts
 * const proj = getCertificatesOutput({ projectId: project.id });
 * export const names = proj.certificates.apply((cs) => cs.map((c) => c.name));
 * // Read only once the gateway's certificate has been uploaded by this update:
 * const after = getCertificatesOutput({}, { dependsOn: [uploadGatewayCertificate] });
 * ```
 */
export function getCertificatesOutput(args: GetCertificatesOutputArgs = {}, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetCertificatesResult> {
    return readOnceKnown(args, (plain) => getCertificates(plain as GetCertificatesArgs), opts, "getCertificates");
}

/** Checks the arguments other than the key and applies defaults; nothing is sent on bad input. */
export function resolveGetCertificatesArgs(args: GetCertificatesArgs): ListSettings {
    return resolveCertificateListArgs(args as Record<string, unknown>, "getCertificates", DOOR_ARGS, resolveBaseUrl(optionalString("baseUrl", args.baseUrl)));
}

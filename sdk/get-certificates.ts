import * as pulumi from "@pulumi/pulumi";
import { Certificate } from "../provider/api/certificate";
import { LIST_SETTING_NAMES, ListSettings, ListSettingsArgs, resolveListSettings } from "../provider/api/list-settings";
import { listCertificates } from "../provider/api/list-certificates";
import { queryId } from "../provider/api/list-settings";
import { assertKnownKeys, optionalString } from "../provider/api/arguments";
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

/**
 * What {@link getCertificates} returns: plain JSON, camelCase, every argument echoed back with its
 * default applied, and never the admin key.
 */
export interface GetCertificatesResult extends ListSettings {
    /** A stable id of the query: `organization`, or `project/<projectId>`. */
    readonly id: string;
    /** Every certificate in the scope, in the API's order for `order`. */
    readonly certificates: Certificate[];
}

const KNOWN_ARGS: readonly (keyof GetCertificatesArgs)[] = ["adminKey", ...LIST_SETTING_NAMES];

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
        const certificates = await listCertificates({ ...settings, adminKey: resolveAdminKey(optionalString("adminKey", args.adminKey)) });
        return { id: queryId(settings), ...settings, certificates };
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
    assertKnownKeys(args, KNOWN_ARGS, "getCertificates");
    return resolveListSettings(args, resolveBaseUrl(optionalString("baseUrl", args.baseUrl)));
}

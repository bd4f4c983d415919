import { Certificate } from "../api/certificate";
import { listCertificates } from "../api/list-certificates";
import { listCertificateUsage } from "../api/certificate-usage";
import { queryId } from "../api/list-settings";
import { environmentBaseUrl } from "../api/client-options";
import { AdminKeyConflictError, InvalidArgumentError } from "../api/errors/argument-error";
import { AuthenticationError, adminKeyAdvice } from "../api/errors/api-error";
import { OpenAICertificatesError } from "../api/errors/base";
import { compileGlob } from "../api/glob";
import { redact } from "../api/redact";
import { escapeControlCharacters } from "../api/text-escape";
import { CERTIFICATES_INPUT_NAMES, ReadError, ResolvedCertificatesQuery, UNKNOWN, UNKNOWN_INPUTS_PROPERTY, resolveCertificatesQuery, unknownInputNames } from "./list-inputs";
import { ProviderSettings, SET_ADMIN_KEY_COMMAND, everyStackAdminKey, keyPlacesOf, withStackKeyAdvice } from "./stack-config";
import { CheckFailure, failureOf, pickDefined, withoutProvider } from "./props";
import { oneLineForHost, requireStackAdminKey } from "./write-client";
import { readAtOf } from "../expiry/data-age";
import { CertificateKey, knownCertificateKeys, readCertificateKeys } from "../api/certificate-keys";
import { createCertificatesClient } from "../api/client";

/**
 * The operations behind the `Certificates` dynamic resource, as plain functions. The serialized
 * provider object only forwards to these, so the code that Pulumi freezes into the state is a few
 * lines, and these functions are loaded fresh (with their codecs intact) in the provider process.
 *
 * Stored stacks call these by name, with these signatures, from the provider code frozen into their
 * state: `checkCertificates(news, settings)`, `diffCertificates(olds, news)`, `createCertificates(inputs)`,
 * `updateCertificates(news)`, `readCertificatesResource(id, props, settings)` (all since 0.1.0, whose
 * settings are `{ adminKey, baseUrl }`) and `checkCertificatesResource(news, settings)` (since 0.2.0;
 * the same function as `checkCertificates`). stored-provider-calls.ts lists every such name.
 */

/**
 * The provider's `check` step (not the expiry check, which is `evaluateCertificateExpiry`): validates
 * the inputs and reads the list, so the data is known during preview. Each active certificate's
 * subject and public-key hash (what tells a renewal from a risk) are read from its content once: the
 * ids that `olds` (the previous inputs, passed by the providers of 0.2.0 on) already hold reuse them.
 */
export async function checkCertificatesResource(
    news: Record<string, unknown>,
    settings: ProviderSettings = {},
    olds: Record<string, unknown> = {},
): Promise<{ inputs: Record<string, unknown>; failures?: CheckFailure[] }> {
    // An input computed by another resource is unknown during preview: nothing can be read, so the
    // certificates are unknown too (`check` runs again with real values in the update). The names of
    // the unknown inputs go into the checked inputs as known data, so a policy can name them without
    // touching an unknown value (which @pulumi/policy turns into an advisory "can't run policy").
    const unknownInputs = unknownInputNames(news);
    if (unknownInputs.length > 0) return { inputs: { ...pickInputs(news), certificates: UNKNOWN, [UNKNOWN_INPUTS_PROPERTY]: unknownInputs } };

    let query: ResolvedCertificatesQuery;
    try {
        query = resolveCertificatesQuery(news, settings.baseUrl ?? environmentBaseUrl());
    } catch (error) {
        if (error instanceof InvalidArgumentError) return { inputs: pickInputs(news), failures: [failureOf(error)] };
        throw error;
    }
    try {
        const certificates = await readCertificates(query, settings, knownCertificateKeys(olds?.certificates));
        return { inputs: { ...query, certificates, readAt: readAtOf(new Date()) } };
    } catch (caught) {
        const error = withStackKeyAdvice(caught, keyPlacesOf(settings));
        const readError = describeReadError(error, settings);
        // Two different keys in the config is a configuration mistake, not an outage to tolerate.
        if (query.onReadError === "warn" && !(error instanceof AdminKeyConflictError)) return { inputs: { ...query, certificates: [], readError } };
        return { inputs: { ...query }, failures: [{ property: "", reason: `Could not read the certificate list (${readError.code}): ${readError.message}` }] };
    }
}

/**
 * @deprecated The 0.1.0 name of {@link checkCertificatesResource}, which read as the expiry check.
 * Providers stored by 0.1.0 call it by this name: it stays, the same function, in every version.
 */
export const checkCertificates = checkCertificatesResource;

/**
 * `diff`: a change only when the query or the certificates changed, never because the provider's code
 * did, nor because the list was read again (`readAt` moves on every read). An unchanged list is then
 * a "same" step: the engine stores the new checked inputs, `readAt` included, and keeps the old
 * outputs; `pulumi policy analyze` judges the stored inputs, so it sees the latest read.
 */
export function diffCertificates(olds: Record<string, unknown>, news: Record<string, unknown>): { changes: boolean; replaces: string[]; stables: string[] } {
    const fields = [...CERTIFICATES_INPUT_NAMES, "certificates"].filter((k) => canonical(olds[k]) !== canonical(news[k]));
    // A tolerated read error changes its message (request ids) on every read; only its code counts.
    const errorCode = (props: Record<string, unknown>) => (props.readError as ReadError | undefined)?.code;
    const changed = errorCode(olds) === errorCode(news) ? fields : [...fields, "readError"];
    return { changes: changed.length > 0, replaces: [], stables: [] };
}

/** `create`: stores what `check` read; the id is the query's id. */
export function createCertificates(inputs: Record<string, unknown>): { id: string; outs: Record<string, unknown> } {
    return { id: queryId(inputs as { projectId?: string }), outs: withoutProvider(inputs) };
}

/** `update`: stores what `check` read. */
export function updateCertificates(news: Record<string, unknown>): { outs: Record<string, unknown> } {
    return { outs: withoutProvider(news) };
}

/**
 * `read` (refresh, import): reads the list again for the stored query, and returns it as the inputs
 * too, so the stored inputs (which `pulumi policy analyze` judges) hold the list just read and its
 * `readAt`. A refused key gets advice
 * for the case that causes it most: `pulumi refresh` and `destroy` without `--run-program` configure
 * the provider from the stack config stored in the state at the last update, so after a key
 * rotation they still send the old key. Providers stored by 0.1.0 call this too, so the advice is
 * given here, not in the serialized provider.
 */
export async function readCertificatesResource(id: string, props: Record<string, unknown>, settings: ProviderSettings = {}): Promise<{ id: string; props: Record<string, unknown>; inputs?: Record<string, unknown> }> {
    const query = resolveCertificatesQuery(props, settings.baseUrl ?? environmentBaseUrl());
    try {
        const certificates = await readCertificates(query, settings, knownCertificateKeys(props.certificates));
        const read = { ...query, certificates, readAt: readAtOf(new Date()) };
        return { id, props: read, inputs: read };
    } catch (caught) {
        const error = caught instanceof AuthenticationError ? caught.withAdvice(storedConfigAdvice(settings)) : withStackKeyAdvice(caught, keyPlacesOf(settings));
        if (query.onReadError === "warn" && !(error instanceof AdminKeyConflictError)) {
            const tolerated = { ...query, certificates: [], readError: describeReadError(error, settings) };
            return { id, props: tolerated, inputs: tolerated };
        }
        throw oneLineForHost(error);
    }
}

function storedConfigAdvice(settings: ProviderSettings): string {
    return (
        "If the admin key was rotated since the last `pulumi up`: `pulumi refresh` and `pulumi destroy` without " +
        "`--run-program` use the stack configuration stored in the state at that update, so they still send the old key. " +
        `Store the new key (\`${settings.setKeyCommand ?? SET_ADMIN_KEY_COMMAND}\`, which prompts for it), then run \`pulumi refresh --run-program\` ` +
        `(or \`pulumi up\` first, which stores the new configuration). Otherwise: ${adminKeyAdvice(keyPlacesOf(settings))}`
    );
}

/**
 * The list, filtered, with each active certificate's key fields: from `known` (a certificate's
 * content never changes) or read from its content, one request per certificate not known.
 */
async function readCertificates(query: ResolvedCertificatesQuery, settings: ProviderSettings, known: ReadonlyMap<string, CertificateKey>): Promise<Certificate[]> {
    const client = { adminKey: requireStackAdminKey(settings), baseUrl: query.baseUrl, order: query.order, pageSize: query.pageSize, maxRetries: query.maxRetries, timeoutMs: query.timeoutMs, maxPages: query.maxPages };
    const all: Array<Certificate & { activeAnywhere?: boolean }> = query.allProjects
        ? (await listCertificateUsage({ ...client, includeArchived: query.includeArchived, concurrency: query.concurrency })).certificates
        : await listCertificates({ ...client, projectId: query.projectId });
    const matchesName = query.namePattern === undefined ? undefined : compileGlob(query.namePattern);
    const kept = all.filter((c) => (!query.activeOnly || (c.activeAnywhere ?? c.active)) && (!matchesName || (c.name !== null && matchesName(c.name))));
    const secrets = everyStackAdminKey(settings);
    const withKeys = await readCertificateKeys(createCertificatesClient(client), kept, { known, concurrency: query.concurrency });
    return withKeys.map((c) => (c.contentProblem === undefined ? c : { ...c, contentProblem: escapeControlCharacters(redact(c.contentProblem, secrets)) }));
}

/** The error as Pulumi shows it (a check failure) and the state keeps it: redacted, on one visible line. */
function describeReadError(error: unknown, settings: ProviderSettings): ReadError {
    // Every key that could have been sent, not only the one chosen: this runs after a conflict too.
    const secrets = everyStackAdminKey(settings);
    if (error instanceof OpenAICertificatesError) return { code: error.code, message: escapeControlCharacters(redact(error.message, secrets)) };
    return { code: "unexpected", message: escapeControlCharacters(redact(error instanceof Error ? error.message : String(error), secrets)) };
}

function pickInputs(news: Record<string, unknown>): Record<string, unknown> {
    return pickDefined(news, CERTIFICATES_INPUT_NAMES);
}

/** JSON with sorted keys, so key order never counts as a change. */
function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v)) ?? "undefined";
}

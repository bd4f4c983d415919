import { APIConnectionError } from "../api/errors/connection-error";
import { BadRequestError, ConflictError, InternalServerError, NotFoundError } from "../api/errors/api-error";
import { CertificateMismatchError, CertificateStillActiveError } from "../api/errors/certificate-write-error";
import { CredentialInResponseError, ResponseParseError, ResponseTooDeepError, ResponseTooLargeError, ResponseValidationError } from "../api/errors/response-error";
import { InvalidArgumentError } from "../api/errors/argument-error";
import { UploadedCertificate } from "../api/certificate";
import { checkCertificateId } from "../api/certificates-query";
import { CertificatesClient } from "../api/client";
import { PemCertificateDetails, inspectPemCertificate, uploadRequirementProblem } from "../api/pem";
import { UNKNOWN } from "./list-inputs";
import { CERTIFICATE_INPUT_NAMES, IMPORT_ID_INPUT } from "./upload-inputs";
import type { ProviderSettings } from "./stack-config";
import { CheckFailure, checkFailure, collectFailure, pickDefined, withoutProvider } from "./props";
import { minRemainingValiditySeconds, remainingValidityRefusal } from "./remaining-validity";
import { withStackAdvice, writeClient } from "./write-client";

/**
 * The operations behind the `Certificate` dynamic resource (one uploaded certificate), as plain
 * functions that the serialized provider loads by name (see serialized-providers.ts). Stored stacks
 * call these, with these signatures, from 0.2.0 on: `checkCertificateResource(olds, news)`,
 * `diffCertificate(olds, news)`, `createCertificate(inputs, settings)`,
 * `updateCertificate(id, olds, news, settings)`, `readCertificate(id, props, settings)`,
 * `deleteCertificate(id, settings)`.
 */

/** What the PEM says, added to the checked inputs so that preview shows it. */
type PemFacts = Pick<PemCertificateDetails, "fingerprintSha256" | "subject" | "issuer" | "validAt" | "expiresAt">;

/**
 * `check`: the inputs, and the PEM read locally. A PEM about to be uploaded (new, or changed) is
 * judged as OpenAI will judge it (one CA certificate with the extensions its mutual TLS requires,
 * nothing else in the text) and refused when expired or within `minRemainingValidity`, here, during
 * preview, before anything is sent. A PEM already uploaded is not judged again: the gate watches it
 * from then on. A refused PEM is left out of the returned inputs, and no failure quotes it.
 */
export function checkCertificateResource(olds: Record<string, unknown>, news: Record<string, unknown>, nowSeconds = Math.floor(Date.now() / 1000)): { inputs: Record<string, unknown>; failures?: CheckFailure[] } {
    const inputs = pickInputs(news);
    const failures: CheckFailure[] = [];
    if (news.name !== undefined && news.name !== UNKNOWN && typeof news.name !== "string") failures.push(checkFailure("name", `must be text, got ${typeof news.name}`));
    let minSeconds = 0;
    if (news.minRemainingValidity !== UNKNOWN) collectFailure(failures, () => (minSeconds = minRemainingValiditySeconds(news.minRemainingValidity)));
    // As with Pulumi's own `import` option, adoption is for the first creation only: a resource that
    // exists (it has old inputs) and gets a new PEM is replaced by an upload, not by adopting again.
    const exists = olds.fingerprintSha256 !== undefined;
    if (exists) delete inputs[IMPORT_ID_INPUT];
    const importId = exists ? undefined : news[IMPORT_ID_INPUT];
    if (importId !== undefined && importId !== UNKNOWN) collectFailure(failures, () => checkCertificateId(importId, "import"));
    // A PEM computed by another resource is unknown during preview; `check` runs again with it in the update.
    if (news.certificate === UNKNOWN) return failures.length ? { inputs, failures } : { inputs };
    let details: PemCertificateDetails | undefined;
    collectFailure(failures, () => (details = inspectPemCertificate(news.certificate)));
    if (!details) {
        delete inputs.certificate;
        return { inputs, failures };
    }
    // With the import option, `create` judges instead: only it can tell an adoption from an upload.
    const uploading = importId === undefined && olds.fingerprintSha256 !== details.fingerprintSha256;
    if (uploading) for (const reason of uploadRefusals(details, nowSeconds, minSeconds, news.minRemainingValidity)) failures.push(checkFailure("certificate", reason));
    Object.assign(inputs, pemFacts(details));
    return failures.length ? { inputs, failures } : { inputs };
}

/**
 * `diff`: a new PEM (another fingerprint) replaces the certificate, since the API cannot change one;
 * Pulumi creates the replacement before it deletes the old one, so an activation that depends on it
 * moves over before the old certificate is deactivated. A new name is an update in place. The same
 * certificate re-encoded (other line breaks) is an update that sends nothing.
 */
export function diffCertificate(olds: Record<string, unknown>, news: Record<string, unknown>): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
    const newPem = news.certificate === UNKNOWN || news.fingerprintSha256 === undefined ? UNKNOWN : news.fingerprintSha256;
    const replaces = newPem !== olds.fingerprintSha256 ? ["certificate"] : [];
    const renamed = news.name !== undefined && news.name !== olds.name;
    const changed = replaces.length > 0 || renamed || news.certificate !== olds.certificate || news.minRemainingValidity !== olds.minRemainingValidity;
    return { changes: changed, replaces, deleteBeforeReplace: false };
}

/**
 * `create`: adopts the certificate named by the `import` option when its PEM is the program's, else
 * uploads the PEM. Pulumi checks a replacement's inputs again without its old ones, so a rotation in
 * a program that still carries the `import` option of its first adoption arrives here with the old
 * certificate's id and the new PEM: that is an upload (judged as one, here, since `check` could not
 * tell it from an adoption), and the certificate with that id is left as it is.
 */
export async function createCertificate(inputs: Record<string, unknown>, settings: ProviderSettings = {}, nowSeconds = Math.floor(Date.now() / 1000)): Promise<{ id: string; outs: Record<string, unknown> }> {
    return withStackAdvice(async () => {
        const client = writeClient(settings);
        const name = inputs.name as string | undefined;
        const importId = inputs[IMPORT_ID_INPUT] as string | undefined;
        if (importId !== undefined) {
            const existing = await client.retrieveCertificate(importId, { includeContent: true });
            if (existing.content === undefined) {
                throw new CertificateMismatchError(importId, `OpenAI did not return the PEM of certificate ${importId} (include[]=content), so it cannot be compared with the program's; nothing was changed`);
            }
            if (inspectPemCertificate(existing.content, "the imported certificate's content").fingerprintSha256 === inputs.fingerprintSha256) {
                const adopted = name !== undefined && name !== existing.name ? await client.renameCertificate(importId, name) : existing;
                return { id: importId, outs: outputs(withoutImport(inputs), adopted) };
            }
            const refusals = uploadRefusals(inspectPemCertificate(inputs.certificate), nowSeconds, minRemainingValiditySeconds(inputs.minRemainingValidity), inputs.minRemainingValidity);
            if (refusals.length > 0) throw new InvalidArgumentError("certificate", refusals.join(". "));
        }
        const uploaded = await upload(client, withoutImport(inputs), name);
        return { id: uploaded.id, outs: outputs(withoutImport(inputs), uploaded) };
    }, settings);
}

function withoutImport(inputs: Record<string, unknown>): Record<string, unknown> {
    const { [IMPORT_ID_INPUT]: _importId, ...rest } = inputs;
    void _importId;
    return rest;
}

/** Uploads the PEM once; after a failure that may have reached OpenAI, finds the copy it stored, if it can be told for sure. */
async function upload(client: CertificatesClient, inputs: Record<string, unknown>, name: string | undefined): Promise<UploadedCertificate> {
    // The certificates that hold this PEM's dates before the upload: none of them can be the
    // upload's, so none is ever taken for ours below (another team may have uploaded the same PEM,
    // and adopting theirs would make our `destroy` delete it).
    const before = new Set((await withSameDates(client, inputs)).map((c) => c.id));
    try {
        return await client.uploadCertificate({ certificate: inputs.certificate as string, ...(name === undefined ? {} : { name }) });
    } catch (error) {
        if (!mayHaveArrived(error)) throw error;
        // The upload is not retried (a second one would store the certificate twice), but it may
        // have arrived: find the one new certificate with this PEM before failing, so that the next
        // `pulumi up` does not upload it again and leave the first copy unmanaged.
        const arrived = await findUploaded(client, inputs, before).catch(() => undefined);
        if (!arrived) throw withUploadAdvice(error);
        return name !== undefined && arrived.name !== name ? await client.renameCertificate(arrived.id, name) : arrived;
    }
}

/**
 * Why a PEM must not be uploaded, each as a sentence: what OpenAI's mutual TLS refuses, and an expiry
 * within `minRemainingValidity` (never less than the day OpenAI requires).
 */
function uploadRefusals(details: PemCertificateDetails, nowSeconds: number, minSeconds: number, given: unknown): string[] {
    const problem = uploadRequirementProblem(details);
    const label = `"${details.subject || "(no subject)"}"`;
    const expiry = remainingValidityRefusal({ action: "upload", label, expiresAt: details.expiresAt }, nowSeconds, minSeconds, given);
    return [...(problem === undefined ? [] : [`${problem}. Nothing was uploaded`]), ...(expiry === undefined ? [] : [expiry])];
}

/**
 * A failure after which the upload may have been stored: no answer, a server error, or a 2xx answer
 * we could not read (malformed, too large, too deep, or holding the key).
 */
function mayHaveArrived(error: unknown): boolean {
    return (
        error instanceof APIConnectionError ||
        error instanceof InternalServerError ||
        error instanceof ResponseValidationError ||
        error instanceof ResponseParseError ||
        error instanceof ResponseTooLargeError ||
        error instanceof ResponseTooDeepError ||
        error instanceof CredentialInResponseError
    );
}

/** The organization's certificates with the dates of this PEM (the list carries no fingerprint). */
async function withSameDates(client: CertificatesClient, inputs: Record<string, unknown>) {
    return (await client.listCertificates()).filter((c) => c.validAt === inputs.validAt && c.expiresAt === inputs.expiresAt);
}

/**
 * The certificate this upload stored, if it can be told for sure: among those with the PEM's dates
 * that were not there before the upload, exactly one whose PEM has this fingerprint. None, or more
 * than one (someone else uploaded the same PEM meanwhile), is `undefined`: the outcome is uncertain.
 */
async function findUploaded(client: CertificatesClient, inputs: Record<string, unknown>, before: ReadonlySet<string>): Promise<UploadedCertificate | undefined> {
    const found: UploadedCertificate[] = [];
    for (const candidate of (await withSameDates(client, inputs)).filter((c) => !before.has(c.id))) {
        const stored = await client.retrieveCertificate(candidate.id, { includeContent: true });
        if (stored.content !== undefined && inspectPemCertificate(stored.content).fingerprintSha256 === inputs.fingerprintSha256) found.push(stored);
    }
    return found.length === 1 ? found[0] : undefined;
}

/** The same error, its message (and the stack that begins with it) followed by what to do now. */
function withUploadAdvice(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const header = `${error.name}: ${error.message}`;
    error.message +=
        ". The upload may still have reached OpenAI, and it was not found in the list just now: before `pulumi up` again, " +
        "look for it (`openai-certs list`); if it is there, adopt it with the `import` resource option instead of uploading it twice";
    if (error.stack?.startsWith(header)) error.stack = `${error.name}: ${error.message}${error.stack.slice(header.length)}`;
    return error;
}

/** `update`: a new name is sent; anything else that reaches here changed nothing remote. */
export async function updateCertificate(id: string, olds: Record<string, unknown>, news: Record<string, unknown>, settings: ProviderSettings = {}): Promise<{ outs: Record<string, unknown> }> {
    return withStackAdvice(async () => {
        const name = news.name as string | undefined;
        if (name === undefined || name === olds.name) return { outs: withoutProvider({ ...olds, ...news, name: olds.name }) };
        const renamed = await writeClient(settings).renameCertificate(id, name);
        return { outs: outputs(news, renamed) };
    }, settings);
}

/**
 * `read` (refresh): the certificate as OpenAI has it now, with its PEM. Gone (deleted outside
 * Pulumi) is an empty id, which the engine takes as deleted; a name changed outside Pulumi shows as
 * drift, and the next `up` sets it back.
 */
export async function readCertificate(id: string, props: Record<string, unknown>, settings: ProviderSettings = {}): Promise<{ id: string; props: Record<string, unknown> }> {
    return withStackAdvice(async () => {
        let current;
        try {
            current = await writeClient(settings).retrieveCertificate(checkCertificateId(id, "id"), { includeContent: true });
        } catch (error) {
            if (error instanceof NotFoundError) return { id: "", props: {} };
            throw error;
        }
        const state = withoutProvider(props);
        if (current.content !== undefined) Object.assign(state, { certificate: current.content }, pemFacts(inspectPemCertificate(current.content, "the certificate's content")));
        return { id, props: outputs(state, current) };
    }, settings);
}

/** `delete`: removes the certificate; one already gone is fine; one still active is a {@link CertificateStillActiveError}. */
export async function deleteCertificate(id: string, settings: ProviderSettings = {}): Promise<void> {
    return withStackAdvice(async () => {
        try {
            await writeClient(settings).deleteCertificate(id);
        } catch (error) {
            if (error instanceof NotFoundError) return;
            if (error instanceof BadRequestError || error instanceof ConflictError) throw new CertificateStillActiveError(id, error);
            throw error;
        }
    }, settings);
}

function pemFacts(details: PemCertificateDetails): PemFacts {
    return { fingerprintSha256: details.fingerprintSha256, subject: details.subject, issuer: details.issuer, validAt: details.validAt, expiresAt: details.expiresAt };
}

/** The state: the checked inputs, then what the API says (its dates win over the PEM's, which agree). */
function outputs(inputs: Record<string, unknown>, api: { id: string; name: string | null; createdAt: number; validAt?: number; expiresAt?: number }): Record<string, unknown> {
    return {
        ...withoutProvider(inputs),
        certificateId: api.id,
        name: api.name,
        createdAt: api.createdAt,
        ...(api.validAt !== undefined ? { validAt: api.validAt } : {}),
        ...(api.expiresAt !== undefined ? { expiresAt: api.expiresAt } : {}),
    };
}

function pickInputs(news: Record<string, unknown>): Record<string, unknown> {
    return pickDefined(news, [...CERTIFICATE_INPUT_NAMES, IMPORT_ID_INPUT]);
}

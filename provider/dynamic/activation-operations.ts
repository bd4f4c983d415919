import { checkCertificateId, checkProjectId } from "../api/certificates-query";
import { ACTIVATION_INPUT_NAMES, activationId, parseActivationId } from "./activation-inputs";
import { CertificatesClient } from "../api/client";
import { ActivationRefusedError } from "../api/errors/certificate-write-error";
import { NotFoundError } from "../api/errors/api-error";
import { ResponseValidationError } from "../api/errors/response-error";
import { escapeControlCharacters } from "../api/text-escape";
import { UNKNOWN } from "./list-inputs";
import type { ProviderSettings } from "./stack-config";
import { CheckFailure, checkFailure, collectFailure, pickDefined, withoutProvider } from "./props";
import { minRemainingValiditySeconds, remainingValidityRefusal } from "./remaining-validity";
import { withStackAdvice, writeClient } from "./write-client";
import { keyPlacesOf, withStackKeyAdvice } from "./stack-config";

/**
 * The operations behind the `CertificateActivation` dynamic resource: one certificate active in the
 * organization, or in one project. Create activates, delete deactivates. Stored stacks call these,
 * with these signatures, from 0.2.0 on: `checkActivation(olds, news, settings)`,
 * `diffActivation(olds, news)`, `createActivation(inputs, settings)`,
 * `updateActivation(id, olds, news)`, `readActivation(id, props, settings)`,
 * `deleteActivation(id, props, settings)`.
 */

/** The inputs whose change is another activation (a replacement). */
const ACTIVATION_IDENTITY = ["certificateId", "projectId"] as const;

/**
 * `check`: the ids, path-safe, and the certificate's expiry, read from OpenAI into the checked
 * inputs (`expiresAt`, `validAt`, `certificateName`, `certificateCreatedAt`) so that the policy pack judges the activation
 * with its own thresholds and exemptions. A new activation of a certificate that is not already
 * active in its scope is refused here, before anything is sent, when the certificate is expired or
 * within `minRemainingValidity`; an activation that exists, or one that takes over a certificate
 * already active there, switches nothing on and is not refused (the list and the gate speak for
 * it). Ids computed by other resources are unknown in preview: `check` runs again with them in the
 * update, and `create` judges again before it sends. A certificate that cannot be read fails closed.
 */
export async function checkActivation(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    settings: ProviderSettings = {},
    nowSeconds = Math.floor(Date.now() / 1000),
): Promise<{ inputs: Record<string, unknown>; failures?: CheckFailure[] }> {
    const inputs = pickDefined(news, ACTIVATION_INPUT_NAMES);
    const failures: CheckFailure[] = [];
    if (news.certificateId === undefined) failures.push(checkFailure("certificateId", "is required: the id of the certificate to activate, such as a Certificate's id"));
    else if (news.certificateId !== UNKNOWN) collectFailure(failures, () => checkCertificateId(news.certificateId));
    if (news.projectId !== undefined && news.projectId !== UNKNOWN) collectFailure(failures, () => checkProjectId(news.projectId));
    let minSeconds = 0;
    if (news.minRemainingValidity !== UNKNOWN) collectFailure(failures, () => (minSeconds = minRemainingValiditySeconds(news.minRemainingValidity)));
    if (failures.length > 0) return { inputs, failures };
    if (news.certificateId === UNKNOWN || news.projectId === UNKNOWN || news.minRemainingValidity === UNKNOWN) return { inputs };

    const certificateId = news.certificateId as string;
    const projectId = news.projectId as string | undefined;
    const existing = olds.certificateId === certificateId && olds.projectId === projectId;
    try {
        const judged = await judgeActivation(writeClient(settings), { certificateId, projectId, minSeconds, given: news.minRemainingValidity, nowSeconds, existing });
        Object.assign(inputs, judged.facts);
        return judged.refusal === undefined ? { inputs } : { inputs, failures: [checkFailure("certificateId", judged.refusal)] };
    } catch (caught) {
        const error = withStackKeyAdvice(caught, keyPlacesOf(settings));
        const message = error instanceof Error ? error.message : String(error);
        return { inputs, failures: [{ property: "", reason: `Could not read certificate ${certificateId} to judge its activation, so it is not activated: ${escapeControlCharacters(message)}` }] };
    }
}

/** What {@link judgeActivation} learned: the facts for the checked inputs, and why not to send, if so. */
interface ActivationJudgement {
    readonly facts: { expiresAt?: number; validAt?: number; certificateName: string | null; certificateCreatedAt: number };
    /** Whether the certificate is active in the scope already (only read for a new activation). */
    readonly alreadyActive: boolean;
    readonly refusal?: string;
}

/**
 * Reads the certificate (`GET /organization/certificates/{id}`) and, for a new activation, whether
 * it is active in the scope already; refuses switching on one that is expired or within
 * `minRemainingValidity` (at least the day OpenAI itself requires).
 */
async function judgeActivation(
    client: CertificatesClient,
    a: { certificateId: string; projectId?: string; minSeconds: number; given: unknown; nowSeconds: number; existing: boolean },
): Promise<ActivationJudgement> {
    const certificate = await client.retrieveCertificate(a.certificateId);
    const facts = {
        certificateName: certificate.name,
        certificateCreatedAt: certificate.createdAt,
        ...(certificate.expiresAt !== undefined ? { expiresAt: certificate.expiresAt } : {}),
        ...(certificate.validAt !== undefined ? { validAt: certificate.validAt } : {}),
    };
    if (a.existing) return { facts, alreadyActive: true };
    const alreadyActive = (await client.listCertificates({ projectId: a.projectId })).some((c) => c.id === a.certificateId && c.active);
    if (alreadyActive) return { facts, alreadyActive };
    const label = certificate.name === null ? a.certificateId : `"${certificate.name}" (${a.certificateId})`;
    if (certificate.expiresAt === undefined) return { facts, alreadyActive, refusal: `OpenAI gives no expiry for certificate ${label}, so its activation cannot be judged; nothing was activated` };
    const refusal = remainingValidityRefusal({ action: "activation", label, expiresAt: certificate.expiresAt }, a.nowSeconds, a.minSeconds, a.given);
    return refusal === undefined ? { facts, alreadyActive } : { facts, alreadyActive, refusal };
}

/**
 * `diff`: another certificate or scope is another activation: a replacement, created before the old
 * one is deleted. A new `minRemainingValidity` is an update that sends nothing: it only judges what
 * is switched on from then on.
 */
export function diffActivation(olds: Record<string, unknown>, news: Record<string, unknown>): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
    const replaces = ACTIVATION_IDENTITY.filter((k) => olds[k] !== news[k]);
    const changes = replaces.length > 0 || olds.minRemainingValidity !== news.minRemainingValidity;
    return { changes, replaces, deleteBeforeReplace: false };
}

/** `update`: only `minRemainingValidity` changes in place; nothing is sent. */
export function updateActivation(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): { outs: Record<string, unknown> } {
    return { outs: { ...withoutProvider(olds), ...withoutProvider(news) } };
}

/**
 * `create`: activates the certificate in its scope. One already active there is taken over and
 * nothing is sent; otherwise the certificate is judged again, as `check` did, right before the
 * request, and refused with an {@link ActivationRefusedError} when expired or within
 * `minRemainingValidity`.
 */
export async function createActivation(inputs: Record<string, unknown>, settings: ProviderSettings = {}, nowSeconds = Math.floor(Date.now() / 1000)): Promise<{ id: string; outs: Record<string, unknown> }> {
    return withStackAdvice(async () => {
        const certificateId = inputs.certificateId as string;
        const projectId = inputs.projectId as string | undefined;
        const client = writeClient(settings);
        const minSeconds = minRemainingValiditySeconds(inputs.minRemainingValidity);
        const judged = await judgeActivation(client, { certificateId, projectId, minSeconds, given: inputs.minRemainingValidity, nowSeconds, existing: false });
        const outs = { ...withoutProvider(inputs), ...judged.facts, ...state(certificateId, projectId) };
        if (judged.alreadyActive) return { id: activationId(certificateId, projectId), outs };
        if (judged.refusal !== undefined) throw new ActivationRefusedError(certificateId, judged.refusal);
        const touched = await client.activateCertificates([certificateId], { projectId });
        const mine = touched.find((c) => c.id === certificateId);
        if (!mine?.active) {
            const operation = `POST ${projectId === undefined ? "/organization" : `/organization/projects/${projectId}`}/certificates/activate`;
            throw new ResponseValidationError(operation, [{ path: "data", expected: `${certificateId} with active: true`, received: mine ? "active: false" : "not listed" }]);
        }
        return { id: activationId(certificateId, projectId), outs };
    }, settings);
}

/**
 * `read` (refresh): whether the certificate is still active in its scope. Deactivated (or deleted)
 * outside Pulumi is an empty id: the engine drops the activation from the state, and the next
 * preview shows it being created again.
 */
export async function readActivation(id: string, props: Record<string, unknown>, settings: ProviderSettings = {}): Promise<{ id: string; props: Record<string, unknown> }> {
    return withStackAdvice(async () => {
        const { certificateId, projectId } = activationOf(id, props);
        let listed;
        try {
            listed = await writeClient(settings).listCertificates({ projectId });
        } catch (error) {
            if (error instanceof NotFoundError) return { id: "", props: {} }; // the project is gone
            throw error;
        }
        const current = listed.find((c) => c.id === certificateId);
        if (!current?.active) return { id: "", props: {} };
        return { id, props: { ...withoutProvider(props), ...state(certificateId, projectId) } };
    }, settings);
}

/** `delete`: deactivates; a certificate or project already gone is fine. */
export async function deleteActivation(id: string, props: Record<string, unknown>, settings: ProviderSettings = {}): Promise<void> {
    return withStackAdvice(async () => {
        const { certificateId, projectId } = activationOf(id, props);
        try {
            await writeClient(settings).deactivateCertificates([certificateId], { projectId });
        } catch (error) {
            if (error instanceof NotFoundError) return;
            throw error;
        }
    }, settings);
}

/** The certificate and scope of an activation: from its state, else (no properties) from its id. */
function activationOf(id: string, props: Record<string, unknown>): { certificateId: string; projectId?: string } {
    return typeof props.certificateId === "string" ? { certificateId: props.certificateId, projectId: props.projectId as string | undefined } : parseActivationId(id);
}

function state(certificateId: string, projectId: string | undefined): Record<string, unknown> {
    return { certificateId, ...(projectId === undefined ? {} : { projectId }), scope: projectId === undefined ? "organization" : "project" };
}

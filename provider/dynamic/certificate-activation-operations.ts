import { checkCertificateId, checkProjectId } from "../certificates-query";
import { InvalidArgumentError, NotFoundError, ResponseValidationError } from "../errors";
import { UNKNOWN } from "./certificates-inputs";
import type { ProviderSettings } from "./certificates-operations";
import { CheckFailure, collectFailure, pickDefined } from "./props";
import { withStackAdvice, writeClient } from "./write-client";

/**
 * The operations behind the `CertificateActivation` dynamic resource: one certificate active in the
 * organization, or in one project. Create activates, delete deactivates. Stored stacks call these,
 * with these signatures, from 0.2.0 on: `checkActivation(news)`, `diffActivation(olds, news)`,
 * `createActivation(inputs, settings)`, `readActivation(id, props, settings)`,
 * `deleteActivation(id, props, settings)`.
 */

/** The inputs a program gives. */
export const ACTIVATION_INPUT_NAMES = ["certificateId", "projectId"] as const;

/** The resource's id: `organization/<certificateId>` or `project/<projectId>/<certificateId>`. */
export function activationId(certificateId: string, projectId: string | undefined): string {
    return projectId === undefined ? `organization/${certificateId}` : `project/${projectId}/${certificateId}`;
}

/** Reads an id made by {@link activationId}; throws {@link InvalidArgumentError} for anything else. */
export function parseActivationId(id: string): { certificateId: string; projectId?: string } {
    const parts = id.split("/");
    if (parts.length === 2 && parts[0] === "organization") return { certificateId: checkCertificateId(parts[1], "id") };
    if (parts.length === 3 && parts[0] === "project") return { projectId: checkProjectId(parts[1], "id"), certificateId: checkCertificateId(parts[2], "id") };
    throw new InvalidArgumentError("id", 'must be "organization/<certificateId>" or "project/<projectId>/<certificateId>"');
}


/** `check`: the ids, path-safe; values computed by other resources (unknown in preview) pass. */
export function checkActivation(news: Record<string, unknown>): { inputs: Record<string, unknown>; failures?: CheckFailure[] } {
    const inputs = pickDefined(news, ACTIVATION_INPUT_NAMES);
    const failures: CheckFailure[] = [];
    if (news.certificateId === undefined) failures.push({ property: "certificateId", reason: "certificateId is required: the id of the certificate to activate, such as a Certificate's id" });
    else if (news.certificateId !== UNKNOWN) collectFailure(failures, () => checkCertificateId(news.certificateId));
    if (news.projectId !== undefined && news.projectId !== UNKNOWN) collectFailure(failures, () => checkProjectId(news.projectId));
    return failures.length ? { inputs, failures } : { inputs };
}

/** `diff`: another certificate or scope is another activation: a replacement, created before the old one is deleted. */
export function diffActivation(olds: Record<string, unknown>, news: Record<string, unknown>): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
    const replaces = ACTIVATION_INPUT_NAMES.filter((k) => olds[k] !== news[k]);
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
}

/** `create`: activates the certificate in its scope (idempotent: one already active stays so). */
export async function createActivation(inputs: Record<string, unknown>, settings: ProviderSettings = {}): Promise<{ id: string; outs: Record<string, unknown> }> {
    return withStackAdvice(async () => {
        const certificateId = inputs.certificateId as string;
        const projectId = inputs.projectId as string | undefined;
        const touched = await writeClient(settings).activateCertificates([certificateId], { projectId });
        const mine = touched.find((c) => c.id === certificateId);
        if (!mine?.active) {
            const operation = `POST ${projectId === undefined ? "/organization" : `/organization/projects/${projectId}`}/certificates/activate`;
            throw new ResponseValidationError(operation, [{ path: "data", expected: `${certificateId} with active: true`, received: mine ? "active: false" : "not listed" }]);
        }
        return { id: activationId(certificateId, projectId), outs: state(certificateId, projectId) };
    });
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
        return { id, props: state(certificateId, projectId) };
    });
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
    });
}

/** The certificate and scope of an activation: from its state, else (no properties) from its id. */
function activationOf(id: string, props: Record<string, unknown>): { certificateId: string; projectId?: string } {
    return typeof props.certificateId === "string" ? { certificateId: props.certificateId, projectId: props.projectId as string | undefined } : parseActivationId(id);
}

function state(certificateId: string, projectId: string | undefined): Record<string, unknown> {
    return { certificateId, ...(projectId === undefined ? {} : { projectId }), scope: projectId === undefined ? "organization" : "project" };
}

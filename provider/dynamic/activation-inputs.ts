import { checkCertificateId, checkProjectId } from "../api/certificates-query";
import { InvalidArgumentError } from "../api/errors/argument-error";
import { MIN_REMAINING_VALIDITY } from "./remaining-validity";

/* The inputs and the id of a `CertificateActivation`, for its operations and its resource class. */

/** The inputs a program gives. */
export const ACTIVATION_INPUT_NAMES = ["certificateId", "projectId", MIN_REMAINING_VALIDITY] as const;

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

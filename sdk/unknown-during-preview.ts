import { InvalidArgumentError } from "../provider/api/errors/argument-error";

/**
 * What a gate does when the certificates it should judge are not known during `pulumi preview`
 * (they depend on a resource that the same update creates, such as a project whose id becomes
 * `projectId`). One option, one meaning, in the policy pack and in the in-program assertion:
 *
 * - `"fail"`: stop. Nothing was judged, and a gate never passes what it could not judge. `pulumi up`
 *   previews first, so it stops too: create that resource in an earlier update, or defer.
 * - `"defer"`: warn, and judge in the update, when the data is known (the update then fails on an
 *   expiring certificate as usual).
 *
 * @default "fail"
 */
export type UnknownDuringPreview = "fail" | "defer";

/** The values of {@link UnknownDuringPreview}, for schemas and messages. */
export const UNKNOWN_DURING_PREVIEW_CHOICES: readonly UnknownDuringPreview[] = ["fail", "defer"];

/** Fail closed, unless told to defer. */
export const DEFAULT_UNKNOWN_DURING_PREVIEW: UnknownDuringPreview = "fail";

/**
 * Checks an `unknownDuringPreview` value; `undefined` means the default, `"fail"`. Throws
 * {@link InvalidArgumentError} naming `argument` for anything else: a misspelled `"defer"` must not
 * quietly mean either.
 */
export function unknownDuringPreviewOf(value: unknown, argument = "unknownDuringPreview"): UnknownDuringPreview {
    if (value === undefined) return DEFAULT_UNKNOWN_DURING_PREVIEW;
    if (value === "fail" || value === "defer") return value;
    throw new InvalidArgumentError(argument, `must be "fail" or "defer", got ${JSON.stringify(value)}`);
}

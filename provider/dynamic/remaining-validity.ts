import { Duration, describeSpan, parseDurationSeconds } from "../api/duration";
import { InvalidArgumentError } from "../api/errors/argument-error";
import { isoFromUnixSeconds } from "../api/iso-time";
import { escapeControlCharacters } from "../api/text-escape";
import { OPENAI_MIN_REMAINING_SECONDS } from "../api/pem";
import { DEFAULT_FAIL_WITHIN } from "../expiry/expiry-options";
import { isExpired, isWithinThreshold } from "../expiry/expiry-rule";

/*
 * `minRemainingValidity`, the input of `Certificate` and `CertificateActivation` that keeps a
 * certificate the gate would fail on from being switched on: an upload, or an activation, of a
 * certificate expired or expiring within it is refused before anything is sent.
 */

/** The input's name, in both resources. */
export const MIN_REMAINING_VALIDITY = "minRemainingValidity";

/** How long a certificate must still be valid to be uploaded or activated: the gate's default `failWithin`. */
export const DEFAULT_MIN_REMAINING_VALIDITY: Duration = DEFAULT_FAIL_WITHIN;

/** The input in seconds (its default when absent). Throws {@link InvalidArgumentError} naming it. */
export function minRemainingValiditySeconds(given: unknown): number {
    const seconds = parseDurationSeconds((given ?? DEFAULT_MIN_REMAINING_VALIDITY) as Duration, MIN_REMAINING_VALIDITY);
    if (seconds < 0) throw new InvalidArgumentError(MIN_REMAINING_VALIDITY, "must not be negative");
    return seconds;
}

/** What is about to be switched on, for the refusal's words. */
export interface SwitchedOn {
    /** `upload` or `activation`. */
    readonly action: "upload" | "activation";
    /** The certificate, as a reader knows it: its subject or name, and id if it has one. */
    readonly label: string;
    readonly expiresAt: number;
}

/**
 * Why `what` must not be switched on, or `undefined`: expired, or within `minRemainingValidity`
 * (never less than the day OpenAI itself requires) by the gate's own rule (expiry-rule.ts), so that
 * nothing passes this check only to fail the gate. The label is escaped: subjects come from
 * certificates, and certificates from anyone.
 */
export function remainingValidityRefusal(what: SwitchedOn, nowSeconds: number, minSeconds: number, given: unknown): string | undefined {
    const remaining = what.expiresAt - nowSeconds;
    const label = escapeControlCharacters(what.label);
    const nothing = what.action === "upload" ? "Nothing was uploaded" : "Nothing was activated";
    if (isExpired(remaining)) {
        return `certificate ${label} expired on ${isoFromUnixSeconds(what.expiresAt)}, ${describeSpan(nowSeconds - what.expiresAt)} ago: ${nothing.toLowerCase()}. ${what.action === "upload" ? "Upload" : "Activate"} a certificate that is still valid`;
    }
    if (isWithinThreshold(remaining, Math.max(minSeconds, OPENAI_MIN_REMAINING_SECONDS))) {
        return (
            `certificate ${label} expires on ${isoFromUnixSeconds(what.expiresAt)}, in ${describeSpan(what.expiresAt - nowSeconds)}: within ` +
            `${MIN_REMAINING_VALIDITY} (${typeof given === "string" || typeof given === "number" ? JSON.stringify(given) : JSON.stringify(DEFAULT_MIN_REMAINING_VALIDITY)}), so the expiry gate would fail on it as soon as it is active. ` +
            `${nothing}. ${what.action === "upload" ? "Upload" : "Activate"} a certificate with more time left, or lower ${MIN_REMAINING_VALIDITY}`
        );
    }
    return undefined;
}

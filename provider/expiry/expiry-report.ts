import type { Certificate } from "../api/certificate";
import type { CertificateKeyFields } from "../api/certificate-keys";
import type { RenewalsMode } from "./expiry-options";
import type { CertificateState, Severity } from "./certificate-states";

/*
 * What the expiry evaluation takes and gives, as plain interfaces: evaluate-expiry.ts decides,
 * expiry-wording.ts says it, and both read these types from here, so neither imports the other back.
 */

/**
 * A certificate as the evaluation sees it: the list's fields, plus, from the organization-wide
 * view, whether it is active anywhere and in which projects.
 */
export interface CertificateToEvaluate extends Certificate, CertificateKeyFields {
    /** Active at the organization level or in any project; overrides `active` when present. */
    readonly activeAnywhere?: boolean;
    /** Projects where the certificate is active, named in findings. */
    readonly activeProjectIds?: readonly string[];
    /** From the organization-wide view: its lists disagree on its dates; noted in the finding's anomalies. */
    readonly expiryDisagreement?: string;
}

/** The evaluation of one certificate. */
export interface ExpiryFinding {
    readonly id: string;
    readonly name: string | null;
    readonly state: CertificateState;
    readonly severity: Severity;
    /** Whether it counted as active (`activeAnywhere` when given, else `active`). */
    readonly active: boolean;
    /** Unix seconds, when the API gives it. */
    readonly expiresAt?: number;
    /** Days until expiry, rounded down to the hundredth (`daysLeft`); negative once expired. Absent without `expiresAt`. */
    readonly daysRemaining?: number;
    /** Projects where it is active, from the organization-wide view. */
    readonly projects?: readonly string[];
    /** The exemption that matched, live or lapsed. */
    readonly exemption?: { readonly reason: string; readonly until: string; readonly lapsed: boolean };
    /**
     * For the `renewed` state: the successor, active where this one is, with the same subject and
     * public key, and outside the fail threshold.
     */
    readonly renewedBy?: { readonly id: string; readonly name: string | null; readonly expiresAt: number };
    /** Problems in the data itself, such as an expiry before the start of validity. */
    readonly anomalies?: readonly string[];
    /**
     * One or two sentences a person can act on, on one line: the name, id and reason in it have their
     * control characters escaped (see `escapeControlCharacters`); `name` and `id` hold the exact values.
     */
    readonly message: string;
}

/** The whole evaluation. Plain JSON. */
export interface ExpiryReport {
    /** When it was judged, Unix seconds. */
    readonly evaluatedAt: number;
    /** False if any active certificate is fail, expired, notYetValid, or unknown with `failOnUnknown`. */
    readonly passed: boolean;
    readonly thresholds: {
        readonly warnWithinSeconds: number;
        readonly failWithinSeconds: number;
        readonly failOnUnknown: boolean;
        readonly includeInactive: boolean;
        /** How renewals were judged (the `renewals` option). */
        readonly renewals: RenewalsMode;
    };
    /** How many certificates ended in each state. */
    readonly counts: Readonly<Record<CertificateState, number>>;
    /** One per certificate, most urgent first. */
    readonly findings: readonly ExpiryFinding[];
    /** The active certificate that expires first, if any has an expiry. */
    readonly earliestExpiring?: { readonly id: string; readonly name: string | null; readonly expiresAt: number; readonly daysRemaining: number };
    /** One line for logs and the CLI, with names and ids escaped as in `message`. */
    readonly summary: string;
}

/** What the evaluation concluded about one certificate. */
export type CertificateState =
    /** Expires after the warning threshold. */
    | "ok"
    /** Expires within `warnWithin`. */
    | "warn"
    /** Expires within `failWithin`. */
    | "fail"
    /** Already expired. */
    | "expired"
    /** Active, but `validAt` is more than 5 minutes in the future. */
    | "notYetValid"
    /** The API gave no expiry: warns, or fails with `failOnUnknown`. */
    | "unknown"
    /** Inactive, and `includeInactive` is off. */
    | "skipped"
    /** Covered by a live exemption. */
    | "exempted"
    /**
     * Would warn or fail, but renewed: another certificate active where it is (or at the organization)
     * has the same subject and public key and is outside the fail threshold, so every client
     * certificate it signed verifies against that successor. Passes by default; warns once expired.
     */
    | "renewed";

/** Every state, in the order reports list them. */
export const CERTIFICATE_STATES: readonly CertificateState[] = ["fail", "expired", "notYetValid", "unknown", "warn", "renewed", "exempted", "ok", "skipped"];

/** How a finding weighs on the gate: `fail` blocks, `warn` is advisory, `pass` and `info` do neither. */
export type Severity = "fail" | "warn" | "pass" | "info";

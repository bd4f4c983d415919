/*
 * The expiry rule, in one place for the gate (evaluate-expiry.ts: `failWithin`, `warnWithin`) and
 * for the checks that keep a certificate the gate would fail from being switched on
 * (provider/dynamic/remaining-validity.ts: an upload's or an activation's `minRemainingValidity`).
 * Changing the rule is changing this file and its tests (tests/provider/expiry/expiry-rule.test.ts,
 * which holds both callers to the same boundary).
 */

/** A certificate with `remainingSeconds` left (its expiry minus now) is expired at `<= 0`. */
export function isExpired(remainingSeconds: number): boolean {
    return remainingSeconds <= 0;
}

/**
 * The boundary: a certificate with `remainingSeconds` left is within a threshold of
 * `thresholdSeconds` when `remaining <= threshold`. So a certificate with exactly 14 days left fails
 * a 14-day gate, and is refused for upload under a 14-day `minRemainingValidity`, rather than
 * uploaded and then failed.
 *
 * @example
 * ```ts
 * isWithinThreshold(14 * 86_400, 14 * 86_400); // true
 * ```
 */
export function isWithinThreshold(remainingSeconds: number, thresholdSeconds: number): boolean {
    return remainingSeconds <= thresholdSeconds;
}

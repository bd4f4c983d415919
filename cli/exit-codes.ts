/** What `openai-certs` exits with; CI gates branch on these. */
export const EXIT = {
    /** The check passed (warnings allowed), or `list` / `fake-api` succeeded. */
    PASSED: 0,
    /** Warnings only, and `--fail-on-warn` was given. */
    WARNINGS: 1,
    /** At least one active certificate is expired, expiring within `--fail-within` or not yet valid. */
    FAILED: 2,
    /** The data could not be read or checked (API error, missing key, bad arguments): fails closed. */
    UNCHECKED: 3,
} as const;

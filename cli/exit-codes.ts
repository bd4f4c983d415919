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

/** Each exit code in words, for `--help`: the one table of them that people read. */
export const EXIT_MEANINGS: Readonly<Record<(typeof EXIT)[keyof typeof EXIT], string>> = {
    [EXIT.PASSED]: "passed (warnings allowed), or list / fake-api succeeded",
    [EXIT.WARNINGS]: "warnings only, and --fail-on-warn was given",
    [EXIT.FAILED]: "failed: an active certificate is expired, not yet valid, or expires within --fail-within (or has no expiry, with --fail-on-unknown)",
    [EXIT.UNCHECKED]: "could not read or check (API error, missing key, bad arguments): nothing was judged, so it fails closed",
};

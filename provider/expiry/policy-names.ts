/**
 * The names of the two CrossGuard policies, in a module of their own so that code without Pulumi
 * (the `openai-certs` command's SARIF report names one rule per policy) can import them without
 * loading `@pulumi/policy` or `@pulumi/pulumi`. `policies.ts` re-exports them.
 */

/** The policy that fails deployments: expired, expiring within `failWithin`, not yet valid, unreadable. */
export const EXPIRY_POLICY_NAME = "openai-certificate-expiry";
/** The advisory companion: expiring within `warnWithin`, unknown expiry, tolerated read errors. */
export const EXPIRY_WARNING_POLICY_NAME = "openai-certificate-expiry-warning";

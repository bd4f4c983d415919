/**
 * `pulumi-openai-certificates/provider`: the API layer (everything of `pulumi-openai-certificates/api`)
 * plus the operations of the dynamic providers. Stacks store the serialized provider of every
 * resource, and that stored code loads this entry by name and calls the names listed in
 * `provider/dynamic/stored-provider-calls.ts` (`dynamicOperations.checkCertificates` and the rest of
 * 0.1.0's; `providerSettingsFromConfig`, `certificateOperations.*` and
 * `certificateActivationOperations.*` since 0.2.0): those names and signatures are kept in every
 * version (tests/e2e/upgrade.test.ts). For the API alone, import `pulumi-openai-certificates/api`.
 * Its API report is api-reports/provider.api.md.
 */
export * from "./api";
export * as dynamicOperations from "./dynamic/list-operations";
export * as certificateOperations from "./dynamic/upload-operations";
export * as certificateActivationOperations from "./dynamic/activation-operations";
export { ProviderSettings, providerSettingsFromConfig } from "./dynamic/stack-config";
// The resources' serialized providers, as the resource classes pass them to Pulumi (tests serialize
// them from an installed package; stored stacks never load them by name).
export { SerializedProviderState, certificateActivationProvider, certificateProvider, certificatesProvider } from "./dynamic/serialized-providers";
export { CheckFailure } from "./dynamic/props";
export { CertificatesInputs, CertificatesResourceInputs, CertificatesState, OnReadError, ReadError, ResolvedCertificatesQuery } from "./dynamic/list-inputs";

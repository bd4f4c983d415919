/**
 * `pulumi-openai-certificates/provider`: the API layer (everything of `pulumi-openai-certificates/api`)
 * plus the dynamic providers and their operations. Stacks store the serialized provider of every
 * resource, and that stored code loads this entry by name and calls the names listed in
 * `provider/dynamic/stored-provider-calls.ts` (`dynamicOperations.checkCertificates` and the rest of
 * 0.1.0's, `certificateOperations.*`, `certificateActivationOperations.*` and
 * `providerSettingsFromConfig` since 0.2.0): those names and signatures are kept in every version
 * (tests/e2e/upgrade.test.ts). Its declarations import `@pulumi/pulumi` and io-ts; for the API alone,
 * import `pulumi-openai-certificates/api`.
 */
export * from "./api";
export { CertificateCodec, toCertificate, toProject } from "./api/codecs";
export * as codecs from "./api/codecs";
export { PaginateSpec, paginate } from "./api/paginate";
export * as dynamicOperations from "./dynamic/list-operations";
export * as certificateOperations from "./dynamic/upload-operations";
export * as certificateActivationOperations from "./dynamic/activation-operations";
export { certificateActivationProvider, certificateProvider, certificatesProvider } from "./dynamic/serialized-providers";
export { ProviderSettings, providerSettingsFromConfig } from "./dynamic/stack-config";
export {
    CERTIFICATES_INPUT_NAMES,
    CertificatesInputs,
    CertificatesResourceInputs,
    OnReadError,
    ResolvedCertificatesQuery,
    UNKNOWN,
    UNKNOWN_INPUTS_PROPERTY,
    resolveCertificatesQuery,
} from "./dynamic/list-inputs";
export { queryId } from "./api/list-settings";
export { CertificatesState, ReadError } from "./dynamic/list-operations";

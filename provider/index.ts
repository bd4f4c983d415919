/**
 * `pulumi-openai-certificates/provider`: the API layer (everything of `pulumi-openai-certificates/api`)
 * plus what the dynamic provider needs and what version 0.1.0 exported from here. Stacks store the
 * serialized provider of every `Certificates` resource, and that stored code loads this entry by name
 * and calls `dynamicOperations` (`checkCertificates`, now also `checkCertificatesResource`,
 * `diffCertificates`, `createCertificates`, `updateCertificates`, `readCertificatesResource`): those
 * names and signatures are kept in every version (tests/e2e/upgrade.test.ts). Its declarations import `@pulumi/pulumi` and io-ts; for the
 * API alone, import `pulumi-openai-certificates/api`.
 */
export * from "./api";
export { CertificateCodec, toCertificate, toProject } from "./codecs";
export * as codecs from "./codecs";
export { PaginateSpec, paginate } from "./paginate";
export * as dynamicOperations from "./dynamic/certificates-operations";
export { certificatesProvider } from "./dynamic/certificates-provider";
export * as certificateOperations from "./dynamic/certificate-operations";
export * as certificateActivationOperations from "./dynamic/certificate-activation-operations";
export { certificateActivationProvider, certificateProvider } from "./dynamic/certificate-providers";
export {
    CERTIFICATES_INPUT_NAMES,
    CertificatesInputs,
    CertificatesResourceInputs,
    OnReadError,
    ResolvedCertificatesQuery,
    UNKNOWN,
    UNKNOWN_INPUTS_PROPERTY,
    queryId,
    resolveCertificatesQuery,
} from "./dynamic/certificates-inputs";
export { CertificatesState, ProviderSettings, ReadError } from "./dynamic/certificates-operations";

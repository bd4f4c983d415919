/**
 * pulumi-openai-certificates: read, upload and activate an OpenAI organization's mTLS certificates
 * in Pulumi programs, and gate deployments on their expiry.
 *
 * This module only wires and re-exports; each piece lives in its own file. Its API report is
 * api-reports/root.api.md.
 */
export { GetCertificatesArgs, GetCertificatesOutputArgs, GetCertificatesResult, getCertificates, getCertificatesOutput } from "./get-certificates";
export { CONFIG_ADMIN_API_KEY, CONFIG_ADMIN_KEY, CONFIG_ADMIN_KEY_ALIAS, CONFIG_BASE_URL, ENV_ADMIN_KEY, ENV_BASE_URL } from "./credentials";
export * from "../provider/api/errors";
export { Certificate as ListedCertificate, ClientOptions, Duration, ListCertificatesOptions, ListPage, SortOrder, certificatePages, iterateCertificates, listCertificates, listOrganizationCertificates, listProjectCertificates } from "../provider/api";
export { formatCertificateTable } from "../provider/expiry/certificate-table";
export {
    CERTIFICATE_STATES,
    CertificateState,
    CertificateToEvaluate,
    CertificatesInput,
    CertificatesToEvaluate,
    EvaluatedCertificate,
    ExpiryFinding,
    ExpiryReport,
    Severity,
    VALIDITY_SKEW_SECONDS,
    evaluateCertificateExpiry,
} from "../provider/expiry/evaluate-expiry";
export { DEFAULT_FAIL_WITHIN, DEFAULT_RENEWALS, DEFAULT_WARN_WITHIN, Exemption, ExpiryOptions, RenewalsMode } from "../provider/expiry/expiry-options";
export { CertificateExpiryError } from "./certificate-expiry-error";
export { AssertExpiryOutputOptions, ExpiryLogger, assertCertificateExpiry, assertCertificateExpiryOutput } from "./assert-expiry";
export { DEFAULT_UNKNOWN_DURING_PREVIEW, UnknownDuringPreview } from "./unknown-during-preview";
export { UnknownDuringPreviewError } from "./unknown-during-preview-error";
export { CERTIFICATES_TYPE, Certificates, CertificatesArgs } from "./list-resource";
export { CERTIFICATE_ACTIVATION_TYPE, CERTIFICATE_TYPE, Certificate, CertificateActivation, CertificateActivationArgs, CertificateArgs } from "./write-resources";
export { ActivationScope, CertificateUpload, PemCertificateDetails, UploadedCertificate, inspectPemCertificate } from "../provider/api";
export { UnsupportedRuntimeError } from "./unsupported-runtime-error";
export { OnReadError } from "../provider/dynamic/list-inputs";
export { ReadError } from "../provider/dynamic/list-inputs";
export {
    GetCertificateUsageArgs,
    GetCertificateUsageOutputArgs,
    GetCertificateUsageResult,
    getCertificateUsage,
    getCertificateUsageOutput,
} from "./get-certificate-usage";
export { CertificateUsage, DEFAULT_USAGE_CONCURRENCY, ListSettings, ListSettingsArgs, Project, ProjectAttachment, UsageProgress, UsageReadOptions } from "../provider/api";
export { CertificateQuery, HostLookup, KeyUsage, ResolvedAddress } from "../provider/api";
export { CertificateKeyFields } from "../provider/api";
export { CertificatesResourceInputs } from "../provider/dynamic/list-inputs";

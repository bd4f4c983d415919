/**
 * The API layer: HTTP, retries, pagination, codecs and errors for OpenAI's certificate endpoints.
 * It knows nothing of Pulumi. Import it as `pulumi-openai-certificates/provider` to use the client
 * from any Node program; the package root re-exports what Pulumi users need.
 */
export * from "./errors";
export { ENV_ADMIN_KEY, firstAdminKey, normalizeAdminKey } from "./admin-key";
export { Certificate, CertificateCodec, toCertificate } from "./certificate";
export {
    ClientOptions,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT_MS,
    ResolvedClientOptions,
    environmentBaseUrl,
    integerIn,
    isLoopbackHost,
    normalizeBaseUrl,
    resolveClientOptions,
} from "./client-options";
export {
    ListCertificatesOptions,
    certificatePages,
    iterateCertificates,
    listCertificates,
    listOrganizationCertificates,
    listProjectCertificates,
} from "./certificates";
export { MAX_PAGE_SIZE, SortOrder, certificateListPath, checkProjectId, orderOf, pageSizeOf } from "./certificates-query";
export { CertificateQuery, CertificatesClient, ProjectQuery, createCertificatesClient } from "./client";
export { Project, toProject } from "./project";
export { CursorTracker, DEFAULT_MAX_PAGES, PageSummary } from "./cursor";
export { ListPage, PaginateSpec, paginate } from "./paginate";
export { backoffDelayMs, planRetry, retryAfterMs, shouldRetryStatus, MAX_RETRY_AFTER_MS, RetryPlan, HeaderLookup } from "./retry";
export { redact, REDACTED } from "./redact";
export { createTransport, JsonRequest, Transport } from "./transport";
export * as codecs from "./codecs";
export { PACKAGE_VERSION } from "./version";
export { Duration, parseDurationSeconds } from "./duration";
export { GlobMatcher, compileGlob } from "./glob";
export { escapeControlCharacters, jsonForLogs, printableText } from "./text-escape";
export * as dynamicOperations from "./dynamic/certificates-operations";
export { certificatesProvider } from "./dynamic/certificates-provider";
export {
    CERTIFICATES_INPUT_NAMES,
    CertificatesInputs,
    OnReadError,
    ResolvedCertificatesQuery,
    UNKNOWN,
    UNKNOWN_INPUTS_PROPERTY,
    queryId,
    resolveCertificatesQuery,
} from "./dynamic/certificates-inputs";
export { CertificatesState, ProviderSettings, ReadError } from "./dynamic/certificates-operations";
export {
    CertificateUsage,
    CertificateUsageList,
    CertificateUsageOptions,
    DEFAULT_USAGE_CONCURRENCY,
    ProjectAttachment,
    UsageProgress,
    listCertificateUsage,
    mergeUsage,
} from "./certificate-usage";
export { LIST_SETTING_NAMES, ListSettings, ListSettingsArgs, resolveListSettings } from "./list-settings";

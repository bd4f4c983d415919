/**
 * `pulumi-openai-certificates/api`: the API layer for OpenAI's certificate endpoints, on its own.
 * HTTP, retries, pagination, errors and the organization-wide view, with no Pulumi anywhere in its
 * module graph, declarations included, and only plain TypeScript interfaces in its declarations (no
 * io-ts or fp-ts type reaches a user's compilation): use it from any Node.js program.
 *
 * @example
 * ```ts
 * import { listOrganizationCertificates } from "pulumi-openai-certificates/api";
 * const certificates = await listOrganizationCertificates({ adminKey: process.env.OPENAI_ADMIN_KEY! });
 * ```
 */
export * from "./errors";
export { ENV_ADMIN_KEY, firstAdminKey, normalizeAdminKey } from "./admin-key";
export { Certificate, UploadedCertificate } from "./certificate";
export { ActivationScope, CertificateUpload, MAX_CERTIFICATE_IDS_PER_TOGGLE } from "./certificate-writes";
export { PemCertificateDetails, inspectPemCertificate } from "./pem";
export {
    ClientOptions,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_LIST_BYTES,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT_MS,
    ResolvedClientOptions,
    environmentBaseUrl,
    isLoopbackHost,
    normalizeBaseUrl,
    resolveClientOptions,
} from "./client-options";
export { booleanIn, integerIn } from "./option-checks";
export {
    ListCertificatesOptions,
    certificatePages,
    iterateCertificates,
    listCertificates,
    listOrganizationCertificates,
    listProjectCertificates,
} from "./list-certificates";
export { MAX_PAGE_SIZE, SortOrder, certificateListPath, checkCertificateId, checkProjectId, orderOf, pageSizeOf } from "./certificates-query";
export { CertificateQuery, CertificatesClient, ProjectQuery, createCertificatesClient } from "./client";
export { Project } from "./project";
export { CursorTracker, DEFAULT_MAX_PAGES, PageSummary } from "./cursor";
export { ListByteBudget } from "./list-byte-budget";
export { backoffDelayMs, planRetry, retryAfterMs, shouldRetryStatus, MAX_RETRY_AFTER_MS, RetryPlan, HeaderLookup } from "./retry";
export { redact, REDACTED } from "./redact";
export { createTransport, JsonRequest, JsonWriteRequest, Transport } from "./transport";
export { PACKAGE_VERSION } from "./version";
export { Duration, describeSpan, describeTimeLeft, parseDurationSeconds } from "./duration";
export { GlobMatcher, compileGlob } from "./glob";
export { escapeControlCharacters, jsonForLogs, printableText } from "./text-escape";
export { HostLookup, ResolvedAddress, isLoopbackAddress, systemLookup } from "./loopback";
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
export { ListPage } from "./list-page";

/**
 * `pulumi-openai-certificates/api`: the client of OpenAI's certificate endpoints, on its own.
 * HTTP, retries, pagination, errors and the organization-wide view, with no Pulumi anywhere in its
 * module graph, declarations included, and only plain TypeScript interfaces in its declarations (no
 * io-ts or fp-ts type reaches a user's compilation): use it from any Node.js program.
 *
 * It exports what the README documents and the types those signatures name; the helpers behind them
 * (retry timing, the transport, redaction, escaping, option checks) are the package's own. Its API
 * report is api-reports/api.api.md.
 *
 * @example
 * ```ts
 * import { listOrganizationCertificates } from "pulumi-openai-certificates/api";
 * const certificates = await listOrganizationCertificates({ adminKey: process.env.OPENAI_ADMIN_KEY! });
 * ```
 */
export * from "./errors";
export { ENV_ADMIN_KEY } from "./admin-key";
export { Certificate, UploadedCertificate } from "./certificate";
export { ActivationScope, CertificateUpload, MAX_CERTIFICATE_IDS_PER_TOGGLE } from "./certificate-writes";
export { PemCertificateDetails, inspectPemCertificate } from "./pem";
export { CertificateKey, CertificateKeyFields, CertificateRetriever, ReadCertificateKeysOptions, certificateKeyOf, readCertificateKeys } from "./certificate-keys";
export { KeyUsage } from "./x509-extensions";
export { ClientOptions, DEFAULT_BASE_URL, DEFAULT_MAX_LIST_BYTES, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, ENV_BASE_URL } from "./client-options";
export { HostLookup, ResolvedAddress } from "./loopback";
export { ListCertificatesOptions, certificatePages, iterateCertificates, listCertificates, listOrganizationCertificates, listProjectCertificates } from "./list-certificates";
export { MAX_PAGE_SIZE, SortOrder } from "./certificates-query";
export { CertificateQuery, CertificatesClient, ProjectQuery, createCertificatesClient } from "./client";
export { Project } from "./project";
export { DEFAULT_MAX_PAGES } from "./cursor";
export { PACKAGE_VERSION } from "./version";
export { Duration } from "./duration";
export {
    CertificateUsage,
    CertificateUsageList,
    CertificateUsageOptions,
    DEFAULT_USAGE_CONCURRENCY,
    ProjectAttachment,
    UsageProgress,
    UsageReadOptions,
    listCertificateUsage,
} from "./certificate-usage";
export { ListSettings, ListSettingsArgs } from "./list-settings";
export { ListPage } from "./list-page";

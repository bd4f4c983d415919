import { CERTIFICATE_LIST_ARG_NAMES, CERTIFICATE_USAGE_ARG_NAMES } from "../api/data-source-reads";
import { DEFAULT_BASE_URL } from "../api/client-options";
import { PACKAGE_VERSION } from "../api/version";
import { ACTIVATION_INPUT_NAMES } from "../dynamic/activation-inputs";
import { CERTIFICATES_INPUT_NAMES } from "../dynamic/list-inputs";
import { CERTIFICATE_INPUT_NAMES } from "../dynamic/upload-inputs";
import {
    PLUGIN_CERTIFICATES_TYPE,
    PLUGIN_CERTIFICATE_ACTIVATION_TYPE,
    PLUGIN_CERTIFICATE_TYPE,
    PLUGIN_GET_CERTIFICATES,
    PLUGIN_GET_CERTIFICATE_USAGE,
    PLUGIN_PACKAGE,
} from "./tokens";

/*
 * The plugin's Pulumi package schema: what YAML checks programs against and what `pulumi package
 * gen-sdk` makes SDKs from. The names of every input and argument come from the lists the operations
 * and the TypeScript functions check (one list each); this file only types and describes them. The
 * shipped `pulumi-plugin/schema.json` is this object, written by `npm run plugin-schema` and held
 * to it by a test.
 */

type Spec = Record<string, unknown>;

const integer = (description: string): Spec => ({ type: "integer", description });
const string = (description: string): Spec => ({ type: "string", description });
const boolean = (description: string): Spec => ({ type: "boolean", description });
const arrayOf = (items: Spec, description: string): Spec => ({ type: "array", items, description });
const ref = (type: string, description: string): Spec => ({ $ref: `#/types/${PLUGIN_PACKAGE}:index:${type}`, description });

/** Every property, argument and output by name, with its type and description: names mean the same everywhere. */
const PROPERTIES: Readonly<Record<string, Spec>> = {
    baseUrl: string(`The API's base URL, ending in /v1. Else the provider's baseUrl, else OPENAI_BASE_URL (default provider only), else ${DEFAULT_BASE_URL}.`),
    projectId: string("Read (or activate in) this project instead of the organization."),
    order: string('Sort order by creation time: "asc" or "desc" (default "desc").'),
    pageSize: integer("Items per request, 1 to 100 (default 100)."),
    maxRetries: integer("Retries per request after the first attempt, for 408, 409, 429, 5xx and network errors (default 2)."),
    timeoutMs: integer("Time allowed per request, body included, in milliseconds (default 30000)."),
    maxPages: integer("Most pages read from one list before failing with a pagination_page_limit error (default 1000)."),
    namePattern: string("Keep only certificates whose name matches this glob (*, ?), such as gateway-*."),
    activeOnly: boolean("Keep only certificates active in the scope (default false)."),
    onReadError: string('When the list cannot be read: "fail" (default) fails preview and up; "warn" stores an empty list and the error in readError.'),
    allProjects: boolean("Hold the organization-wide view: every project's list is read too, and each certificate says where it is active. Not with projectId (default false)."),
    includeArchived: boolean("With the organization-wide view: read archived projects too (default false)."),
    concurrency: integer("With the organization-wide view: projects read at the same time, 1 to 64 (default 8)."),
    certificate: string("The certificate, PEM-encoded: one CA certificate with the extensions OpenAI's mutual TLS requires, nothing else (never a private key)."),
    name: string("The certificate's name in OpenAI."),
    minRemainingValidity: string('How long the certificate must still be valid to be uploaded or activated, such as "30d" (default "14d", the gate\'s failWithin); never less than the day OpenAI requires.'),
    certificateId: string("The id of the certificate, such as cert_abc."),
    id: string("A stable id of the query: organization, organization-usage or project/<projectId>."),
    certificates: arrayOf(ref("CertificateUsage", "A certificate."), "Every certificate read, in the API's order for order."),
    readAt: string("When the list was read (ISO-8601 UTC); absent when it could not be read."),
    readError: ref("ReadError", 'Why the list could not be read, when onReadError is "warn".'),
    fingerprintSha256: string("The SHA-256 fingerprint of the certificate."),
    subject: string("The certificate's subject."),
    issuer: string("The certificate's issuer."),
    validAt: integer("When the certificate becomes valid, Unix seconds."),
    expiresAt: integer("When the certificate expires, Unix seconds."),
    createdAt: integer("When the certificate was uploaded, Unix seconds."),
    certificateName: string("The activated certificate's name, as OpenAI has it."),
    certificateCreatedAt: integer("When the activated certificate was uploaded, Unix seconds."),
    scope: string('"organization" or "project".'),
    projects: arrayOf(ref("Project", "A project."), "The projects that were read."),
};

function properties(names: readonly string[]): Record<string, Spec> {
    return Object.fromEntries(
        names.map((name) => {
            const spec = PROPERTIES[name];
            if (!spec) throw new Error(`plugin schema: no type for "${name}" (provider/plugin/schema.ts)`);
            return [name, spec];
        }),
    );
}

function objectType(description: string, props: Record<string, Spec>, required: string[]): Spec {
    return { type: "object", description, properties: props, required };
}

const CERTIFICATE_FIELDS = {
    id: string("The certificate's id, such as cert_abc."),
    object: string("organization.certificate or organization.project.certificate, as the API says."),
    name: string("The name given at upload; absent when it has none."),
    active: boolean("Whether it is active in the scope it was listed in (organization or project)."),
    createdAt: integer("When it was uploaded, Unix seconds."),
    validAt: integer("When it becomes valid, Unix seconds; absent when the API does not say."),
    expiresAt: integer("When it expires, Unix seconds; absent when the API does not say."),
};
const CERTIFICATE_REQUIRED = ["id", "object", "active", "createdAt"];

/** The Certificates resource's outputs: its checked query, then what was read. */
const CERTIFICATES_OUTPUTS = [...CERTIFICATES_INPUT_NAMES, "certificates", "readAt", "readError"];
const CERTIFICATE_OUTPUTS = [...CERTIFICATE_INPUT_NAMES, "certificateId", "fingerprintSha256", "subject", "issuer", "validAt", "expiresAt", "createdAt"];
const ACTIVATION_OUTPUTS = [...ACTIVATION_INPUT_NAMES, "scope", "certificateName", "certificateCreatedAt", "validAt", "expiresAt"];

/** The schema, as an object; the plugin serves it as JSON. */
export function pluginSchema(version: string = PACKAGE_VERSION): Record<string, unknown> {
    const listOutputs = (names: readonly string[]) => properties(["id", ...names.filter((n) => n !== "projectId")]);
    return {
        name: PLUGIN_PACKAGE,
        displayName: "OpenAI certificates",
        version,
        description: "Read, upload and activate OpenAI organization mTLS certificates, and gate deployments on their expiry.",
        keywords: ["openai", "certificates", "mtls", "category/utility"],
        license: "Apache-2.0",
        config: {
            variables: {
                adminApiKey: { type: "string", secret: true, description: "An OpenAI organization admin key. Set it with `pulumi config set --secret openai-certificates:adminApiKey`; else OPENAI_ADMIN_KEY (default provider only)." },
                baseUrl: string(`The API's base URL, ending in /v1; else OPENAI_BASE_URL (default provider only), else ${DEFAULT_BASE_URL}.`),
            },
        },
        provider: {
            description: "An OpenAI organization. An explicit provider reads its key and base URL from its own properties only, never from the stack config or the environment.",
            inputProperties: {
                adminApiKey: { type: "string", secret: true, description: "The organization's admin key (required for an explicit provider)." },
                baseUrl: string(`The API's base URL, ending in /v1 (default ${DEFAULT_BASE_URL}).`),
            },
        },
        types: {
            [`${PLUGIN_PACKAGE}:index:ListedCertificate`]: objectType("A certificate as a list gives it.", CERTIFICATE_FIELDS, CERTIFICATE_REQUIRED),
            [`${PLUGIN_PACKAGE}:index:CertificateUsage`]: objectType(
                "A certificate with, in the organization-wide view, where it is active.",
                {
                    ...CERTIFICATE_FIELDS,
                    activeInOrganization: boolean("Active at the organization level (organization-wide view)."),
                    activeProjectIds: arrayOf({ type: "string" }, "Projects where it is active (organization-wide view)."),
                    activeAnywhere: boolean("Active in the organization or in any project (organization-wide view)."),
                    projects: arrayOf(ref("ProjectAttachment", "A project that lists it."), "Every project that lists it, active or not (organization-wide view)."),
                    expiryDisagreement: string("Present when two lists give it different dates: which list said what."),
                    subject: string("Its subject (RFC 4514), read once from its content when it is active (Certificates only): with publicKeySha256, what tells a renewal from a risk."),
                    publicKeySha256: string("The SHA-256 of its public key (SubjectPublicKeyInfo, hex), read with subject."),
                    contentProblem: string("Why its content could not be read or parsed, when it could not: it is then judged as if it had no successor (fail closed)."),
                },
                CERTIFICATE_REQUIRED,
            ),
            [`${PLUGIN_PACKAGE}:index:ProjectAttachment`]: objectType("A project that lists a certificate.", { id: string("The project's id."), name: string("The project's name."), active: boolean("Whether the certificate is active there.") }, ["id", "active"]),
            [`${PLUGIN_PACKAGE}:index:Project`]: objectType(
                "A project of the organization.",
                { id: string("The project's id."), name: string("The project's name."), createdAt: integer("Unix seconds."), archivedAt: integer("Unix seconds; absent for a live project."), status: string("active or archived, when the API says.") },
                ["id", "createdAt"],
            ),
            [`${PLUGIN_PACKAGE}:index:ReadError`]: objectType("A read failure, recorded when onReadError is warn.", { code: string("The error's code."), message: string("What went wrong, redacted.") }, ["code", "message"]),
        },
        resources: {
            [PLUGIN_CERTIFICATES_TYPE]: {
                description: "The certificate list of an organization or project, held in the stack: read in check, so it is known in preview and the policy pack judges it. Deleting it removes nothing from OpenAI.",
                inputProperties: properties(CERTIFICATES_INPUT_NAMES),
                properties: properties(CERTIFICATES_OUTPUTS),
                required: ["baseUrl", "order", "pageSize", "maxRetries", "timeoutMs", "maxPages", "activeOnly", "onReadError", "allProjects", "includeArchived", "concurrency", "certificates"],
            },
            [PLUGIN_CERTIFICATE_TYPE]: {
                description: "One certificate uploaded to the organization. A new PEM replaces it (created before the old one is deleted); a new name is an update in place. A PEM expired or within minRemainingValidity is refused before anything is sent.",
                inputProperties: properties(CERTIFICATE_INPUT_NAMES),
                requiredInputs: ["certificate"],
                properties: properties(CERTIFICATE_OUTPUTS),
                required: ["certificate", "certificateId", "fingerprintSha256", "subject", "issuer", "createdAt"],
            },
            [PLUGIN_CERTIFICATE_ACTIVATION_TYPE]: {
                description: "One certificate active in the organization, or in one project. Create activates, delete deactivates. A certificate expired or within minRemainingValidity is not switched on.",
                inputProperties: properties(ACTIVATION_INPUT_NAMES),
                requiredInputs: ["certificateId"],
                properties: properties(ACTIVATION_OUTPUTS),
                required: ["certificateId", "scope", "certificateCreatedAt"],
            },
        },
        functions: {
            [PLUGIN_GET_CERTIFICATES]: {
                description: "Reads every certificate of the organization (or of projectId), page by page, with the provider's key.",
                inputs: { properties: properties(CERTIFICATE_LIST_ARG_NAMES) },
                outputs: {
                    properties: { ...listOutputs(CERTIFICATE_LIST_ARG_NAMES), projectId: PROPERTIES.projectId, certificates: arrayOf(ref("ListedCertificate", "A certificate."), "Every certificate in the scope, in the API's order for order.") },
                    required: ["id", "baseUrl", "order", "pageSize", "maxRetries", "timeoutMs", "maxPages", "certificates"],
                },
            },
            [PLUGIN_GET_CERTIFICATE_USAGE]: {
                description: "The organization-wide view: every certificate, with where it is active (the organization, each project).",
                inputs: { properties: properties(CERTIFICATE_USAGE_ARG_NAMES) },
                outputs: {
                    properties: { ...listOutputs(CERTIFICATE_USAGE_ARG_NAMES), projects: PROPERTIES.projects, certificates: PROPERTIES.certificates },
                    required: ["id", "baseUrl", "order", "pageSize", "maxRetries", "timeoutMs", "maxPages", "includeArchived", "concurrency", "projects", "certificates"],
                },
            },
        },
    };
}

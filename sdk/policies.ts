/**
 * CrossGuard policies for the expiry gate. This module builds no `PolicyPack` (constructing one
 * starts a gRPC server), so programs and tests can import the policies and compose their own pack;
 * the ready pack in `policy-pack/` is one line around {@link certificatePolicies}.
 *
 * Import it as `pulumi-openai-certificates/policies` (it needs `@pulumi/policy`).
 */
import * as t from "io-ts";
import { isLeft } from "fp-ts/lib/Either";
import type { EnforcementLevel, PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CertificateCodec } from "../provider/codecs";
import { InvalidArgumentError, OpenAICertificatesError } from "../provider/api";
import { validationIssues } from "../provider/decode";
import { escapeControlCharacters } from "../provider/text-escape";
import { CERTIFICATES_TYPE } from "./certificates-resource";
import { ExpiryReport, Severity, evaluateCertificateExpiry } from "./evaluate-expiry";
import { DEFAULT_FAIL_WITHIN, DEFAULT_WARN_WITHIN, ExpiryOptions, parseIsoInstant } from "./expiry-options";
import { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME } from "./policy-names";

export { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME };

/** What each policy takes from `--policy-pack-config`; both take the same, so one file sets both alike. */
export interface CertificatePolicyConfig {
    warnWithin?: string | number;
    failWithin?: string | number;
    includeInactive?: boolean;
    failOnUnknown?: boolean;
    exemptions?: ExpiryOptions["exemptions"];
    /** Evaluate as of this ISO time instead of now (for tests and dry runs). */
    now?: string;
}

const duration: PolicyConfigSchema["properties"][string] = { type: ["string", "number"], description: 'A span such as "30d", "36h" or "1d12h" (units s, m, h, d, w, lower case), or a number of days.' };

/** The JSON Schema of {@link CertificatePolicyConfig}; the engine fills these defaults. */
export const certificatePolicyConfigSchema: PolicyConfigSchema = {
    properties: {
        warnWithin: { ...duration, default: DEFAULT_WARN_WITHIN },
        failWithin: { ...duration, default: DEFAULT_FAIL_WITHIN },
        includeInactive: { type: "boolean", default: false, description: "Judge inactive certificates too." },
        failOnUnknown: { type: "boolean", default: false, description: "Fail on a certificate with no expiry date." },
        exemptions: {
            type: "array",
            default: [],
            items: {
                type: "object",
                properties: { id: { type: "string" }, name: { type: "string" }, reason: { type: "string" }, until: { type: "string" } },
                required: ["reason", "until"],
            },
        },
        now: { type: "string", description: "ISO time to judge against instead of the current time." },
    },
};

const CertificateList = t.array(CertificateCodec);

/**
 * Evaluates one `Certificates` resource's checked inputs. Exported for tests and custom packs.
 * Returns the violations to report at one severity; data that cannot be judged is a `fail`. Each
 * violation is one line with control characters escaped: names and read errors come from the API.
 */
export function certificateViolations(props: Record<string, unknown>, config: CertificatePolicyConfig, severity: "fail" | "warn"): string[] {
    return violationsOf(props, config, severity).map(escapeControlCharacters);
}

function violationsOf(props: Record<string, unknown>, config: CertificatePolicyConfig, severity: "fail" | "warn"): string[] {
    const readError = props.readError as { code?: string; message?: string } | undefined;
    if (readError) {
        // The user chose onReadError: "warn" on the resource: honour that choice, loudly.
        return severity === "warn" ? [`the certificate list could not be read (${readError.code}): ${readError.message}. Nothing was checked.`] : [];
    }
    const decoded = CertificateList.decode(props.certificates);
    if (isLeft(decoded)) {
        if (severity === "warn") return [];
        const where = validationIssues(decoded.left).slice(0, 3).map((i) => `${i.path || "certificates"}: expected ${i.expected}`);
        return [`has no readable certificate data (${where.join("; ")}); failing closed.`];
    }
    let report: ExpiryReport;
    try {
        const { now, ...options } = config;
        report = evaluateCertificateExpiry(decoded.right, { ...options, ...(now !== undefined ? { now: parseIsoInstant(now, "now") } : {}) });
    } catch (error) {
        if (severity === "warn") return [];
        const reason = error instanceof OpenAICertificatesError ? error.message : String(error);
        // The list was decoded above with the evaluation's own codec, so a refusal here is about the
        // configuration; should the two ever drift apart, the message must not blame the wrong one.
        if (error instanceof InvalidArgumentError && error.argument.startsWith("certificates")) return [`has unreadable certificate data (${reason}); failing closed.`];
        return [`cannot be checked because the policy configuration is invalid: ${reason}`];
    }
    return report.findings.filter((f) => f.severity === (severity as Severity)).map((f) => f.message);
}

function certificatesPolicy(name: string, severity: "fail" | "warn", enforcementLevel: EnforcementLevel, description: string): ResourceValidationPolicy {
    return {
        name,
        description,
        enforcementLevel,
        configSchema: certificatePolicyConfigSchema,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (args.type !== CERTIFICATES_TYPE) return;
            for (const message of certificateViolations(args.props, args.getConfig<CertificatePolicyConfig>(), severity)) {
                reportViolation(escapeControlCharacters(`Certificates resource "${args.name}": ${message}`), args.urn);
            }
        },
    };
}

/** Mandatory: fails preview and up on expired, near-expiry (within `failWithin`) and not-yet-valid active certificates. */
export const certificateExpiryPolicy = certificatesPolicy(
    EXPIRY_POLICY_NAME,
    "fail",
    "mandatory",
    "Active OpenAI mTLS certificates must not expire within failWithin (default 14 days); data that cannot be read fails closed.",
);

/** Advisory: warns on certificates expiring within `warnWithin` (default 30 days) and on unknown expiries. */
export const certificateExpiryWarningPolicy = certificatesPolicy(
    EXPIRY_WARNING_POLICY_NAME,
    "warn",
    "advisory",
    "Warns when an active OpenAI mTLS certificate expires within warnWithin (default 30 days).",
);

/** Both policies, ready for `new PolicyPack("...", { policies: certificatePolicies })`. */
export const certificatePolicies: ResourceValidationPolicy[] = [certificateExpiryPolicy, certificateExpiryWarningPolicy];

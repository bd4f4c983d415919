/**
 * CrossGuard policies for the expiry gate. This module builds no `PolicyPack` (constructing one
 * starts a gRPC server), so programs and tests can import the policies and compose their own pack;
 * the ready pack in `policy-pack/` is one line around {@link certificatePolicies}.
 *
 * Import it as `pulumi-openai-certificates/policies` (it needs `@pulumi/policy`).
 */
import * as t from "io-ts";
import { isLeft } from "fp-ts/lib/Either";
import { UnknownValueError } from "@pulumi/policy";
import type { EnforcementLevel, PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CertificateCodec } from "../provider/api/codecs";
import { InvalidArgumentError } from "../provider/api/errors/argument-error";
import { OpenAICertificatesError } from "../provider/api/errors/base";
import { CERTIFICATES_INPUT_NAMES, UNKNOWN, UNKNOWN_INPUTS_PROPERTY } from "../provider/dynamic/list-inputs";
import { validationIssues } from "../provider/api/decode";
import { escapeControlCharacters } from "../provider/api/text-escape";
import { assertKnownKeys } from "../provider/api/arguments";
import { CERTIFICATES_TYPE } from "./list-resource";
import { CERTIFICATE_ACTIVATION_TYPE } from "./write-resources";
import { PLUGIN_CERTIFICATES_TYPE, PLUGIN_CERTIFICATE_ACTIVATION_TYPE } from "../provider/plugin/tokens";

/** The `Certificates` resource's tokens: the dynamic resource's, and the provider plugin's (any language). */
const CERTIFICATES_TYPES: readonly string[] = [CERTIFICATES_TYPE, PLUGIN_CERTIFICATES_TYPE];
/** The `CertificateActivation` resource's tokens: the dynamic resource's, and the provider plugin's. */
const ACTIVATION_TYPES: readonly string[] = [CERTIFICATE_ACTIVATION_TYPE, PLUGIN_CERTIFICATE_ACTIVATION_TYPE];
import { ExpiryReport, Severity, evaluateCertificateExpiry } from "../provider/expiry/evaluate-expiry";
import { DEFAULT_FAIL_WITHIN, DEFAULT_RENEWALS, DEFAULT_WARN_WITHIN, ExpiryOptions, RENEWALS_MODES, RenewalsMode, parseIsoInstant } from "../provider/expiry/expiry-options";
import { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME } from "../provider/expiry/policy-names";
import { DEFAULT_MAX_DATA_AGE, DataAge, READ_AT_PROPERTY, judgeDataAge, maxDataAgeSeconds, staleDataMessage } from "../provider/expiry/data-age";
import { DEFAULT_UNKNOWN_DURING_PREVIEW, UNKNOWN_DURING_PREVIEW_CHOICES, UnknownDuringPreview, unknownDuringPreviewOf } from "./unknown-during-preview";

export { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME };
// The types that the policies' signatures name.
export type { ExpiryOptions, RenewalsMode, UnknownDuringPreview };
export type { Exemption } from "../provider/expiry/expiry-options";
export type { Duration } from "../provider/api/duration";

/** What each policy takes from `--policy-pack-config`; both take the same, so one file sets both alike. */
export interface CertificatePolicyConfig {
    warnWithin?: string | number;
    failWithin?: string | number;
    includeInactive?: boolean;
    failOnUnknown?: boolean;
    exemptions?: ExpiryOptions["exemptions"];
    /** Evaluate as of this ISO time instead of now (for tests and dry runs). */
    now?: string;
    /**
     * A resource whose certificates are not known during preview (an input comes from a resource the
     * update creates): `"fail"` makes it a mandatory violation; `"defer"` an advisory one, and the
     * resource is judged in the update once the input is known. Set it the same in both policies.
     * @default "fail"
     */
    unknownDuringPreview?: UnknownDuringPreview;
    /**
     * How old a `Certificates` resource's list may be, counted from its `readAt` to `now` (a duration
     * such as "7d", or a number of days). Older data is a mandatory violation: `pulumi policy analyze`
     * judges the list stored at the last update or refresh, and stale data is unjudged data. Data
     * exactly this old is still judged. A list read in the same preview or update is fresh, unless
     * `now` is set that far past it.
     * @default "7d"
     */
    maxDataAge?: string | number;
    /**
     * What a renewal is worth (see `ExpiryOptions.renewals`): `"pass"` (a certificate renewed by a
     * same-subject, same-key successor neither warns nor fails, except once expired), `"warn"`, or
     * `"judge"` (no renewal detection). Judged from the subject and key hash the resource stored: the
     * policy makes no request. The advisory policy lists each renewal.
     * @default "pass"
     */
    renewals?: RenewalsMode;
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
        maxDataAge: {
            ...duration,
            default: DEFAULT_MAX_DATA_AGE,
            description: "How old a Certificates resource's list may be (from its readAt to now) before the mandatory policy fails closed on it; data read in the same preview or update is fresh.",
        },
        renewals: {
            type: "string",
            enum: [...RENEWALS_MODES],
            default: DEFAULT_RENEWALS,
            description:
                'A certificate renewed by another active where it is, with the same subject and public key and outside failWithin: "pass" (neither warns nor fails, except once expired), "warn", or "judge" (judged as any certificate).',
        },
        unknownDuringPreview: {
            type: "string",
            enum: [...UNKNOWN_DURING_PREVIEW_CHOICES],
            default: DEFAULT_UNKNOWN_DURING_PREVIEW,
            description: 'Certificates not known during preview (an input comes from a resource the update creates): "fail" stops the preview, "defer" warns and judges them in the update. Set it the same in both policies.',
        },
    },
};

const CertificateList = t.array(CertificateCodec);

/**
 * Evaluates one `Certificates` resource's checked inputs. Exported for tests and custom packs.
 * Returns the violations to report at one severity; data that cannot be judged is a `fail` (data
 * unknown during preview is a `warn` instead with `unknownDuringPreview: "defer"`). Each violation
 * is one line with control characters escaped: names and read errors come from the API.
 */
export function certificateViolations(props: Record<string, unknown>, config: CertificatePolicyConfig, severity: "fail" | "warn"): string[] {
    return listViolations(props, config, severity, "list");
}

/**
 * What is judged: a `Certificates` resource's list (with the scope it was read from and the data's
 * age), or the one certificate a `CertificateActivation` read by id (neither).
 */
type Judged = "list" | "activation";

/** {@link certificateViolations} for a list or an activation's certificate. */
function listViolations(props: Record<string, unknown>, config: CertificatePolicyConfig, severity: "fail" | "warn", judged: Judged): string[] {
    let violations: string[];
    try {
        violations = violationsOf(props, config, severity, judged);
    } catch (error) {
        // An unknown value deeper than the properties unknownData reads (an element of the list):
        // still never a pass. The mode was checked before any data was read.
        if (!isUnknownValueError(error)) throw error;
        violations = unknownViolations({ inputs: [] }, unknownDuringPreviewOf(config.unknownDuringPreview), severity);
    }
    return violations.map(escapeControlCharacters);
}

function violationsOf(props: Record<string, unknown>, config: CertificatePolicyConfig, severity: "fail" | "warn", judged: Judged): string[] {
    const { unknownDuringPreview, now, maxDataAge, enforcementLevel: _level, ...options } = config as CertificatePolicyConfig & { enforcementLevel?: unknown };
    void _level; // CrossGuard's own key: the engine reads it, the policy does not
    let mode: UnknownDuringPreview;
    let clock: Date;
    let maxAgeSeconds: number;
    try {
        // Every key the configuration takes, so a typo's message lists them all.
        assertKnownKeys(config, [...Object.keys(certificatePolicyConfigSchema.properties), "enforcementLevel"], "the policy configuration");
        mode = unknownDuringPreviewOf(unknownDuringPreview);
        maxAgeSeconds = maxDataAgeSeconds(maxDataAge);
        // One clock for the data's age and the evaluation: `now` moves both.
        clock = now !== undefined ? parseIsoInstant(now, "now") : new Date();
    } catch (error) {
        return severity === "fail" ? [`cannot be checked because the policy configuration is invalid: ${(error as Error).message}`] : [];
    }
    const unknown = unknownData(props);
    if (unknown) return unknownViolations(unknown, mode, severity);
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
    // A list that was read, but when? Unknown or too old, it is not judged.
    let age: Extract<DataAge, { kind: "fresh" }> | undefined;
    if (judged === "list") {
        const judgedAge = judgeDataAge(readGuarded(props, READ_AT_PROPERTY).value, clock, maxAgeSeconds);
        if (judgedAge.kind === "unknown") return severity === "fail" ? [judgedAge.reason] : [];
        if (judgedAge.kind === "stale") return severity === "fail" ? [staleDataMessage(judgedAge, maxAgeSeconds)] : [];
        age = judgedAge;
    }
    let report: ExpiryReport;
    try {
        report = evaluateCertificateExpiry(decoded.right, { ...options, now: clock });
    } catch (error) {
        if (severity === "warn") return [];
        const reason = error instanceof OpenAICertificatesError ? error.message : String(error);
        // The list was decoded above with the evaluation's own codec, so a refusal here is about the
        // configuration; should the two ever drift apart, the message must not blame the wrong one.
        if (error instanceof InvalidArgumentError && error.argument.startsWith("certificates")) return [`has unreadable certificate data (${reason}); failing closed.`];
        return [`cannot be checked because the policy configuration is invalid: ${reason}`];
    }
    // The advisory policy also says which certificates an exemption or a renewal let through, and
    // until when: otherwise they are invisible in Pulumi's policy output.
    // Then how old the list is and which scope it covers: what a reader needs to trust a verdict.
    const context = judged === "list" ? ` ${age?.sentence} ${scopeRead(props)}` : "";
    return report.findings.filter((f) => f.severity === (severity as Severity) || (severity === "warn" && (f.state === "exempted" || f.state === "renewed"))).map((f) => `${f.message}${context}`);
}

/**
 * Which list the resource read, said after each finding (issue 23, item 8): the resource's default
 * is the organization's own list, which cannot see a certificate active only in a project, and a
 * reader of the violation should know what was and was not looked at.
 */
function scopeRead(props: Record<string, unknown>): string {
    if (props.allProjects === true) return "Scope read: the organization and every project.";
    if (typeof props.projectId === "string") return `Scope read: project ${props.projectId}.`;
    return "Scope read: the organization's own list only (allProjects: true also judges certificates active only in a project).";
}

/**
 * Evaluates one `CertificateActivation` resource's checked inputs: the certificate it switches on,
 * with the expiry its `check` read from OpenAI, judged as an active certificate with the policy's
 * own thresholds and exemptions. An activation whose certificate id is not known yet (created in the
 * same update) carries no expiry in preview: it is judged when `check` runs again in the update, and
 * its own `minRemainingValidity` refuses it before anything is sent. Exported for tests and custom packs.
 */
export function activationViolations(props: Record<string, unknown>, config: CertificatePolicyConfig, severity: "fail" | "warn"): string[] {
    const certificateId = readGuarded(props, "certificateId");
    const expiresAt = readGuarded(props, "expiresAt");
    if (!certificateId.known || !expiresAt.known || typeof certificateId.value !== "string" || expiresAt.value === undefined) return [];
    const name = readGuarded(props, "certificateName").value;
    const certificate = {
        id: certificateId.value,
        object: "organization.certificate",
        name: typeof name === "string" ? name : null,
        active: true,
        createdAt: readGuarded(props, "certificateCreatedAt").value,
        expiresAt: expiresAt.value,
        ...(readGuarded(props, "validAt").value !== undefined ? { validAt: readGuarded(props, "validAt").value } : {}),
    };
    // One certificate, read by id: there is no list scope to name.
    return listViolations({ certificates: [certificate] }, config, severity, "activation");
}

/** What could not be read of a resource during preview: the inputs that are unknown, by name. */
interface UnknownData {
    inputs: string[];
}

/**
 * Whether the resource's data is unknown (during preview), and which inputs are. The policy host
 * hands policies a proxy that throws @pulumi/policy's `UnknownValueError` when an unknown value is
 * read, and turns an escaped one into an advisory "can't run policy": a gate that let it escape would
 * pass what it never judged. So every read here is guarded, the names come first from the list that
 * `check` records as known data (`unknownInputs`), and the raw sentinel counts too (custom packs and
 * tests pass plain objects).
 */
function unknownData(props: Record<string, unknown>): UnknownData | undefined {
    const listed = readGuarded(props, UNKNOWN_INPUTS_PROPERTY);
    const names = new Set<string>(Array.isArray(listed.value) ? CERTIFICATES_INPUT_NAMES.filter((name) => (listed.value as unknown[]).includes(name)) : []);
    for (const name of CERTIFICATES_INPUT_NAMES) if (!readGuarded(props, name).known) names.add(name);
    const dataUnknown = !readGuarded(props, "certificates").known || !readGuarded(props, "readError").known;
    if (names.size === 0 && !dataUnknown) return undefined;
    return { inputs: CERTIFICATES_INPUT_NAMES.filter((name) => names.has(name)) };
}

function readGuarded(props: Record<string, unknown>, key: string): { known: boolean; value?: unknown } {
    try {
        const value = props[key];
        return value === UNKNOWN ? { known: false } : { known: true, value };
    } catch (error) {
        if (isUnknownValueError(error)) return { known: false };
        throw error;
    }
}

// By class, and by shape for a second copy of @pulumi/policy in the project (its own class).
function isUnknownValueError(error: unknown): boolean {
    if (error instanceof UnknownValueError) return true;
    const e = error as { props?: unknown; unknownTypeSentinel?: unknown } | null;
    return typeof e === "object" && e !== null && Array.isArray(e.props) && typeof e.unknownTypeSentinel === "string";
}

function unknownViolations(unknown: UnknownData, mode: UnknownDuringPreview, severity: "fail" | "warn"): string[] {
    const names = unknown.inputs.map((name) => `"${name}"`).join(" and ");
    const what =
        unknown.inputs.length === 0
            ? "its certificate list is not known during preview"
            : `input${unknown.inputs.length > 1 ? "s" : ""} ${names} ${unknown.inputs.length > 1 ? "are" : "is"} not known during preview (computed by a resource that this update creates or changes)`;
    if (mode === "fail" && severity === "fail") {
        return [
            `${what}, so its certificates cannot be read or judged; failing closed. To proceed, create that resource in an ` +
                "earlier update (`pulumi up --target` with its URN), or set unknownDuringPreview to \"defer\" in the policy pack " +
                `config (for ${EXPIRY_POLICY_NAME} and ${EXPIRY_WARNING_POLICY_NAME}) to judge the certificates in the update, once known.`,
        ];
    }
    if (mode === "defer" && severity === "warn") {
        return [`${what}, so its certificates are not judged in this preview; they are judged in the update, once known (unknownDuringPreview: "defer").`];
    }
    return [];
}

function certificatesPolicy(name: string, severity: "fail" | "warn", enforcementLevel: EnforcementLevel, description: string): ResourceValidationPolicy {
    return {
        name,
        description,
        enforcementLevel,
        configSchema: certificatePolicyConfigSchema,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (ACTIVATION_TYPES.includes(args.type)) {
                for (const message of activationViolations(args.props, args.getConfig<CertificatePolicyConfig>(), severity)) {
                    reportViolation(escapeControlCharacters(`CertificateActivation "${args.name}": ${message}`), args.urn);
                }
                return;
            }
            if (!CERTIFICATES_TYPES.includes(args.type)) return;
            // A new resource left out of `pulumi up --target ...` is not created, and the engine
            // sends it without calling check, with the old inputs it does not have: no properties at
            // all (pkg/resource/deploy/step_generator.go). Judging that as unreadable data would
            // block the very way out the unknown-input message suggests; it is judged when it is
            // part of an update. Anything our check returned has properties, even when it failed.
            if (Object.keys(args.props).length === 0) {
                if (typeof args.notApplicable === "function") args.notApplicable("not part of this operation (left out by --target): judged when it is created");
                return;
            }
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
    `Active OpenAI mTLS certificates must not expire within the configured failWithin (${DEFAULT_FAIL_WITHIN} unless set); each violation names the threshold it used; data that cannot be read fails closed.`,
);

/** Advisory: warns on certificates expiring within `warnWithin` (default {@link DEFAULT_WARN_WITHIN}) and on unknown expiries. */
export const certificateExpiryWarningPolicy = certificatesPolicy(
    EXPIRY_WARNING_POLICY_NAME,
    "warn",
    "advisory",
    `Warns when an active OpenAI mTLS certificate expires within the configured warnWithin (${DEFAULT_WARN_WITHIN} unless set), and lists the certificates an exemption or a renewal lets through.`,
);

/** Both policies, ready for `new PolicyPack("...", { policies: certificatePolicies })`. */
export const certificatePolicies: ResourceValidationPolicy[] = [certificateExpiryPolicy, certificateExpiryWarningPolicy];

import { createHash } from "crypto";
import type * as Sarif from "sarif";
import { InvalidArgumentError } from "../../provider/api/errors/argument-error";
import { jsonForLogs } from "../../provider/api/text-escape";
import type { ExpiryFinding } from "../../provider/expiry/evaluate-expiry";
import { describeSpan } from "../../provider/api/duration";
import { isoFromUnixSeconds as iso } from "../../provider/api/iso-time";
import { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME } from "../../provider/expiry/policy-names";
import { CheckOutcome, Scope, TOOL, describeScope, weightOf } from "./check-outcome";

/** Where results point when `--sarif-file-location` is not given: the Pulumi project file. */
export const DEFAULT_SARIF_FILE_LOCATION = "Pulumi.yaml";

/**
 * The SARIF 2.1.0 log of `openai-certs check --format sarif`, for GitHub code scanning
 * (`github/codeql-action/upload-sarif`) and any other SARIF reader.
 *
 * - One rule per policy of the gate: `openai-certificate-expiry` (error) and
 *   `openai-certificate-expiry-warning` (warning), as the CrossGuard pack names them.
 * - One result per finding that blocks, warns or is exempted, with `level` `error`, `warning` or
 *   `note` by how it weighs on this run's gate (a warning under `--fail-on-warn` is an error). An
 *   exempted certificate's result carries the exemption as an accepted external suppression, and a
 *   renewed one (that passes) its renewal, naming the successor.
 * - Every result has a location, `artifactUri` line 1 (code scanning refuses results without one),
 *   and a partial fingerprint from the certificate id: every result shares the one location, and
 *   without a fingerprint of its own code scanning would merge them into one alert.
 * - When nothing could be checked (exit 3), the invocation says `executionSuccessful: false` with
 *   the reason, and one error result under the expiry policy (which fails closed on data it cannot
 *   read) says the same: an upload with no result would close every open alert as fixed.
 *
 * @param artifactUri - the repository file results point at, as {@link sarifArtifactUri} makes it
 * @example
 * ```ts
 * fs.writeFileSync("certificates.sarif", sarifCheckReport(outcome, sarifArtifactUri("infra/Pulumi.yaml")));
 * ```
 */
export function sarifCheckReport(outcome: CheckOutcome, artifactUri: string = DEFAULT_SARIF_FILE_LOCATION): string {
    return `${jsonForLogs(JSON.stringify(sarifCheckLog(outcome, artifactUri), null, 2))}\n`;
}

/** The SARIF log of {@link sarifCheckReport} as an object. */
export function sarifCheckLog(outcome: CheckOutcome, artifactUri: string = DEFAULT_SARIF_FILE_LOCATION): Sarif.Log {
    const location: Sarif.Location = { physicalLocation: { artifactLocation: { uri: artifactUri }, region: { startLine: 1 } } };
    const at = outcome.kind === "checked" ? outcome.report.evaluatedAt : outcome.evaluatedAt;
    const invocation: Sarif.Invocation = {
        executionSuccessful: outcome.kind === "checked",
        exitCode: outcome.exitCode,
        exitCodeDescription: outcome.summary,
        endTimeUtc: iso(at),
    };
    let results: Sarif.Result[];
    if (outcome.kind === "unchecked") {
        invocation.toolExecutionNotifications = [{ level: "error", message: { text: outcome.summary }, descriptor: { id: outcome.error.code ?? outcome.error.name } }];
        results = [
            {
                ruleId: EXPIRY_POLICY_NAME,
                ruleIndex: 0,
                level: "error",
                message: { text: outcome.summary },
                locations: [location],
                partialFingerprints: { [FINGERPRINT]: fingerprint(`unchecked:${scopeKey(outcome.scope)}`) },
                properties: { checked: false, error: outcome.error },
            },
        ];
    } else {
        results = [];
        for (const f of outcome.report.findings) {
            const weight = weightOf(f, outcome.failOnWarn);
            if (weight === "passes") continue;
            const warningRule = f.severity === "warn";
            const result: Sarif.Result = {
                ruleId: warningRule ? EXPIRY_WARNING_POLICY_NAME : EXPIRY_POLICY_NAME,
                ruleIndex: warningRule ? 1 : 0,
                level: weight === "blocks" ? "error" : weight === "warns" ? "warning" : "note",
                message: { text: weight === "blocks" && warningRule ? `${f.message} Warnings are not allowed (--fail-on-warn).` : f.message },
                locations: [location],
                partialFingerprints: { [FINGERPRINT]: fingerprint(f.id) },
                properties: findingProperties(f),
            };
            if (f.state === "exempted" && f.exemption) result.suppressions = [{ kind: "external", status: "accepted", justification: `${f.exemption.reason} (until ${f.exemption.until})` }];
            // A renewal that passes is suppressed, with the successor as its reason; one that warns (expired) is not.
            if (f.state === "renewed" && f.renewedBy && weight === "notes") result.suppressions = [{ kind: "external", status: "accepted", justification: renewalJustification(f.renewedBy) }];
            results.push(result);
        }
    }
    const thresholds = outcome.kind === "checked" ? outcome.report.thresholds : undefined;
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version, rules: rules(thresholds) } },
                // Code scanning keeps one analysis per category: checks of different scopes must not replace each other.
                automationDetails: { id: `${TOOL.name}/${scopeKey(outcome.scope)}/` },
                invocations: [invocation],
                results,
                // Skipped certificates are no results (code scanning would open an alert for each): the run
                // lists them with the reason, so that this format too says why each was not judged.
                properties: { scope: outcome.scope ?? null, scopeDescription: describeScope(outcome.scope), evaluatedAt: at, summary: outcome.summary, ...(thresholds ? { thresholds } : {}), ...(outcome.kind === "checked" ? { skipped: skippedList(outcome.report.findings) } : {}) },
            },
        ],
    };
}

/**
 * `--sarif-file-location` as the artifact URI of every result: a path relative to the repository
 * root, with `/` between folders, each segment percent-encoded (a space or a `#` is not allowed raw
 * in a URI). Absolute paths, `..` and URLs are refused: code scanning matches results to files of
 * the repository, so a path outside it would be dropped.
 *
 * @example
 * ```ts
 * sarifArtifactUri("infra\\my stack/Pulumi.yaml"); // "infra/my%20stack/Pulumi.yaml"
 * ```
 */
export function sarifArtifactUri(path: string): string {
    const refuse = (why: string) => new InvalidArgumentError("--sarif-file-location", `${why}, got ${JSON.stringify(path)}`);
    const segments = path.replace(/\\/g, "/").split("/").filter((s, i) => !(s === "." || (s === "" && i > 0)));
    if (path.trim() === "" || segments.length === 0) throw refuse("must name a file of the repository");
    if (segments[0] === "" || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(segments[0])) throw refuse("must be a path relative to the repository root, not an absolute path or a URL");
    if (segments.includes("..")) throw refuse("must stay inside the repository (no ..)");
    return segments.map(encodeURIComponent).join("/");
}

/** The skipped findings, each with the message that says why (its scope's note included). */
function skippedList(findings: readonly ExpiryFinding[]): { id: string; name: string | null; reason: string }[] {
    return findings.filter((f) => f.state === "skipped").map((f) => ({ id: f.id, name: f.name, reason: f.message }));
}

const FINGERPRINT = "openaiCertificateId/v1";

/** A stable, opaque fingerprint: the same certificate gives the same one in every run. */
function fingerprint(key: string): string {
    return createHash("sha256").update(key).digest("hex");
}

function scopeKey(scope: Scope | undefined): string {
    if (scope === undefined) return "check";
    return scope.type === "project" ? `project/${encodeURIComponent(scope.projectId)}` : scope.type;
}

function findingProperties(f: ExpiryFinding): Record<string, unknown> {
    return {
        certificateId: f.id,
        certificateName: f.name,
        state: f.state,
        active: f.active,
        ...(f.expiresAt !== undefined ? { expiresAt: iso(f.expiresAt), daysRemaining: f.daysRemaining } : {}),
        ...(f.projects ? { projects: f.projects } : {}),
        ...(f.exemption ? { exemption: f.exemption } : {}),
        ...(f.renewedBy ? { renewedBy: { ...f.renewedBy, expiresAt: iso(f.renewedBy.expiresAt) } } : {}),
    };
}

function renewalJustification(successor: NonNullable<ExpiryFinding["renewedBy"]>): string {
    return `Renewed by ${successor.name ?? "(unnamed)"} (${successor.id}), active with the same subject and public key until ${iso(successor.expiresAt)}: client certificates verify against it.`;
}

function rules(thresholds: { failWithinSeconds: number; warnWithinSeconds: number } | undefined): Sarif.ReportingDescriptor[] {
    const fail = thresholds ? describeSpan(thresholds.failWithinSeconds) : "failWithin";
    const warn = thresholds ? describeSpan(thresholds.warnWithinSeconds) : "warnWithin";
    const rotate = "Upload a replacement certificate to the OpenAI organization, activate it where the old one is active, then deactivate the old one. If the certificate is being retired, add a time-limited exemption (`--exemptions`) with the reason.";
    return [
        {
            id: EXPIRY_POLICY_NAME,
            name: "OpenAICertificateExpiry",
            shortDescription: { text: "An active OpenAI mTLS certificate is expired, expires soon, or is not yet valid." },
            fullDescription: {
                text: `Active OpenAI mTLS certificates must not be expired, expire within ${fail}, or be active before their validity starts (clients using such a certificate are refused), nor, with --fail-on-unknown, have no expiry date. Certificate data that cannot be read fails this check.`,
            },
            help: { text: rotate, markdown: rotate },
            defaultConfiguration: { level: "error" },
            properties: { tags: ["mtls", "certificate-expiry", "openai"], precision: "very-high", "problem.severity": "error" },
        },
        {
            id: EXPIRY_WARNING_POLICY_NAME,
            name: "OpenAICertificateExpiryWarning",
            shortDescription: { text: "An active OpenAI mTLS certificate expires within the warning threshold, or has no expiry date." },
            fullDescription: { text: `Warns when an active OpenAI mTLS certificate expires within ${warn}, so that it can be replaced before the check starts failing, or when the API gives it no expiry date.` },
            help: { text: rotate, markdown: rotate },
            defaultConfiguration: { level: "warning" },
            properties: { tags: ["mtls", "certificate-expiry", "openai"], precision: "very-high", "problem.severity": "warning" },
        },
    ];
}


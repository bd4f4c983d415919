import { PACKAGE_VERSION } from "../../provider/api/version";
import type { CertificateState, CertificateToEvaluate, ExpiryFinding, ExpiryReport } from "../../provider/expiry/evaluate-expiry";
import { summarizeExpiry } from "../../provider/expiry/expiry-wording";
import { isoFromUnixSeconds } from "../../provider/api/iso-time";
import { EXIT } from "../exit-codes";

/**
 * What was read: the organization-wide view (`all-projects`, the default: the organization and every
 * project), the organization's own list only (`--organization-only`), or one project (`--project`).
 * `projects` (how many projects were read) is known once the view has been read; a run that could
 * not read it has none.
 */
export type Scope = { type: "organization" } | { type: "project"; projectId: string } | { type: "all-projects"; projects?: number };

/** The command and version that wrote a report. */
export const TOOL = { name: "openai-certs", version: PACKAGE_VERSION } as const;

/** A check that read the certificates and judged them: every format reports the findings. */
export interface CheckedRun {
    readonly kind: "checked";
    readonly report: ExpiryReport;
    readonly scope: Scope;
    /** What the command exits with: 0, 1 (warnings with `--fail-on-warn`) or 2. */
    readonly exitCode: number;
    readonly failOnWarn: boolean;
    /** The gate's one-line verdict: the report's summary, unless `--fail-on-warn` turned warnings into a failure. */
    readonly summary: string;
    /** The certificates as read, for what findings do not carry (the timeline's `validAt`). */
    readonly certificates: readonly CertificateToEvaluate[];
}

/**
 * A check that could not read or judge the certificates (exit 3). Every format says so: a report
 * that is empty, or holds no failure, is what a CI system reads as "all clear".
 */
export interface UncheckedRun {
    readonly kind: "unchecked";
    /** What was asked for, when the arguments got that far. */
    readonly scope?: Scope;
    /** Unix seconds: `--now`, or when the run gave up. */
    readonly evaluatedAt: number;
    readonly exitCode: typeof EXIT.UNCHECKED;
    /** Why, with the admin key redacted; the message is the command's one error line, not yet escaped. */
    readonly error: { readonly name: string; readonly code?: string; readonly message: string };
    /** One line: "Certificate expiry check could not run: ...". */
    readonly summary: string;
}

/** Either outcome of `openai-certs check`. */
export type CheckOutcome = CheckedRun | UncheckedRun;

/** The verdict under `--fail-on-warn` when there were warnings and nothing worse (issue 16, item 8). */
export const WARNINGS_NOT_ALLOWED = "failed: warnings are not allowed (--fail-on-warn)";

/**
 * The command's exit code for a report: 2 when the evaluation failed, 1 for warnings under
 * `--fail-on-warn`, else 0. The one home of this rule; every format's verdict follows it.
 */
export function gateExitCode(report: ExpiryReport, failOnWarn: boolean): number {
    if (!report.passed) return EXIT.FAILED;
    return failOnWarn && report.findings.some((f) => f.severity === "warn") ? EXIT.WARNINGS : EXIT.PASSED;
}

/**
 * A checked run, its exit code and verdict derived from the report and `--fail-on-warn`. A skipped
 * finding's message gains what the scope makes of it ({@link skipNote}), so that every format that
 * shows messages says why it was skipped and what would judge it.
 */
export function checkedRun(report: ExpiryReport, scope: Scope, failOnWarn: boolean, certificates: readonly CertificateToEvaluate[]): CheckedRun {
    const exitCode = gateExitCode(report, failOnWarn);
    const summary = exitCode === EXIT.WARNINGS ? summarizeExpiry(report, WARNINGS_NOT_ALLOWED) : report.summary;
    const note = skipNote(scope);
    const findings = report.findings.map((f) => (f.state === "skipped" ? { ...f, message: `${f.message} ${note}` } : f));
    return { kind: "checked", report: { ...report, findings }, scope, exitCode, failOnWarn, summary, certificates };
}

/**
 * Why a certificate was skipped, in the scope's words, for a table cell: a certificate active only
 * in a project used to show as SKIPPED with no reason at all (issue 23, item 8).
 */
export function skipReason(scope: Scope | undefined): string {
    if (scope?.type === "all-projects") return "inactive in the organization and in every project";
    if (scope?.type === "organization") return "inactive in the organization; projects not read (--organization-only)";
    if (scope?.type === "project") return `inactive in project ${scope.projectId}`;
    return "inactive";
}

/** What would judge a skipped certificate: reading the projects, or `--include-inactive`. */
export function skipHint(scope: Scope | undefined): string {
    return scope?.type === "organization" ? "run without --organization-only to judge certificates active in a project" : "--include-inactive judges it anyway";
}

/** What a skipped finding's message adds: where it was found inactive, and what would judge it. */
export function skipNote(scope: Scope | undefined): string {
    return `Skipped: ${skipReason(scope)}; ${skipHint(scope)}.`;
}

/**
 * A finding's note for a table cell: why it was skipped, or the exemption's end and reason (issue 23,
 * item 12); empty for the rest, whose state and days say it all. Not escaped.
 */
export function findingNote(f: ExpiryFinding, scope: Scope | undefined): string {
    if (f.state === "skipped") return skipReason(scope);
    if (f.renewedBy) return `renewed by ${f.renewedBy.name ?? "(unnamed)"} (${f.renewedBy.id}), until ${isoFromUnixSeconds(f.renewedBy.expiresAt)}`;
    if (f.exemption) return `${f.exemption.lapsed ? "exemption lapsed" : "exempted until"} ${f.exemption.until}: ${f.exemption.reason}`;
    return "";
}

/** A run that gave up with `error` (already redacted). */
export function uncheckedRun(error: UncheckedRun["error"], evaluatedAt: number, scope?: Scope): UncheckedRun {
    const code = error.code === undefined ? "" : ` (${error.code})`;
    return {
        kind: "unchecked",
        ...(scope ? { scope } : {}),
        evaluatedAt,
        exitCode: EXIT.UNCHECKED,
        error,
        summary: `Certificate expiry check could not run: ${error.name}${code}: ${error.message}${/[.!?]$/.test(error.message) ? "" : "."} Nothing was checked.`,
    };
}

/**
 * How one finding weighs on this run's gate: `blocks` when it makes the check fail (a `fail`
 * severity, or a warning under `--fail-on-warn`), `warns` for other warnings, `notes` for an
 * exemption or a renewal that neither warns nor fails, `passes` for the rest. JUnit failures, SARIF levels and GitHub annotation levels
 * all follow this, so no format calls "all clear" what the exit code fails.
 */
export type FindingWeight = "blocks" | "warns" | "notes" | "passes";

/** How `finding` weighs on a run with or without `--fail-on-warn`; see {@link FindingWeight}. */
export function weightOf(finding: ExpiryFinding, failOnWarn: boolean): FindingWeight {
    if (finding.severity === "fail") return "blocks";
    if (finding.severity === "warn") return failOnWarn ? "blocks" : "warns";
    return finding.state === "exempted" || finding.state === "renewed" ? "notes" : "passes";
}

/**
 * The scope in words, for titles and every report's scope line: "organization and every project
 * (40)", "organization only", "project proj_a". Not escaped.
 */
export function describeScope(scope: Scope | undefined): string {
    if (scope === undefined) return "unknown scope";
    if (scope.type === "project") return `project ${scope.projectId}`;
    if (scope.type === "all-projects") return scope.projects === undefined ? "organization and every project" : `organization and every project (${scope.projects})`;
    return "organization only";
}

/**
 * Each state as people read it in the Markdown and HTML reports: a symbol and a word, so that no
 * report relies on colour alone. The symbol tells the kind (✖ blocks, ⚠ warns, ✔ fine), the word the
 * state. The symbols are in common fonts (DejaVu, Liberation fall-backs), not colour emoji.
 */
export const STATE_LABELS: Readonly<Record<CertificateState, { readonly symbol: string; readonly word: string }>> = {
    fail: { symbol: "✖", word: "FAIL" },
    expired: { symbol: "✖", word: "EXPIRED" },
    notYetValid: { symbol: "✖", word: "NOT YET VALID" },
    unknown: { symbol: "?", word: "UNKNOWN" },
    warn: { symbol: "⚠", word: "WARN" },
    renewed: { symbol: "↻", word: "RENEWED" },
    exempted: { symbol: "◇", word: "EXEMPTED" },
    ok: { symbol: "✔", word: "OK" },
    skipped: { symbol: "–", word: "SKIPPED" },
};

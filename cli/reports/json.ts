import { jsonForLogs } from "../../provider/api/text-escape";
import { isoFromUnixSeconds as iso } from "../../provider/api/iso-time";
import { CheckOutcome, Scope, TOOL } from "./check-outcome";

/** Bumped when a field of the JSON reports changes meaning or disappears. */
export const REPORT_SCHEMA_VERSION = 1;

/**
 * The JSON report of `openai-certs check --format json`. `passed` is true exactly when the command
 * exits 0 (a warning under `--fail-on-warn` exits 1, so it is false then: issue 16, item 8). When
 * nothing could be checked (exit 3), `checked` is false, `error` says why, and `counts`, `findings`
 * and `thresholds` are null, not empty: an empty list of findings would read as "all clear".
 *
 * @example
 * ```ts
 * JSON.parse(jsonCheckReport(outcome)).passed === (outcome.exitCode === 0); // always
 * ```
 */
export function jsonCheckReport(outcome: CheckOutcome): string {
    return stringify(jsonCheckReportObject(outcome));
}

/** {@link jsonCheckReport} before it is written out. */
export function jsonCheckReportObject(outcome: CheckOutcome): object {
    const evaluatedAt = outcome.kind === "checked" ? outcome.report.evaluatedAt : outcome.evaluatedAt;
    const head = { schemaVersion: REPORT_SCHEMA_VERSION, tool: TOOL, scope: outcome.kind === "checked" ? outcome.scope : (outcome.scope ?? null), evaluatedAt, evaluatedAtIso: iso(evaluatedAt) };
    if (outcome.kind === "unchecked") {
        return { ...head, thresholds: null, checked: false, passed: false, exitCode: outcome.exitCode, summary: outcome.summary, error: outcome.error, counts: null, earliestExpiring: null, findings: null };
    }
    const { report } = outcome;
    return {
        ...head,
        thresholds: report.thresholds,
        checked: true,
        passed: outcome.exitCode === 0,
        exitCode: outcome.exitCode,
        summary: outcome.summary,
        counts: report.counts,
        earliestExpiring: report.earliestExpiring ?? null,
        findings: report.findings,
    };
}

/**
 * The JSON of `openai-certs list --format json`: `{ schemaVersion, scope, certificates }`; when the
 * list could not be read, `certificates` is null and `error` says why.
 */
export function jsonListReport(list: { certificates: readonly object[]; scope: Scope } | { error: { name: string; code?: string; message: string }; scope?: Scope }): string {
    return stringify("certificates" in list ? { schemaVersion: REPORT_SCHEMA_VERSION, scope: list.scope, certificates: list.certificates } : { schemaVersion: REPORT_SCHEMA_VERSION, tool: TOOL, scope: list.scope ?? null, error: list.error, certificates: null });
}

function stringify(value: object): string {
    return `${jsonForLogs(JSON.stringify(value, null, 2))}\n`;
}

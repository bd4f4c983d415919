import { printableText } from "../../provider/api/text-escape";
import type { ExpiryFinding } from "../../provider/expiry/evaluate-expiry";
import { describeSpan, formatDaysLeft } from "../../provider/api/duration";
import { isoFromUnixSeconds as iso } from "../../provider/api/iso-time";
import { CheckOutcome, STATE_LABELS, TOOL, describeScope, weightOf } from "./check-outcome";
import { xmlText as x } from "./escape";

/**
 * The JUnit XML report of `openai-certs check --format junit`, in the shape GitLab, Jenkins and
 * Azure DevOps read (the Ant `junit` task's): one `<testsuite>` for the run, named by its scope, one
 * `<testcase>` per certificate.
 *
 * - A finding that makes the gate fail is a `<failure>`: fail, expired, not yet valid, unknown
 *   under `--fail-on-unknown`, and warnings under `--fail-on-warn`. The failure count is never zero
 *   when the command exits 1 or 2.
 * - Warnings that do not fail the gate go in the test case's `<system-out>`.
 * - Inactive certificates, and certificates under a live exemption, are `<skipped>` with the reason.
 * - A renewed certificate that passes is a passing test case whose `<system-out>` names the successor.
 * - When nothing could be checked (exit 3), the suite holds one test case with an `<error>` saying
 *   why: never an empty suite, which reads as "all clear".
 *
 * Names and messages go through `xmlText`, so the document is well-formed whatever the API returns.
 *
 * @example
 * ```ts
 * fs.writeFileSync("certificates.xml", junitCheckReport(outcome));
 * ```
 */
export function junitCheckReport(outcome: CheckOutcome): string {
    const suiteName = `OpenAI certificate expiry (${describeScope(outcome.scope)})`;
    const className = `openai-certs.${outcome.scope?.type ?? "check"}`;
    const at = outcome.kind === "checked" ? outcome.report.evaluatedAt : outcome.evaluatedAt;
    // Ant's schema wants a local time without a zone; the report's instant is UTC.
    const timestamp = iso(at).replace(/Z$/, "");
    const properties = [`<property name="tool" value="${x(`${TOOL.name} ${TOOL.version}`)}"/>`, `<property name="exitCode" value="${outcome.exitCode}"/>`];
    let cases: string[];
    let counts: { tests: number; failures: number; errors: number; skipped: number };
    if (outcome.kind === "unchecked") {
        const reason = outcome.summary;
        cases = [
            `<testcase classname="${x(className)}" name="read and check the certificates" time="0">`,
            `  <error type="${x(outcome.error.code ?? outcome.error.name)}" message="${x(reason)}">${x(reason)}</error>`,
            `</testcase>`,
        ];
        counts = { tests: 1, failures: 0, errors: 1, skipped: 0 };
    } else {
        const { report, failOnWarn } = outcome;
        const thresholds = report.thresholds;
        properties.push(
            `<property name="failWithin" value="${x(describeSpan(thresholds.failWithinSeconds))}"/>`,
            `<property name="warnWithin" value="${x(describeSpan(thresholds.warnWithinSeconds))}"/>`,
            `<property name="failOnUnknown" value="${thresholds.failOnUnknown}"/>`,
            `<property name="includeInactive" value="${thresholds.includeInactive}"/>`,
            `<property name="failOnWarn" value="${failOnWarn}"/>`,
            `<property name="renewals" value="${x(thresholds.renewals)}"/>`,
        );
        counts = { tests: report.findings.length, failures: 0, errors: 0, skipped: 0 };
        cases = [];
        for (const f of report.findings) {
            const weight = weightOf(f, failOnWarn);
            const open = `<testcase classname="${x(className)}" name="${x(testName(f))}" time="0">`;
            if (weight === "blocks") {
                counts.failures += 1;
                const message = f.severity === "warn" ? `${f.message} Warnings are not allowed (--fail-on-warn).` : f.message;
                cases.push(open, `  <failure type="${f.state}" message="${x(message)}">${x(message)}</failure>`, `  <system-out>${x(details(f))}</system-out>`, "</testcase>");
            } else if (weight === "warns") {
                cases.push(open, `  <system-out>${x(`WARN: ${f.message} [${details(f)}]`)}</system-out>`, "</testcase>");
            } else if (f.state === "skipped" || f.state === "exempted") {
                counts.skipped += 1;
                cases.push(open, `  <skipped message="${x(f.message)}"/>`, "</testcase>");
            } else {
                cases.push(`${open}<system-out>${x(details(f))}</system-out></testcase>`);
            }
        }
    }
    const attributes = `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="0"`;
    const lines = [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites name="${x(TOOL.name)} check" ${attributes}>`,
        `  <testsuite name="${x(suiteName)}" ${attributes} timestamp="${timestamp}" hostname="localhost">`,
        `    <properties>`,
        ...properties.map((p) => `      ${p}`),
        `    </properties>`,
        ...cases.map((c) => `    ${c}`),
        `  </testsuite>`,
        `</testsuites>`,
    ];
    // Values were escaped as XML where they were put in; no value starts a line, and the guard
    // keeps a CI log that shows the file safe all the same.
    return `${printableText(lines.join("\n"))}\n`;
}

/** "gateway (cert_abc)": names are not unique, ids are; both, so a person can find it. */
function testName(f: ExpiryFinding): string {
    return `${f.name ?? "(unnamed)"} (${f.id})`;
}

function details(f: ExpiryFinding): string {
    const parts = [`state: ${STATE_LABELS[f.state].word}`, `expires: ${f.expiresAt === undefined ? "unknown" : iso(f.expiresAt)}`];
    if (f.daysRemaining !== undefined) parts.push(`days left: ${formatDaysLeft(f.daysRemaining)}`);
    if (f.projects) parts.push(`active in: ${f.projects.join(", ")}`);
    if (f.renewedBy) parts.push(`renewed by: ${f.renewedBy.name ?? "(unnamed)"} (${f.renewedBy.id}), until ${iso(f.renewedBy.expiresAt)}`);
    return parts.join("; ");
}

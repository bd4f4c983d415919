import { printableText } from "../../provider/api/text-escape";
import type { ExpiryFinding } from "../../provider/expiry/evaluate-expiry";
import { daysLeft, describeSpan, formatDaysLeft } from "../../provider/api/duration";
import { isoFromUnixSeconds as iso } from "../../provider/api/iso-time";
import { CheckOutcome, STATE_LABELS, Scope, TOOL, describeScope, findingNote, weightOf } from "./check-outcome";
import { markdownCell as cell, markdownCode as code } from "./escape";
import type { CertificateListRow } from "./table";

/** Options of {@link markdownCheckReport}. */
export interface MarkdownOptions {
    /**
     * At most this many rows in the table, most urgent first; the rest are counted in a line under
     * it. GitHub refuses a step summary over 1 MiB, so the summary the `github` format writes is capped.
     * @default every finding
     */
    readonly maxRows?: number;
}

/**
 * The Markdown report of `openai-certs check --format markdown`: a heading with the verdict, the
 * verdict line, what was judged, and a table (state, name, id, expires, days left, projects), then
 * what to do about each finding that blocks or warns. Every value from outside, and every sentence
 * that holds one, is a code span (`markdownCode`, `markdownCell` in the table), so that nothing from
 * the API or an exemptions file becomes markup, a link, an image, HTML, a mention or a reference, or
 * another table cell, where GitHub renders the report.
 *
 * @example
 * ```ts
 * fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY!, markdownCheckReport(outcome, { maxRows: 1000 }));
 * ```
 */
export function markdownCheckReport(outcome: CheckOutcome, options: MarkdownOptions = {}): string {
    if (outcome.kind === "unchecked") {
        return finish([
            "## ✖ OpenAI certificate expiry: could not check",
            "",
            `**Nothing was checked.** ${code(outcome.summary)}`,
            "",
            about(outcome.scope, outcome.evaluatedAt),
        ]);
    }
    const { report, exitCode } = outcome;
    const heading = exitCode === 0 ? (report.findings.some((f) => f.severity === "warn") ? "⚠ passed with warnings" : "✔ passed") : "✖ failed";
    const shown = options.maxRows === undefined ? report.findings : report.findings.slice(0, options.maxRows);
    const lines = [
        `## OpenAI certificate expiry: ${heading}`,
        "",
        code(outcome.summary),
        "",
        about(outcome.scope, report.evaluatedAt, `fail within ${describeSpan(report.thresholds.failWithinSeconds)}, warn within ${describeSpan(report.thresholds.warnWithinSeconds)}, renewals: ${report.thresholds.renewals}`),
        "",
    ];
    if (report.findings.length === 0) {
        lines.push("No certificates were found.");
    } else {
        lines.push("| State | Name | ID | Expires | Days left | Projects | Note |", "| --- | --- | --- | --- | ---: | --- | --- |");
        for (const f of shown) lines.push(row(f, outcome.scope));
        if (shown.length < report.findings.length) lines.push("", `…and ${report.findings.length - shown.length} more, less urgent, in the full report (\`--format markdown\`).`);
    }
    const todo = report.findings.filter((f) => weightOf(f, outcome.failOnWarn) !== "passes");
    if (todo.length) {
        lines.push("", "### What to do", "");
        for (const f of todo.slice(0, options.maxRows ?? todo.length)) lines.push(`- ${STATE_LABELS[f.state].symbol} **${STATE_LABELS[f.state].word}**: ${code(f.message)}`);
    }
    return finish(lines);
}

/** The Markdown of `openai-certs list --format markdown`: a table of the certificates, or why there is none. */
export function markdownListReport(list: { certificates: readonly CertificateListRow[]; now: Date; scope?: Scope } | { error: { name: string; code?: string; message: string }; scope?: Scope }): string {
    if ("error" in list) {
        const { error } = list;
        return finish(["## ✖ OpenAI certificates: could not list", "", code(`${error.name}${error.code === undefined ? "" : ` (${error.code})`}: ${error.message}`), "", `Scope: ${code(describeScope(list.scope))}`]);
    }
    const nowSeconds = Math.floor(list.now.getTime() / 1000);
    const wide = list.certificates.some((c) => c.activeAnywhere !== undefined);
    const lines = [`## OpenAI certificates (${list.certificates.length})`, "", `Scope: ${code(describeScope(list.scope))}`, "", wide ? "| Name | ID | Active in organization | Active in projects | Expires | Days left |" : "| Name | ID | Active | Expires | Days left |"];
    lines.push(wide ? "| --- | --- | --- | --- | --- | ---: |" : "| --- | --- | --- | --- | ---: |");
    for (const c of list.certificates) {
        const expires = c.expiresAt === undefined ? "unknown" : iso(c.expiresAt);
        const days = formatDaysLeft(c.expiresAt === undefined ? undefined : daysLeft(c.expiresAt - nowSeconds));
        const active = wide ? [c.activeInOrganization ? "yes" : "no", cell(c.activeProjectIds?.join(", ") ?? "")] : [c.active ? "yes" : "no"];
        lines.push(`| ${[name(c.name), cell(c.id), ...active, expires, days].join(" | ")} |`);
    }
    return finish(lines);
}

function row(f: ExpiryFinding, scope: Scope): string {
    const label = STATE_LABELS[f.state];
    const state = f.exemption && !f.exemption.lapsed ? `${label.symbol} ${label.word} until ${cell(f.exemption.until)}` : `${label.symbol} ${label.word}`;
    const cells = [
        state,
        name(f.name),
        cell(f.id),
        f.expiresAt === undefined ? "unknown" : iso(f.expiresAt),
        formatDaysLeft(f.daysRemaining),
        cell(f.projects?.join(", ") ?? ""),
        cell(findingNote(f, scope)),
    ];
    return `| ${cells.join(" | ")} |`;
}

function name(value: string | null): string {
    return value === null ? "*(unnamed)*" : cell(value);
}

function about(scope: Scope | undefined, at: number, thresholds?: string): string {
    return `Scope: ${code(describeScope(scope))} · judged at ${iso(at)}${thresholds ? ` · ${thresholds}` : ""} · ${TOOL.name} ${TOOL.version}`;
}

function finish(lines: string[]): string {
    // Every value was escaped where it was put in; the guard catches a line we wrote wrongly.
    return `${printableText(lines.join("\n"))}\n`;
}

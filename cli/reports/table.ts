import { CertificateUsage } from "../../provider/api/certificate-usage";
import { daysLeft, formatDaysLeft } from "../../provider/api/duration";
import { printableText } from "../../provider/api/text-escape";
import type { ExpiryFinding, ExpiryReport } from "../../provider/expiry/evaluate-expiry";
import { formatCertificateTable, formatColumns as columns } from "../../provider/expiry/certificate-table";
import { isoFromUnixSeconds as iso } from "../../provider/api/iso-time";
import { CheckOutcome, Scope, describeScope, findingNote } from "./check-outcome";

/**
 * The table of `openai-certs check`: one row per finding, most urgent first, then the scope, the
 * notes and the gate's verdict. A run that could not check is one line (the command also says it on stderr).
 */
export function tableCheckReport(outcome: CheckOutcome): string {
    if (outcome.kind === "unchecked") return `${printableText(outcome.summary)}\n`;
    return `${printableText(checkTable(outcome.report, outcome.summary, outcome.scope))}\n`;
}

/**
 * The table of a report, ending with `summary` (the report's own by default). With a `scope`, a line
 * says which scope was judged; the NOTE column says why a certificate was skipped (in the scope's
 * words) and when and why an exemption ends. ACTIVE IN PROJECTS is shown for the organization-wide
 * view only: read from the organization's list or one project's, it was always empty.
 */
export function checkTable(report: ExpiryReport, summary: string = report.summary, scope?: Scope): string {
    const withProjects = scope === undefined ? report.findings.some((f) => f.projects !== undefined) : scope.type === "all-projects";
    const rows = report.findings.map((f: ExpiryFinding) => [
        f.state.toUpperCase(),
        f.name ?? "(unnamed)",
        f.id,
        f.expiresAt === undefined ? "unknown" : iso(f.expiresAt),
        formatDaysLeft(f.daysRemaining),
        ...(withProjects ? [f.projects?.join(",") ?? ""] : []),
        findingNote(f, scope),
    ]);
    const table = columns(["STATE", "NAME", "ID", "EXPIRES AT", "DAYS LEFT", ...(withProjects ? ["ACTIVE IN PROJECTS"] : []), "NOTE"], rows);
    // What blocks or warns, then each renewal, whose successor people check before they deactivate the old one.
    const notes = [
        ...report.findings.filter((f) => f.severity === "fail" || f.severity === "warn").map((f) => `  ${f.severity === "fail" ? "FAIL" : "WARN"}: ${f.message}`),
        ...report.findings.filter((f) => f.state === "renewed" && f.severity !== "warn").map((f) => `  RENEWED: ${f.message}`),
    ];
    const judged = scope === undefined ? [] : [`Scope: ${describeScope(scope)}`, ""];
    return [table, "", ...judged, ...notes, ...(notes.length ? [""] : []), summary].join("\n");
}

/** A certificate as `list` prints it: the list's fields, and with the organization-wide view, where it is active. */
export type CertificateListRow = Partial<CertificateUsage> & Parameters<typeof formatCertificateTable>[0][number];

/** The table of `openai-certs list`; with the organization-wide view, where each certificate is active. */
export function listTable(certificates: readonly CertificateListRow[], now: Date): string {
    if (!certificates.some((c) => c.activeAnywhere !== undefined)) return formatCertificateTable(certificates, now);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const rows = certificates.map((c) => [
        c.name ?? "(unnamed)",
        c.id,
        c.activeInOrganization ? "yes" : "no",
        c.activeProjectIds?.join(",") ?? "",
        c.expiresAt === undefined ? "unknown" : iso(c.expiresAt),
        formatDaysLeft(c.expiresAt === undefined ? undefined : daysLeft(c.expiresAt - nowSeconds)),
    ]);
    return columns(["NAME", "ID", "ACTIVE IN ORG", "ACTIVE IN PROJECTS", "EXPIRES AT", "DAYS LEFT"], rows);
}

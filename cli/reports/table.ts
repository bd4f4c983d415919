import { CertificateUsage } from "../../provider/certificate-usage";
import { printableText } from "../../provider/text-escape";
import type { ExpiryFinding, ExpiryReport } from "../../sdk/evaluate-expiry";
import { formatCertificateTable, formatColumns as columns } from "../../sdk/certificate-table";
import { isoFromUnixSeconds as iso } from "../../sdk/iso-time";
import { CheckOutcome } from "./check-outcome";

/**
 * The table of `openai-certs check`: one row per finding, most urgent first, then the notes and the
 * gate's verdict. A run that could not check is one line (the command also says it on stderr).
 */
export function tableCheckReport(outcome: CheckOutcome): string {
    if (outcome.kind === "unchecked") return `${printableText(outcome.summary)}\n`;
    return `${printableText(checkTable(outcome.report, outcome.summary))}\n`;
}

/** The table of a report, ending with `summary` (the report's own by default). */
export function checkTable(report: ExpiryReport, summary: string = report.summary): string {
    const rows = report.findings.map((f: ExpiryFinding) => [
        f.state.toUpperCase(),
        f.name ?? "(unnamed)",
        f.id,
        f.expiresAt === undefined ? "unknown" : iso(f.expiresAt),
        f.daysRemaining === undefined ? "-" : f.daysRemaining.toFixed(1),
        f.projects?.join(",") ?? "",
    ]);
    const table = columns(["STATE", "NAME", "ID", "EXPIRES AT", "DAYS LEFT", "ACTIVE IN PROJECTS"], rows);
    const notes = report.findings.filter((f) => f.severity === "fail" || f.severity === "warn").map((f) => `  ${f.severity === "fail" ? "FAIL" : "WARN"}: ${f.message}`);
    return [table, "", ...notes, ...(notes.length ? [""] : []), summary].join("\n");
}

/** A certificate as `list` prints it: the list's fields, and with the organization-wide view, where it is active. */
export type ListedCertificate = Partial<CertificateUsage> & Parameters<typeof formatCertificateTable>[0][number];

/** The table of `openai-certs list`; with the organization-wide view, where each certificate is active. */
export function listTable(certificates: readonly ListedCertificate[], now: Date): string {
    if (!certificates.some((c) => c.activeAnywhere !== undefined)) return formatCertificateTable(certificates, now);
    const rows = certificates.map((c) => [
        c.name ?? "(unnamed)",
        c.id,
        c.activeInOrganization ? "yes" : "no",
        c.activeProjectIds?.join(",") ?? "",
        c.expiresAt === undefined ? "unknown" : iso(c.expiresAt),
    ]);
    return columns(["NAME", "ID", "ACTIVE IN ORG", "ACTIVE IN PROJECTS", "EXPIRES AT"], rows);
}

import { CertificateUsage, PACKAGE_VERSION } from "../provider/api";
import type { ExpiryFinding, ExpiryReport } from "../sdk/evaluate-expiry";
import { formatCertificateTable, formatColumns as columns } from "../sdk/certificate-table";
import { isoFromUnixSeconds as iso } from "../sdk/iso-time";

/** Bumped when a field of the JSON report changes meaning or disappears. */
export const REPORT_SCHEMA_VERSION = 1;

/** What was read: the organization, one project, or the organization-wide view. */
export type Scope = { type: "organization" } | { type: "project"; projectId: string } | { type: "all-projects"; projects: number };

/** The JSON report of `openai-certs check --format json`. */
export function jsonReport(report: ExpiryReport, scope: Scope, exitCode: number): object {
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        tool: { name: "openai-certs", version: PACKAGE_VERSION },
        scope,
        evaluatedAt: report.evaluatedAt,
        evaluatedAtIso: iso(report.evaluatedAt),
        thresholds: report.thresholds,
        passed: report.passed,
        exitCode,
        summary: report.summary,
        counts: report.counts,
        earliestExpiring: report.earliestExpiring ?? null,
        findings: report.findings,
    };
}

/** The table of `openai-certs check`: one row per finding, most urgent first, then the summary. */
export function checkTable(report: ExpiryReport): string {
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
    return [table, "", ...notes, ...(notes.length ? [""] : []), report.summary].join("\n");
}

/** The table of `openai-certs list`; with the organization-wide view, where each certificate is active. */
export function listTable(certificates: ReadonlyArray<Partial<CertificateUsage> & Parameters<typeof formatCertificateTable>[0][number]>, now: Date): string {
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

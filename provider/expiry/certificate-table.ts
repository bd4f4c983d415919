import { Certificate } from "../api/certificate";
import { daysLeft, formatDaysLeft } from "../api/duration";
import { escapeControlCharacters, printableText } from "../api/text-escape";
import { isoFromUnixSeconds } from "../api/iso-time";

/**
 * Renders certificates as a fixed-width text table for terminals and logs: name, id, active, and
 * expiry with the days left relative to `now`. Names and ids are escaped as {@link formatColumns} says.
 */
export function formatCertificateTable(certificates: readonly Certificate[], now: Date): string {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const rows = certificates.map((c) => [
        c.name ?? "(unnamed)",
        c.id,
        c.active ? "yes" : "no",
        c.expiresAt === undefined ? "unknown" : isoFromUnixSeconds(c.expiresAt),
        formatDaysLeft(c.expiresAt === undefined ? undefined : daysLeft(c.expiresAt - nowSeconds)),
    ]);
    return formatColumns(["NAME", "ID", "ACTIVE", "EXPIRES AT", "DAYS LEFT"], rows);
}

/**
 * Left-aligned columns two spaces apart, each as wide as its widest cell. Handles any number of rows:
 * the widths are found with a loop, not `Math.max(...cells)`, whose arguments overflow the stack
 * past about 150,000 rows (issue 12, item 10).
 *
 * Cells come from the API, so each has its control characters escaped (a newline in a name would
 * add a row, an escape sequence would drive the terminal), and no line may start a CI workflow
 * command: a name such as `::error::x` in the first column is written `\x3a:error::x`.
 */
export function formatColumns(header: readonly string[], rawRows: readonly (readonly string[])[]): string {
    const rows = rawRows.map((row) => row.map(escapeControlCharacters));
    const widths = header.map((h) => h.length);
    for (const row of rows) {
        for (let i = 0; i < widths.length; i++) if (row[i].length > widths[i]) widths[i] = row[i].length;
    }
    const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
    return printableText([line(header), ...rows.map(line)].join("\n"));
}

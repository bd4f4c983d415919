/**
 * The reports of `openai-certs`: which formats each command writes, which file renders each, and
 * where the report goes (stdout, `--output-file`, GitHub's step summary). One file per format under
 * `reports/`; this one only chooses and delivers.
 */
import * as fs from "fs";
import { InvalidArgumentError } from "../provider/api/errors/argument-error";
import { printableText } from "../provider/api/text-escape";
import type { ExpiryReport } from "../provider/expiry/evaluate-expiry";
import { clearReportFile, writeReportFile } from "./output-file";
import { CheckOutcome, Scope, describeScope } from "./reports/check-outcome";
import { githubCheckReport } from "./reports/github";
import { htmlCheckReport } from "./reports/html";
import { jsonCheckReport, jsonListReport } from "./reports/json";
import { junitCheckReport } from "./reports/junit";
import { markdownCheckReport, markdownListReport } from "./reports/markdown";
import { DEFAULT_SARIF_FILE_LOCATION, sarifArtifactUri, sarifCheckReport } from "./reports/sarif";
import { CertificateListRow, listTable, tableCheckReport } from "./reports/table";

export { CheckOutcome, Scope, checkedRun, uncheckedRun } from "./reports/check-outcome";
export { REPORT_SCHEMA_VERSION, jsonCheckReportObject as jsonReport } from "./reports/json";
export { checkTable, listTable } from "./reports/table";

/** What `openai-certs check --format` takes. */
export const CHECK_FORMATS = ["table", "json", "junit", "sarif", "github", "markdown", "html"] as const;
/** What `openai-certs list --format` takes: the formats that make sense without a verdict. */
export const LIST_FORMATS = ["table", "json", "markdown"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
export type ListFormat = (typeof LIST_FORMATS)[number];

/** The reporting options of a command, as commander parsed them. */
export interface ReportOptions {
    format: string;
    outputFile?: string;
    sarifFileLocation?: string;
}

/** Where a report goes and what it needs; made by {@link reportDestination}, which checks the options. */
export interface ReportDestination {
    readonly format: CheckFormat;
    /** Absent: stdout. */
    readonly outputFile?: string;
    /** The SARIF results' artifact URI. */
    readonly artifactUri: string;
    /** `GITHUB_STEP_SUMMARY`, for `github`: the Markdown report is appended to it. */
    readonly stepSummaryFile?: string;
}

/**
 * Checks the reporting options before anything is read, refusing what would be ignored: an option
 * accepted and then discarded hides a mistake in a CI file.
 *
 * - `--output-file` with `github`: workflow commands only work on the runner's stdout.
 * - `--sarif-file-location` without `--format sarif`, and a location that is not a path inside the repository.
 */
export function reportDestination(options: ReportOptions, env: NodeJS.ProcessEnv): ReportDestination {
    const format = options.format as CheckFormat;
    if (format === "github" && options.outputFile !== undefined) {
        throw new InvalidArgumentError("--output-file", "cannot be used with --format github: the runner reads workflow commands from stdout only (GITHUB_STEP_SUMMARY gets the Markdown report)");
    }
    if (options.sarifFileLocation !== undefined && format !== "sarif") throw new InvalidArgumentError("--sarif-file-location", "only applies with --format sarif");
    if (options.outputFile !== undefined && options.outputFile.trim() === "") throw new InvalidArgumentError("--output-file", "must name a file");
    const stepSummaryFile = format === "github" && env.GITHUB_STEP_SUMMARY ? env.GITHUB_STEP_SUMMARY : undefined;
    return {
        format,
        ...(options.outputFile !== undefined ? { outputFile: options.outputFile } : {}),
        artifactUri: sarifArtifactUri(options.sarifFileLocation ?? DEFAULT_SARIF_FILE_LOCATION),
        ...(stepSummaryFile ? { stepSummaryFile } : {}),
    };
}

/** The last instant a JavaScript `Date` can hold, +275760-09-13T00:00:00Z, in Unix seconds. */
export const LAST_DATE_SECONDS = 8.64e12;

/**
 * Refuses thresholds that reach past the last date a report can show ({@link LAST_DATE_SECONDS}),
 * before anything is read, in every format alike: past it the HTML report's timeline has no dates
 * to draw (issue 20, item 10), and a gate that warns 190,000 years ahead is a typo.
 *
 * @example
 * ```ts
 * checkThresholdsFitDates(evaluateCertificateExpiry([], { warnWithin: "100000000w" })); // throws, naming --warn-within
 * ```
 */
export function checkThresholdsFitDates(report: Pick<ExpiryReport, "evaluatedAt" | "thresholds">): void {
    for (const [flag, seconds] of [["--fail-within", report.thresholds.failWithinSeconds], ["--warn-within", report.thresholds.warnWithinSeconds]] as const) {
        if (report.evaluatedAt + seconds > LAST_DATE_SECONDS) throw new InvalidArgumentError(flag, "reaches past +275760-09-13, the last date a report can show; give a shorter span");
    }
}

/**
 * Clears a report left at `--output-file` by an earlier run, before this one reads anything: if
 * this run is killed (a CI timeout), no report from another day is there to be read as today's.
 * See {@link clearReportFile}.
 */
export function clearOutputFile(destination: ReportDestination): void {
    if (destination.outputFile !== undefined) clearReportFile(destination.outputFile);
}

/** Where the command writes, as `main.ts` gives it. */
export interface ReportIo {
    out: (text: string) => void;
}

/** Renders `outcome` in the destination's format and delivers it; see {@link deliver}. */
export function deliverCheckReport(outcome: CheckOutcome, destination: ReportDestination, io: ReportIo): void {
    const text = renderCheckReport(outcome, destination);
    // A table that could not check says so on stderr already (the command's error line): stdout stays
    // empty, as it always was; a file still gets the line, so that it is not a stale or missing report.
    const toStdout = !(destination.format === "table" && outcome.kind === "unchecked");
    deliver(destination, text, io, toStdout, outcome.summary);
    if (destination.stepSummaryFile) {
        // GitHub refuses a step summary over 1 MiB; a thousand rows stay well under it.
        appendFile(destination.stepSummaryFile, markdownCheckReport(outcome, { maxRows: 1000 }), "GITHUB_STEP_SUMMARY");
    }
}

/** The report of a check in one format. */
export function renderCheckReport(outcome: CheckOutcome, destination: Pick<ReportDestination, "format" | "artifactUri">): string {
    switch (destination.format) {
        case "json":
            return jsonCheckReport(outcome);
        case "junit":
            return junitCheckReport(outcome);
        case "sarif":
            return sarifCheckReport(outcome, destination.artifactUri);
        case "github":
            return githubCheckReport(outcome);
        case "markdown":
            return markdownCheckReport(outcome);
        case "html":
            return htmlCheckReport(outcome);
        case "table":
            return tableCheckReport(outcome);
    }
}

/** What `list` read, or why it could not. */
export type ListOutcome = { certificates: readonly CertificateListRow[]; now: Date; scope: Scope } | { error: { name: string; code?: string; message: string }; scope?: Scope };

/** Renders the list in the destination's format (one of {@link LIST_FORMATS}) and delivers it. */
export function deliverListReport(list: ListOutcome, destination: ReportDestination, io: ReportIo): void {
    const format = destination.format as ListFormat;
    let text: string;
    if (format === "json") text = jsonListReport(list);
    else if (format === "markdown") text = markdownListReport(list);
    else text = "error" in list ? `${printableText(`The certificates could not be listed: ${list.error.name}${list.error.code === undefined ? "" : ` (${list.error.code})`}: ${list.error.message}`)}\n` : `${listTable(list.certificates, list.now)}\n\nScope: ${printableText(describeScope(list.scope))}\n`;
    deliver(destination, text, io, !("error" in list && format === "table"), "error" in list ? "The certificates could not be listed." : `${list.certificates.length} certificates listed.`);
}

/**
 * Writes the report to `--output-file` (see {@link writeReportFile}: a regular file is replaced
 * whole, a symlink, FIFO or device is written as it is), or to stdout. With a file, stdout gets the
 * verdict line and where the report is, for the person reading the CI log.
 */
function deliver(destination: ReportDestination, text: string, io: ReportIo, toStdout: boolean, summary: string): void {
    if (destination.outputFile === undefined) {
        if (toStdout) io.out(text);
        return;
    }
    writeReportFile(destination.outputFile, text);
    io.out(`${printableText(summary)} Report: ${printableText(destination.outputFile)}\n`);
}

function appendFile(file: string, text: string, what: string): void {
    try {
        fs.appendFileSync(file, text);
    } catch (error) {
        throw new InvalidArgumentError(what, `cannot append the report to ${JSON.stringify(file)}: ${(error as Error).message}`);
    }
}


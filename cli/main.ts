#!/usr/bin/env node
/**
 * `openai-certs`: list OpenAI organization certificates and gate CI pipelines on their expiry.
 * Reads OPENAI_ADMIN_KEY and OPENAI_BASE_URL from the environment, like the library; the key is
 * never a flag (flags end up in shell history and process lists) and never printed. It loads the
 * API layer and the evaluation module by module, never Pulumi.
 *
 *     openai-certs [--debug] list  [SCOPE] [--format table|json|markdown] [--output-file FILE]
 *     openai-certs [--debug] check [SCOPE] [--warn-within DURATION] [--fail-within DURATION] [--include-inactive]
 *                        [--fail-on-unknown] [--exemptions FILE] [--now ISO] [--fail-on-warn] [--renewals pass|warn|judge]
 *                        [--format table|json|junit|sarif|github|markdown|html] [--sarif-file-location PATH]
 *                        [--output-file FILE]
 *     openai-certs fake-api [--port N] [--seed FILE] [--latency-ms MS]
 *
 *     SCOPE: [--organization-only | --project ID | [--include-archived] [--concurrency N]] [--max-retries N]
 *
 * `--help` prints each default, from the constants the library uses (DEFAULT_WARN_WITHIN and the rest).
 *
 * By default both commands read the organization-wide view (the organization and every project), so
 * that a certificate active only in a project is judged: a gate's default must be the safe one (issue
 * 23, item 8). `--all-projects` names that default and stays accepted.
 *
 * Exit codes (cli/exit-codes.ts): 0 passed, 1 warnings with --fail-on-warn, 2 failed, 3 could not
 * read or check the data; the same in every format, and on exit 3 every format says why instead of
 * looking empty. The options, their defaults and their help are defined once, below; `--help` shows them.
 */
import { Command, CommanderError, Option } from "commander";
// The command imports the API layer and the evaluation module by module, never the package root: the
// root loads @pulumi/pulumi, which a CI step has no use for (it tripled the start-up time).
import { AuthenticationError, adminKeyAdvice } from "../provider/api/errors/api-error";
import { Certificate } from "../provider/api/certificate";
import { ENV_ADMIN_KEY, firstAdminKey } from "../provider/api/admin-key";
import { DEFAULT_MAX_RETRIES, ENV_BASE_URL, environmentBaseUrl } from "../provider/api/client-options";
import { DEFAULT_USAGE_CONCURRENCY, listCertificateUsage } from "../provider/api/certificate-usage";
import { InvalidArgumentError, MissingAdminKeyError } from "../provider/api/errors/argument-error";
import { PACKAGE_VERSION } from "../provider/api/version";
import { listCertificates } from "../provider/api/list-certificates";
import { printableText } from "../provider/api/text-escape";
import { redact } from "../provider/api/redact";
import { resolveListSettings } from "../provider/api/list-settings";
import { evaluateCertificateExpiry } from "../provider/expiry/evaluate-expiry";
import { DEFAULT_FAIL_WITHIN, DEFAULT_RENEWALS, DEFAULT_WARN_WITHIN, RENEWALS_MODES, RenewalsMode, parseIsoInstant } from "../provider/expiry/expiry-options";
import { CertificateKeyFields, readCertificateKeys } from "../provider/api/certificate-keys";
import { createCertificatesClient } from "../provider/api/client";
import { EXIT, EXIT_MEANINGS } from "./exit-codes";
import { readExemptionsFile } from "./exemptions-file";
import { progressBar } from "./progress-bar";
import { CHECK_FORMATS, LIST_FORMATS, Scope, checkThresholdsFitDates, checkedRun, clearOutputFile, deliverCheckReport, deliverListReport, reportDestination, uncheckedRun } from "./report";

interface ScopeOptions {
    project?: string;
    organizationOnly?: boolean;
    allProjects?: boolean;
    includeArchived?: boolean;
    concurrency?: string;
    maxRetries: string;
    format: string;
    outputFile?: string;
}

interface CheckOptions extends ScopeOptions {
    warnWithin: string;
    failWithin: string;
    includeInactive?: boolean;
    failOnUnknown?: boolean;
    exemptions?: string;
    now?: string;
    failOnWarn?: boolean;
    sarifFileLocation?: string;
    renewals: RenewalsMode;
}

/** Where the command writes; replaceable in tests. */
export interface Io {
    out: (text: string) => void;
    err: (text: string) => void;
    stderr: NodeJS.WriteStream;
    env: NodeJS.ProcessEnv;
}

const defaultIo: Io = {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    stderr: process.stderr,
    env: process.env,
};

/** Runs the command with `argv` (without `node` and the script) and resolves with the exit code. */
export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
    let exitCode: number = EXIT.PASSED;
    // For the report of a run that gives up: which command ran, and as of when it judged.
    let running: Command | undefined;
    let judgedAt = new Date();
    const program = new Command()
        .name("openai-certs")
        .description("List OpenAI organization mTLS certificates and gate CI on their expiry.\nReads OPENAI_ADMIN_KEY and OPENAI_BASE_URL from the environment.")
        .version(PACKAGE_VERSION)
        .option("--debug", "show stack traces on errors")
        .exitOverride()
        .configureOutput({ writeOut: io.out, writeErr: io.err })
        .showHelpAfterError("(run with --help for usage)")
        .addHelpText("after", HELP_AFTER)
        .hook("preSubcommand", (_program, subcommand) => void (running = subcommand));

    const withScope = (command: Command, formats: readonly string[]) =>
        command
            .option("--organization-only", "read the organization's own list only, not the projects: a certificate active only in a project is then skipped")
            .option("--project <id>", "one project's certificates instead of the organization-wide view")
            .option("--all-projects", "the organization and every project (the default; accepted for scripts that pass it)")
            .option("--include-archived", "read archived projects too (organization-wide view only)")
            .option("--concurrency <n>", "projects read at once (organization-wide view only)", String(DEFAULT_USAGE_CONCURRENCY))
            .option("--max-retries <n>", "retries per request for 408, 409, 429, 5xx and network errors", String(DEFAULT_MAX_RETRIES))
            .addOption(new Option("--format <format>", "report format").choices(formats).default("table"))
            .option("--output-file <file>", "write the report to this file instead of stdout (a file is cleared first, so a run that dies leaves no old report, then replaced whole; a symlink, FIFO or device is written through)");

    withScope(program.command("list").description("list the certificates active anywhere, and where"), LIST_FORMATS)
        .addHelpText("after", HELP_AFTER)
        .action(async (options: ScopeOptions) => {
            const destination = reportDestination(options, io.env);
            clearOutputFile(destination);
            const { certificates, scope } = await readScope(options, io);
            deliverListReport({ certificates, now: new Date(), scope }, destination, io);
        });

    withScope(program.command("check").description("check the expiry of certificates active anywhere (organization and every project); exit 0 passed, 1 warnings with --fail-on-warn, 2 failed, 3 could not check"), CHECK_FORMATS)
        .addHelpText("after", HELP_AFTER)
        .option("--warn-within <duration>", "warn when an active certificate expires within this (units s, m, h, d, w)", DEFAULT_WARN_WITHIN)
        .option("--fail-within <duration>", "fail when an active certificate expires within this (units s, m, h, d, w)", DEFAULT_FAIL_WITHIN)
        .option("--include-inactive", "judge inactive certificates too")
        .option("--fail-on-unknown", "fail on a certificate with no expiry date")
        .option("--exemptions <file>", "JSON file of exemptions: [{ id or name, reason, until }]")
        .option("--now <iso>", "judge as of this time instead of now")
        .option("--fail-on-warn", "exit 1 when there are warnings")
        .addOption(
            new Option(
                "--renewals <mode>",
                "a certificate renewed by an active one with the same subject and public key (read from each active certificate's content): pass (neither warns nor fails, except once expired), warn, or judge (as any certificate; reads no content)",
            )
                .choices(RENEWALS_MODES)
                .default(DEFAULT_RENEWALS),
        )
        .option("--sarif-file-location <path>", "with --format sarif, the repository file every result points at (default Pulumi.yaml)")
        .action(async (options: CheckOptions) => {
            // Check every option before reading anything: a typo must not cost an API read.
            const destination = reportDestination(options, io.env);
            const now = options.now === undefined ? new Date() : parseNow(options.now);
            judgedAt = now;
            const exemptions = options.exemptions ? readExemptionsFile(options.exemptions) : [];
            const expiry = {
                now,
                warnWithin: options.warnWithin,
                failWithin: options.failWithin,
                includeInactive: options.includeInactive ?? false,
                failOnUnknown: options.failOnUnknown ?? false,
                exemptions,
                renewals: options.renewals,
            };
            checkThresholdsFitDates(evaluateCertificateExpiry([], expiry));
            clearOutputFile(destination);
            // Renewals need each active certificate's subject and key, from its content; "judge" needs neither.
            const { certificates, scope } = await readScope(options, io, options.renewals !== "judge");
            const outcome = checkedRun(evaluateCertificateExpiry(certificates, expiry), scope, options.failOnWarn ?? false, certificates);
            deliverCheckReport(outcome, destination, io);
            exitCode = outcome.exitCode;
        });

    program
        .command("fake-api")
        .description("serve the OpenAI-compatible fake of the certificate endpoints on loopback, for your own tests")
        .option("--port <n>", "port, 0 for any free one", "0")
        .option("--seed <file>", "JSON seed file (see node_modules/pulumi-openai-certificates/examples/seeds/organization.json and the README)")
        .option("--latency-ms <ms>", "latency added to every request", "0")
        .action(async (options: { port: string; seed?: string; latencyMs: string }) => {
            const { main } = await import("../fake-api/cli");
            await main(["--port", options.port, "--latency-ms", options.latencyMs, ...(options.seed ? ["--seed", options.seed] : [])]);
            exitCode = -1; // keeps serving until interrupted
        });

    try {
        await program.parseAsync(argv, { from: "user" });
        return exitCode;
    } catch (caught) {
        let error = caught;
        const adminKey = firstAdminKey(io.env[ENV_ADMIN_KEY]);
        const key = adminKey ? [adminKey] : [];
        if (error instanceof CommanderError) {
            // --help and --version are not errors; anything else is a usage error: nothing was checked.
            if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) return EXIT.PASSED;
            reportUnchecked(running, { name: "UsageError", code: error.code, message: redact(error.message.replace(/^error: /, "").split("\n")[0], key) }, judgedAt, io);
            return EXIT.UNCHECKED;
        }
        if (error instanceof AuthenticationError) {
            error = error.withAdvice(adminKeyAdvice(ENV_ADMIN_KEY));
        }
        if (error instanceof InvalidArgumentError) error = asFlagError(error);
        const name = error instanceof Error ? error.name : "Error";
        const code = (error as { code?: unknown }).code;
        const message = plainMessage(error);
        // One plain line, `openai-certs: <message>`, with the code where it helps (an API error's code
        // is in the README's errors table; "invalid_argument" after a flag's name says nothing more).
        // Messages can quote values from outside (a server's error text, a file name): escaped, so
        // that the one line stays one line and cannot issue a CI workflow command.
        const suffix = typeof code === "string" && !(error instanceof InvalidArgumentError) && !message.includes(code) ? ` (${code})` : "";
        io.err(`${printableText(redact(`openai-certs: ${message}${suffix}`, key))}\n`);
        if (program.opts().debug && error instanceof Error && error.stack) io.err(`${printableText(redact(error.stack, key))}\n`);
        reportUnchecked(running, { name, ...(typeof code === "string" ? { code } : {}), message: redact(message, key) }, judgedAt, io);
        return EXIT.UNCHECKED;
    }
}

/**
 * The report of a run that gave up (exit 3), in the format it asked for, so that no format is left
 * empty or stale for a CI system to read as "all clear" (issue 14; issue 16, item 6). `running` is
 * the subcommand, its options as far as they were parsed. Never throws: the error line on stderr
 * has been written already, and a report that cannot be written either is said there too.
 */
function reportUnchecked(running: Command | undefined, error: { name: string; code?: string; message: string }, judgedAt: Date, io: Io): void {
    const command = running?.name();
    if (command !== "check" && command !== "list") return;
    const options = running!.opts() as CheckOptions;
    const scope = requestedScope(options);
    try {
        const destination = reportDestination(options, io.env);
        if (command === "check") deliverCheckReport(uncheckedRun(error, Math.floor(judgedAt.getTime() / 1000), scope), destination, io);
        else deliverListReport({ error, scope }, destination, io);
    } catch (cause) {
        // The options that choose the report are what was wrong (the error line said so), or the file cannot be written.
        if (!(cause instanceof InvalidArgumentError && error.message.includes(cause.argument))) io.err(`${printableText(`openai-certs: the report could not be written either: ${(cause as Error).message}`)}\n`);
    }
}

/** The scope the options ask for: one project, the organization's own list, or by default the organization-wide view. */
function requestedScope(options: ScopeOptions): Scope {
    if (options.project !== undefined) return { type: "project", projectId: options.project };
    return options.organizationOnly ? { type: "organization" } : { type: "all-projects" };
}

/**
 * Reads the scope's certificates; with `readKeys`, each active one's subject and public-key hash
 * too, from its content (one request per active certificate, `--concurrency` at once).
 */
async function readScope(options: ScopeOptions, io: Io, readKeys = false): Promise<{ certificates: Certificate[]; scope: Scope }> {
    const narrowings = [options.organizationOnly && "--organization-only", options.project !== undefined && "--project", options.allProjects && "--all-projects"].filter(Boolean);
    if (narrowings.length > 1) throw new InvalidArgumentError(narrowings[0] as string, `cannot be combined with ${narrowings[1]}: give one scope`);
    const requested = requestedScope(options);
    const settings = resolveListSettings(
        { projectId: options.project, maxRetries: wholeNumber("--max-retries", options.maxRetries) },
        environmentBaseUrl(io.env),
    );
    if (requested.type !== "all-projects" && (options.includeArchived || options.concurrency !== String(DEFAULT_USAGE_CONCURRENCY))) {
        throw new InvalidArgumentError(
            options.includeArchived ? "--include-archived" : "--concurrency",
            `only applies to the organization-wide view, not with ${requested.type === "project" ? "--project" : "--organization-only"}`,
        );
    }
    const adminKey = firstAdminKey(io.env[ENV_ADMIN_KEY]);
    // The command reads its key from the environment only: its advice names nothing else (no Pulumi config).
    if (!adminKey) throw new MissingAdminKeyError(`Set the environment variable ${ENV_ADMIN_KEY}`);
    if (requested.type === "all-projects") {
        const concurrency = wholeNumber("--concurrency", options.concurrency ?? "");
        const bar = progressBar(io.stderr);
        try {
            const { projectId: _none, ...listSettings } = settings;
            void _none;
            const usage = await listCertificateUsage({ ...listSettings, adminKey, includeArchived: options.includeArchived ?? false, concurrency, onProgress: bar.update });
            bar.done();
            const certificates = readKeys ? await withKeys(usage.certificates, { ...listSettings, adminKey }, concurrency) : usage.certificates;
            return { certificates, scope: { type: "all-projects", projects: usage.projects.length } };
        } finally {
            bar.done();
        }
    }
    const listed = await listCertificates({ ...settings, adminKey });
    const certificates = readKeys ? await withKeys(listed, { ...settings, adminKey }, DEFAULT_USAGE_CONCURRENCY) : listed;
    return { certificates, scope: requested };
}

/** Each active certificate with its subject and key hash (or why its content could not be read). */
async function withKeys<C extends Certificate & { activeAnywhere?: boolean }>(
    certificates: readonly C[],
    settings: { adminKey: string; baseUrl: string; maxRetries: number; timeoutMs: number },
    concurrency: number,
): Promise<Array<C & CertificateKeyFields>> {
    const client = createCertificatesClient({ adminKey: settings.adminKey, baseUrl: settings.baseUrl, maxRetries: settings.maxRetries, timeoutMs: settings.timeoutMs });
    const read = await readCertificateKeys(client, certificates, { concurrency });
    // A problem may quote a server's error text: the key never reaches a report through it.
    return read.map((c) => (c.contentProblem === undefined ? c : { ...c, contentProblem: redact(c.contentProblem, [settings.adminKey]) }));
}

/** The library's argument names, as this command's flags. */
const FLAGS: Record<string, string> = {
    warnWithin: "--warn-within",
    failWithin: "--fail-within",
    concurrency: "--concurrency",
    maxRetries: "--max-retries",
    projectId: "--project",
    baseUrl: "OPENAI_BASE_URL",
};

/**
 * An argument error as this command's user knows it: the library's names (`failWithin`) become the
 * flags (`--fail-within`), in the argument and in the words of the problem alike (issue 23, item 12).
 */
function asFlagError(error: InvalidArgumentError): InvalidArgumentError {
    const names = new RegExp(`\\b(${Object.keys(FLAGS).join("|")})\\b`, "g");
    const problem = error.problem.replace(names, (name) => FLAGS[name]);
    const argument = FLAGS[error.argument] ?? error.argument;
    return argument === error.argument && problem === error.problem ? error : new InvalidArgumentError(argument, problem);
}

/** The error's message on one line; an argument error as `--flag: problem`, without the class's `Invalid argument "..."` wrapping. */
function plainMessage(error: unknown): string {
    const message = error instanceof InvalidArgumentError ? `${error.argument}: ${error.problem}` : error instanceof Error ? error.message : String(error);
    return message.split("\n")[0];
}

/** Examples and the exit codes, under every command's `--help`. */
const HELP_AFTER = [
    "",
    "Examples:",
    "  openai-certs check                              judge certificates active anywhere: the organization and every project",
    "  openai-certs check --organization-only          judge the organization's own activations only",
    "  openai-certs check --project proj_abc           judge one project's certificates",
    "  openai-certs check --fail-within 7d --warn-within 21d --fail-on-warn",
    "  openai-certs check --exemptions exemptions.json --format junit --output-file certificates.xml",
    "  openai-certs list --format json",
    "  openai-certs fake-api --seed seed.json          a local fake of the API, for trying the above",
    "",
    "Exit codes:",
    ...Object.entries(EXIT_MEANINGS).map(([code, meaning]) => `  ${code}  ${meaning}`),
    "",
    `Environment: ${ENV_ADMIN_KEY} (an organization admin key; never a flag), ${ENV_BASE_URL}.`,
].join("\n");

function parseNow(text: string): Date {
    return parseIsoInstant(text, "--now");
}

/** A whole number for a flag, strictly: `""`, `"2.5"` and `"8x"` are refused, not read as 0, 2 or NaN. */
function wholeNumber(flag: string, text: string): number {
    if (!/^\d+$/.test(text.trim())) throw new InvalidArgumentError(flag, `must be a whole number, got ${JSON.stringify(text)}`);
    return Number(text);
}

if (require.main === module) {
    run(process.argv.slice(2)).then((code) => {
        if (code >= 0) process.exitCode = code;
    });
}

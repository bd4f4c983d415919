import type { ExpiryFinding } from "../../provider/expiry/evaluate-expiry";
import { CheckOutcome, FindingWeight, STATE_LABELS, describeScope, skipHint, skipReason, weightOf } from "./check-outcome";
import { workflowCommandData as data, workflowCommandProperty as property } from "./escape";

/**
 * The GitHub Actions report of `openai-certs check --format github`: workflow commands
 * (https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands) that the
 * runner turns into annotations on the run. The gate's verdict comes first (GitHub shows only the
 * first ten annotations of each level per step), then one annotation per finding that blocks
 * (`::error`), warns (`::warning`) or is exempted (`::notice`), most urgent first.
 *
 * Commands only work on stdout, so this format refuses `--output-file`. Every value goes through
 * `workflowCommandProperty` or `workflowCommandData`: a name cannot end the command, add a
 * property or start a line, so it can issue no command of its own.
 *
 * @example
 * ```ts
 * process.stdout.write(githubCheckReport(outcome));
 * // ::error title=OpenAI certificate expiry check::Certificate expiry check FAILED: 1 certificate must be rotated (...)
 * // ::error title=FAIL%3A gateway (cert_gateway)::Certificate "gateway" (cert_gateway) expires in 5 days 0 hours, ...
 * ```
 */
export function githubCheckReport(outcome: CheckOutcome): string {
    if (outcome.kind === "unchecked") return `${command("error", `OpenAI certificate expiry check could not run (${describeScope(outcome.scope)})`, outcome.summary)}\n`;
    const lines = [command(outcome.exitCode === 0 ? "notice" : "error", `OpenAI certificate expiry check (${describeScope(outcome.scope)})`, outcome.summary)];
    for (const f of outcome.report.findings) {
        const weight = weightOf(f, outcome.failOnWarn);
        if (weight === "passes") continue;
        const message = weight === "blocks" && f.severity === "warn" ? `${f.message} Warnings are not allowed (--fail-on-warn).` : f.message;
        lines.push(command(LEVELS[weight], title(f), message));
    }
    // Skipped certificates are many and alike: one notice says how many and why, not one each
    // (GitHub shows ten annotations of a level per step).
    const skipped = outcome.report.counts.skipped;
    if (skipped) lines.push(command("notice", `${skipped} skipped`, `${skipped} certificate${skipped === 1 ? " was" : "s were"} not judged: ${skipReason(outcome.scope)}; ${skipHint(outcome.scope)}.`));
    return `${lines.join("\n")}\n`;
}

const LEVELS: Record<Exclude<FindingWeight, "passes">, "error" | "warning" | "notice"> = { blocks: "error", warns: "warning", notes: "notice" };

function title(f: ExpiryFinding): string {
    return `${STATE_LABELS[f.state].word}: ${f.name ?? "(unnamed)"} (${f.id})`;
}

function command(level: "error" | "warning" | "notice", titleText: string, message: string): string {
    return `::${level} title=${property(titleText)}::${data(message)}`;
}

import { escapeControlCharacters } from "../api/text-escape";
import type { CertificateToEvaluate, ExpiryFinding, ExpiryReport } from "./expiry-report";
import { CERTIFICATE_STATES, CertificateState } from "./certificate-states";
import type { ResolvedExpiryOptions } from "./expiry-options";
import { isoFromUnixSeconds } from "../api/iso-time";
import { countOf, describeSpan, describeTimeLeft } from "../api/duration";
import { RenewalIndex, RenewalVerdict, labelOf } from "./renewals";

/*
 * The sentences of the expiry evaluation: each finding's message, the report's summary, and how a
 * span of time is said. Pulumi-free, like the evaluation that decides (evaluate-expiry.ts); the CLI's
 * reports, the policies and the assertion all show these words. Spans of time are said by
 * `describeSpan` and `describeTimeLeft`, beside the parser of durations (provider/duration.ts).
 */

const iso = isoFromUnixSeconds;

/** What every judgement shares: the options and the threshold phrases, built once. */
export interface JudgeContext {
    readonly opts: ResolvedExpiryOptions;
    readonly failText: string;
    readonly warnText: string;
    /** The certificates that may renew others, when any key was read. */
    readonly renewalIndex?: RenewalIndex;
}

/** The phrases that name the thresholds in findings: `within the fail threshold of 14 days`. */
export function thresholdPhrases(opts: Pick<ResolvedExpiryOptions, "failWithinSeconds" | "warnWithinSeconds">): { failText: string; warnText: string } {
    return {
        failText: `within the fail threshold of ${describeSpan(opts.failWithinSeconds)}`,
        warnText: `within the warning threshold of ${describeSpan(opts.warnWithinSeconds)}`,
    };
}

/** One finding's message: who, where, when, against which threshold, and what to do. */
export function describeFinding(
    c: CertificateToEvaluate,
    state: CertificateState,
    remaining: number | undefined,
    exemption: ExpiryFinding["exemption"] | undefined,
    projects: readonly string[] | undefined,
    anomalies: readonly string[] | undefined,
    { opts, failText, warnText }: JudgeContext,
    renewal?: RenewalVerdict,
): string {
    // Names, ids and reasons come from the API or from users: escaped, so that a name cannot add a
    // line, drive the terminal or issue a CI workflow command (issue 12, item 14).
    const label = `Certificate ${c.name === null ? "(unnamed)" : `"${escapeControlCharacters(c.name)}"`} (${escapeControlCharacters(c.id)})`;
    const where = projects ? `, active in project${projects.length === 1 ? "" : "s"} ${escapeControlCharacters(projects.join(", "))},` : "";
    const timing =
        remaining === undefined
            ? "has no expiry date in the API"
            : remaining <= 0
              ? `expired ${describeTimeLeft(-remaining)} ago, on ${iso(c.expiresAt!)}`
              : `expires in ${describeTimeLeft(remaining)}, on ${iso(c.expiresAt!)}`;
    const rotate = "Upload a replacement and activate it before then.";
    let text: string;
    switch (state) {
        case "skipped":
            text = `${label} is inactive and was not judged (it ${timing}).`;
            break;
        case "exempted":
            text = `${label}${where} ${timing}; exempted until ${exemption!.until}: ${escapeControlCharacters(exemption!.reason)}.`;
            break;
        case "notYetValid":
            text = `${label}${where} is active but not valid until ${iso(c.validAt!)} (in ${describeTimeLeft(c.validAt! - opts.nowSeconds)}); clients using it will be refused until then. Deactivate it, or wait before activating it.`;
            break;
        case "unknown":
            text = opts.failOnUnknown
                ? `${label}${where} ${timing}, and failOnUnknown is set. Check the certificate and re-upload it if needed.`
                : `${label}${where} ${timing}; its expiry cannot be checked.`;
            break;
        case "expired":
            text = `${label}${where} ${timing}. Clients using it can no longer connect: activate a replacement and deactivate it.`;
            break;
        case "fail":
            text = `${label}${where} ${timing}: ${failText}. ${rotate} If this update is the rotation, exempt this certificate for it (an exemption with its id, a reason and an until date, in the gate's configuration).`;
            break;
        case "warn":
            text = `${label}${where} ${timing}: ${warnText}. ${rotate}`;
            break;
        case "renewed": {
            const s = (renewal as Extract<RenewalVerdict, { kind: "renewed" }>).successor;
            const then =
                remaining !== undefined && remaining <= 0
                    ? "Deactivate it and delete it."
                    : opts.renewals === "warn"
                      ? 'Deactivate it once the rotation is done (renewals: "warn" makes a renewal a warning).'
                      : "No exemption is needed; deactivate it once the rotation is done.";
            text = `${label}${where} ${timing}; renewed by ${labelOf(s)}, active with the same subject and public key until ${iso(s.expiresAt!)}: the client certificates it signed verify against that one. ${then}`;
            break;
        }
        default:
            text = `${label}${where} ${timing}.`;
    }
    if (renewal?.kind === "notRenewed") text += ` ${renewal.reason}`;
    else if (renewal?.kind === "renewed" && state !== "renewed") {
        text += ` It is renewed by ${labelOf(renewal.successor)} (same subject and public key, until ${iso(renewal.successor.expiresAt!)}), but renewals: "judge" judges it as any certificate.`;
    }
    if (exemption?.lapsed && state !== "skipped") text += ` Its exemption ("${escapeControlCharacters(exemption.reason)}") lapsed on ${exemption.until}.`;
    if (anomalies) text += ` Data problem: ${anomalies.join("; ")}.`;
    return text;
}

/**
 * A report's one-line summary: the verdict, how many certificates ended in each state, and the
 * earliest active expiry, with names and ids escaped as in findings' messages. It is the report's
 * `summary`; a caller whose gate is stricter than the evaluation (the command's `--fail-on-warn`)
 * passes its own `verdict`, so that the line does not say "passed" when the gate did not.
 *
 * @param verdict - what follows "Certificate expiry check"; without it, the evaluation's own:
 * "passed", "passed with 2 warnings" or "FAILED: 1 certificate must be rotated"
 * @example
 * ```ts
 * summarizeExpiry(report, "failed: warnings are not allowed (--fail-on-warn)");
 * // "Certificate expiry check failed: warnings are not allowed (--fail-on-warn) (1 warn, 2 ok); earliest active expiry: ..."
 * ```
 */
export function summarizeExpiry(r: Omit<ExpiryReport, "summary">, verdict?: string): string {
    let blocking = 0;
    let warnings = 0;
    for (const f of r.findings) {
        if (f.severity === "fail") blocking += 1;
        else if (f.severity === "warn") warnings += 1;
    }
    const counted = CERTIFICATE_STATES.filter((s) => r.counts[s] > 0).map((s) => `${r.counts[s]} ${s}`);
    const head = verdict ?? (r.passed ? (warnings ? `passed with ${countOf(warnings, "warning")}` : "passed") : `FAILED: ${countOf(blocking, "certificate")} must be rotated`);
    const earliest = r.earliestExpiring
        ? `; earliest active expiry: ${r.earliestExpiring.name === null ? "(unnamed)" : escapeControlCharacters(r.earliestExpiring.name)} (${escapeControlCharacters(r.earliestExpiring.id)}) on ${iso(r.earliestExpiring.expiresAt)}`
        : "";
    return `Certificate expiry check ${head} (${counted.join(", ") || "no certificates"})${earliest}.`;
}

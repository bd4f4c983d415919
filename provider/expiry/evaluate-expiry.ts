import { isLeft } from "fp-ts/lib/Either";
import { InvalidArgumentError } from "../api/errors/argument-error";
import { CertificateCodec } from "../api/codecs";
import { validationIssues } from "../api/decode";
import { daysLeft } from "../api/duration";
import { isExpired, isWithinThreshold } from "./expiry-rule";
import { escapeControlCharacters } from "../api/text-escape";
import { ExpiryOptions, ResolvedExemption, resolveExpiryOptions } from "./expiry-options";
import { CERTIFICATE_STATES, CertificateState, Severity } from "./certificate-states";
import { JudgeContext, describeFinding, summarizeExpiry, thresholdPhrases } from "./expiry-wording";
import { isoFromUnixSeconds } from "../api/iso-time";
import type { CertificateToEvaluate, ExpiryFinding, ExpiryReport } from "./expiry-report";
import { RenewalVerdict, judgeRenewal, renewalIndex } from "./renewals";

const iso = isoFromUnixSeconds;

export { CERTIFICATE_STATES, CertificateState, Severity } from "./certificate-states";

export { CertificateToEvaluate, ExpiryFinding, ExpiryReport } from "./expiry-report";

/** Clock skew tolerated before a future `validAt` counts as not yet valid. */
export const VALIDITY_SKEW_SECONDS = 300;

/** A list of certificates, or anything that holds one (`getCertificates`' result): what the evaluation and the gates take. */
export type CertificatesToEvaluate = readonly CertificateToEvaluate[] | { readonly certificates: readonly CertificateToEvaluate[] };

/**
 * @deprecated Renamed {@link CertificateToEvaluate} in 0.2.0: it is the evaluation's input, not its
 * result (that is an {@link ExpiryFinding}). Kept so that code written for 0.1 compiles.
 */
export type EvaluatedCertificate = CertificateToEvaluate;

/**
 * @deprecated Renamed {@link CertificatesToEvaluate} in 0.2.0: the old name was one letter away from
 * `CertificatesInputs` (now `CertificatesResourceInputs`), the resource's provider inputs. Kept so that code written for 0.1 compiles.
 */
export type CertificatesInput = CertificatesToEvaluate;

/**
 * Judges each certificate against the expiry thresholds. Pure: it reads neither the network nor the
 * clock (beyond defaulting `now` once), so the same input always gives the same report.
 *
 * Fails closed on data it cannot read. Every certificate is checked against `CertificateCodec` (the
 * domain type's codec) before anything is judged, and the first one that does not match throws an
 * {@link InvalidArgumentError} whose `argument` names its index and field (`certificates[3].expiresAt`)
 * and whose message names its id; no report is returned, so unreadable data is never `ok`, never
 * `skipped` and never a mere warning. Times must be whole Unix seconds from 0 to below 10^11 (the
 * year 5138): `NaN`, an ISO string and a number of milliseconds (a 2026 date in milliseconds is about
 * 1.8 x 10^12) are refused, not read. `active` must be a boolean; a missing one is refused rather than
 * read as inactive, which would skip the certificate.
 *
 * @example
 * ```ts
 * const report = evaluateCertificateExpiry(await getCertificates(), { warnWithin: "30d", failWithin: "14d" });
 * if (!report.passed) console.error(report.summary);
 * ```
 */
export function evaluateCertificateExpiry(input: CertificatesToEvaluate, options: ExpiryOptions = {}): ExpiryReport {
    const opts = resolveExpiryOptions(options);
    const certificates = certificatesOf(input);
    const context: JudgeContext = { opts, ...thresholdPhrases(opts), renewalIndex: renewalIndex(certificates, opts.nowSeconds, opts.failWithinSeconds) };
    const findings = sortByUrgency(certificates.map((c) => judge(c, context)));
    const counts = Object.fromEntries(CERTIFICATE_STATES.map((s) => [s, 0])) as Record<CertificateState, number>;
    let passed = true;
    let earliest: ExpiryFinding | undefined;
    for (const f of findings) {
        counts[f.state] += 1;
        if (f.severity === "fail") passed = false;
        if (f.active && f.expiresAt !== undefined && (earliest === undefined || f.expiresAt < earliest.expiresAt!)) earliest = f;
    }
    const report = {
        evaluatedAt: opts.nowSeconds,
        passed,
        thresholds: {
            warnWithinSeconds: opts.warnWithinSeconds,
            failWithinSeconds: opts.failWithinSeconds,
            failOnUnknown: opts.failOnUnknown,
            includeInactive: opts.includeInactive,
            renewals: opts.renewals,
        },
        counts,
        findings,
        ...(earliest ? { earliestExpiring: { id: earliest.id, name: earliest.name, expiresAt: earliest.expiresAt!, daysRemaining: earliest.daysRemaining! } } : {}),
    };
    return { ...report, summary: summarizeExpiry(report) };
}

function certificatesOf(input: CertificatesToEvaluate): readonly CertificateToEvaluate[] {
    const list: unknown = Array.isArray(input) ? input : (input as { certificates?: unknown } | null | undefined)?.certificates;
    if (!Array.isArray(list)) {
        throw new InvalidArgumentError("certificates", "must be a list of certificates, or a result with a `certificates` list such as getCertificates' result");
    }
    for (let i = 0; i < list.length; i++) {
        // `is` allocates nothing; only a certificate that fails it pays for the decode that names the field.
        if (!CertificateCodec.is(list[i])) throw unreadableCertificate(list[i], i);
    }
    return list;
}

/** Why certificate `index` cannot be judged, naming its first bad field and, when it has one, its id. */
function unreadableCertificate(value: unknown, index: number): InvalidArgumentError {
    const result = CertificateCodec.decode(value);
    const issue = isLeft(result) ? validationIssues(result.left)[0] : undefined;
    const path = issue?.path ?? "";
    const record = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    const which = typeof record?.id === "string" ? `certificate "${escapeControlCharacters(record.id)}"` : `the certificate at index ${index}`;
    const field = path.split(".")[0];
    const expected = record === undefined ? "an object" : (FIELD_RULES[field] ?? issue?.expected ?? "a valid value");
    const got = record === undefined ? describeValue(value) : describeValue(path.split(".").reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], record));
    return new InvalidArgumentError(
        `certificates[${index}]${path ? `.${path}` : ""}`,
        `${which} cannot be judged: expected ${expected}, got ${got}. No certificate was judged: unreadable data fails the check.`,
    );
}

const UNIX_SECONDS_RULE = "whole Unix seconds from 0 to below 10^11 (a larger number is read as milliseconds and refused)";
const FIELD_RULES: Record<string, string> = {
    id: "a string",
    object: "a string",
    name: "a string or null",
    active: "true or false",
    activeAnywhere: "true or false, or nothing",
    activeProjectIds: "a list of project ids, or nothing",
    createdAt: UNIX_SECONDS_RULE,
    validAt: `${UNIX_SECONDS_RULE}, or nothing`,
    expiresAt: `${UNIX_SECONDS_RULE}, or nothing`,
    subject: "a string, or nothing",
    publicKeySha256: "a string, or nothing",
    contentProblem: "a string, or nothing",
};

function describeValue(value: unknown): string {
    if (value === undefined) return "nothing";
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
    if (typeof value === "string") return escapeControlCharacters(JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value));
    if (value === null) return "null";
    return Array.isArray(value) ? "a list" : `a ${typeof value}`;
}


/**
 * One certificate's finding. Written to allocate little: at 100,000 certificates, per-finding object
 * spreads and closures were most of the evaluation's time (see bench/RESULTS.md).
 */
function judge(c: CertificateToEvaluate, context: JudgeContext): ExpiryFinding {
    const { opts } = context;
    const now = opts.nowSeconds;
    const active = c.activeAnywhere ?? c.active;
    const expiresAt = c.expiresAt;
    const remaining = expiresAt === undefined ? undefined : expiresAt - now;

    // The verdict first; the words after.
    let state: CertificateState = "ok";
    let severity: Severity = "pass";
    const exemption = active || opts.includeInactive ? findExemption(c, opts.exemptions, now) : undefined;
    if (!active && !opts.includeInactive) {
        state = "skipped";
        severity = "info";
    } else if (exemption && !exemption.lapsed) {
        state = "exempted";
        severity = "info";
    } else if (c.validAt !== undefined && c.validAt - now > VALIDITY_SKEW_SECONDS) {
        state = "notYetValid";
        severity = "fail";
    } else if (remaining === undefined) {
        state = "unknown";
        severity = opts.failOnUnknown ? "fail" : "warn";
    } else if (isExpired(remaining)) {
        state = "expired";
        severity = "fail";
    } else if (isWithinThreshold(remaining, opts.failWithinSeconds)) {
        state = "fail";
        severity = "fail";
    } else if (isWithinThreshold(remaining, opts.warnWithinSeconds)) {
        state = "warn";
        severity = "warn";
    }
    // A certificate that warns or fails on its expiry may be renewed (renewals.ts has the rule).
    let renewal: RenewalVerdict | undefined;
    if (active && (state === "warn" || state === "fail" || state === "expired")) {
        renewal = judgeRenewal(c, context.renewalIndex);
        if (renewal?.kind === "renewed" && opts.renewals !== "judge") {
            state = "renewed";
            severity = opts.renewals === "warn" || isExpired(remaining!) ? "warn" : "info";
        }
    }

    const projects = c.activeProjectIds && c.activeProjectIds.length ? c.activeProjectIds : undefined;
    const dateAnomalies = expiresAt !== undefined && c.validAt !== undefined && expiresAt < c.validAt ? [`expiresAt (${iso(expiresAt)}) is before validAt (${iso(c.validAt)})`] : undefined;
    const anomalies = c.expiryDisagreement ? [...(dateAnomalies ?? []), c.expiryDisagreement] : dateAnomalies;
    const finding: { -readonly [K in keyof ExpiryFinding]: ExpiryFinding[K] } = {
        id: c.id,
        name: c.name,
        state,
        severity,
        active,
        message: describeFinding(c, state, remaining, exemption, projects, anomalies, context, renewal),
    };
    if (expiresAt !== undefined) {
        finding.expiresAt = expiresAt;
        finding.daysRemaining = daysLeft(remaining!);
    }
    if (projects) finding.projects = [...projects];
    if (exemption) finding.exemption = exemption;
    if (state === "renewed" && renewal?.kind === "renewed") {
        const s = renewal.successor;
        finding.renewedBy = { id: s.id, name: s.name, expiresAt: s.expiresAt! };
    }
    if (anomalies) finding.anomalies = anomalies;
    return finding;
}

function findExemption(c: CertificateToEvaluate, exemptions: readonly ResolvedExemption[], now: number): ExpiryFinding["exemption"] | undefined {
    if (exemptions.length === 0) return undefined;
    const matching = exemptions.filter((e) => e.matches(c));
    if (matching.length === 0) return undefined;
    // A live exemption wins over a lapsed one; among several, the one that lasts longest.
    const best = matching.reduce((a, b) => (b.untilSeconds > a.untilSeconds ? b : a));
    return { reason: best.reason, until: best.until, lapsed: best.untilSeconds <= now };
}

const URGENCY: Record<CertificateState, number> = Object.fromEntries(CERTIFICATE_STATES.map((s, i) => [s, i])) as Record<CertificateState, number>;

/**
 * Most urgent state first, then earliest expiry (none last), then id. The keys live in typed arrays
 * and an index array is sorted, so sorting 100,000 findings allocates no object per finding.
 */
function sortByUrgency(findings: ExpiryFinding[]): ExpiryFinding[] {
    const n = findings.length;
    const rank = new Uint8Array(n);
    const expires = new Float64Array(n);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
        const f = findings[i];
        rank[i] = URGENCY[f.state];
        expires[i] = f.expiresAt ?? Number.MAX_VALUE;
        order[i] = i;
    }
    order.sort((a, b) => rank[a] - rank[b] || expires[a] - expires[b] || (findings[a].id < findings[b].id ? -1 : findings[a].id > findings[b].id ? 1 : 0));
    const sorted = new Array<ExpiryFinding>(n);
    for (let i = 0; i < n; i++) sorted[i] = findings[order[i]];
    return sorted;
}

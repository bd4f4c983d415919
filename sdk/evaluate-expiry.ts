import { Certificate } from "../provider";
import { ExpiryOptions, ResolvedExemption, describeSpan, resolveExpiryOptions } from "./expiry-options";

/** What the evaluation concluded about one certificate. */
export type CertificateState =
    /** Expires after the warning threshold. */
    | "ok"
    /** Expires within `warnWithin`. */
    | "warn"
    /** Expires within `failWithin`. */
    | "fail"
    /** Already expired. */
    | "expired"
    /** Active, but `validAt` is more than 5 minutes in the future. */
    | "notYetValid"
    /** The API gave no expiry: warns, or fails with `failOnUnknown`. */
    | "unknown"
    /** Inactive, and `includeInactive` is off. */
    | "skipped"
    /** Covered by a live exemption. */
    | "exempted";

/** Every state, in the order reports list them. */
export const CERTIFICATE_STATES: readonly CertificateState[] = ["fail", "expired", "notYetValid", "unknown", "warn", "exempted", "ok", "skipped"];

/** How a finding weighs on the gate: `fail` blocks, `warn` is advisory, `pass` and `info` do neither. */
export type Severity = "fail" | "warn" | "pass" | "info";

/**
 * A certificate as the evaluation sees it: the list's fields, plus, from the organization-wide
 * view, whether it is active anywhere and in which projects.
 */
export interface EvaluatedCertificate extends Certificate {
    /** Active at the organization level or in any project; overrides `active` when present. */
    readonly activeAnywhere?: boolean;
    /** Projects where the certificate is active, named in findings. */
    readonly activeProjectIds?: readonly string[];
}

/** The evaluation of one certificate. */
export interface ExpiryFinding {
    readonly id: string;
    readonly name: string | null;
    readonly state: CertificateState;
    readonly severity: Severity;
    /** Whether it counted as active (`activeAnywhere` when given, else `active`). */
    readonly active: boolean;
    /** Unix seconds, when the API gives it. */
    readonly expiresAt?: number;
    /** Days until expiry, to two decimals; negative once expired. Absent without `expiresAt`. */
    readonly daysRemaining?: number;
    /** Projects where it is active, from the organization-wide view. */
    readonly projects?: readonly string[];
    /** The exemption that matched, live or lapsed. */
    readonly exemption?: { readonly reason: string; readonly until: string; readonly lapsed: boolean };
    /** Problems in the data itself, such as an expiry before the start of validity. */
    readonly anomalies?: readonly string[];
    /** One or two sentences a person can act on. */
    readonly message: string;
}

/** The whole evaluation. Plain JSON. */
export interface ExpiryReport {
    /** When it was judged, Unix seconds. */
    readonly evaluatedAt: number;
    /** False if any active certificate is fail, expired, notYetValid, or unknown with `failOnUnknown`. */
    readonly passed: boolean;
    readonly thresholds: { readonly warnWithinSeconds: number; readonly failWithinSeconds: number; readonly failOnUnknown: boolean; readonly includeInactive: boolean };
    /** How many certificates ended in each state. */
    readonly counts: Readonly<Record<CertificateState, number>>;
    /** One per certificate, most urgent first. */
    readonly findings: readonly ExpiryFinding[];
    /** The active certificate that expires first, if any has an expiry. */
    readonly earliestExpiring?: { readonly id: string; readonly name: string | null; readonly expiresAt: number; readonly daysRemaining: number };
    /** One line for logs and the CLI. */
    readonly summary: string;
}

/** Clock skew tolerated before a future `validAt` counts as not yet valid. */
export const VALIDITY_SKEW_SECONDS = 300;

/** A list of certificates, or anything that holds one (`getCertificates`' result). */
export type CertificatesInput = readonly EvaluatedCertificate[] | { readonly certificates: readonly EvaluatedCertificate[] };

/**
 * Judges each certificate against the expiry thresholds. Pure: it reads neither the network nor the
 * clock (beyond defaulting `now` once), so the same input always gives the same report.
 *
 * @example
 * ```ts
 * const report = evaluateCertificateExpiry(await getCertificates(), { warnWithin: "30d", failWithin: "14d" });
 * if (!report.passed) console.error(report.summary);
 * ```
 */
export function evaluateCertificateExpiry(input: CertificatesInput, options: ExpiryOptions = {}): ExpiryReport {
    const opts = resolveExpiryOptions(options);
    const certificates = certificatesOf(input);
    const findings = certificates.map((c) => judge(c, opts)).sort(byUrgency);
    const counts = Object.fromEntries(CERTIFICATE_STATES.map((s) => [s, 0])) as Record<CertificateState, number>;
    for (const f of findings) counts[f.state] += 1;

    const earliest = findings
        .filter((f) => f.active && f.expiresAt !== undefined)
        .reduce<ExpiryFinding | undefined>((best, f) => (best === undefined || f.expiresAt! < best.expiresAt! ? f : best), undefined);
    const passed = findings.every((f) => f.severity !== "fail");
    const report = {
        evaluatedAt: opts.nowSeconds,
        passed,
        thresholds: {
            warnWithinSeconds: opts.warnWithinSeconds,
            failWithinSeconds: opts.failWithinSeconds,
            failOnUnknown: opts.failOnUnknown,
            includeInactive: opts.includeInactive,
        },
        counts,
        findings,
        ...(earliest ? { earliestExpiring: { id: earliest.id, name: earliest.name, expiresAt: earliest.expiresAt!, daysRemaining: earliest.daysRemaining! } } : {}),
    };
    return { ...report, summary: summarize(report) };
}

function certificatesOf(input: CertificatesInput): readonly EvaluatedCertificate[] {
    const list = Array.isArray(input) ? input : (input as { certificates?: unknown }).certificates;
    if (!Array.isArray(list)) {
        throw new TypeError("evaluateCertificateExpiry takes a list of certificates or a result with a `certificates` list");
    }
    return list;
}

function judge(c: EvaluatedCertificate, opts: ReturnType<typeof resolveExpiryOptions>): ExpiryFinding {
    const now = opts.nowSeconds;
    const active = c.activeAnywhere ?? c.active;
    const label = `Certificate ${c.name === null ? "(unnamed)" : `"${c.name}"`} (${c.id})`;
    const where = c.activeProjectIds && c.activeProjectIds.length ? `, active in project${c.activeProjectIds.length === 1 ? "" : "s"} ${c.activeProjectIds.join(", ")},` : "";
    const remaining = c.expiresAt === undefined ? undefined : c.expiresAt - now;
    const anomalies: string[] = [];
    if (c.expiresAt !== undefined && c.validAt !== undefined && c.expiresAt < c.validAt) {
        anomalies.push(`expiresAt (${iso(c.expiresAt)}) is before validAt (${iso(c.validAt)})`);
    }
    const base = {
        id: c.id,
        name: c.name,
        active,
        ...(c.expiresAt !== undefined ? { expiresAt: c.expiresAt, daysRemaining: Math.round((remaining! / 86_400) * 100) / 100 } : {}),
        ...(c.activeProjectIds && c.activeProjectIds.length ? { projects: [...c.activeProjectIds] } : {}),
        ...(anomalies.length ? { anomalies } : {}),
    };
    const note = anomalies.length ? ` Data problem: ${anomalies.join("; ")}.` : "";
    const finding = (state: CertificateState, severity: Severity, message: string, exemption?: ExpiryFinding["exemption"]): ExpiryFinding => ({
        ...base,
        state,
        severity,
        ...(exemption ? { exemption } : {}),
        message: message + note,
    });

    const timing = remaining === undefined ? "has no expiry date in the API" : remaining <= 0 ? `expired ${describeTimeLeft(-remaining)} ago, on ${iso(c.expiresAt!)}` : `expires in ${describeTimeLeft(remaining)}, on ${iso(c.expiresAt!)}`;

    if (!active && !opts.includeInactive) {
        return finding("skipped", "info", `${label} is inactive and was not judged (it ${timing}).`);
    }

    const exemption = findExemption(c, opts.exemptions, now);
    if (exemption && !exemption.lapsed) {
        return finding("exempted", "info", `${label}${where} ${timing}; exempted until ${exemption.until}: ${exemption.reason}.`, exemption);
    }
    const lapsedNote = exemption ? ` Its exemption ("${exemption.reason}") lapsed on ${exemption.until}.` : "";
    const verdict = (state: CertificateState, severity: Severity, text: string) => finding(state, severity, text + lapsedNote, exemption);

    if (c.validAt !== undefined && c.validAt - now > VALIDITY_SKEW_SECONDS) {
        return verdict("notYetValid", "fail", `${label}${where} is active but not valid until ${iso(c.validAt)} (in ${describeTimeLeft(c.validAt - now)}); clients using it will be refused until then. Deactivate it, or wait before activating it.`);
    }
    if (remaining === undefined) {
        return opts.failOnUnknown
            ? verdict("unknown", "fail", `${label}${where} ${timing}, and failOnUnknown is set. Check the certificate and re-upload it if needed.`)
            : verdict("unknown", "warn", `${label}${where} ${timing}; its expiry cannot be checked.`);
    }
    const rotate = "Upload a replacement and activate it before then.";
    if (remaining <= 0) {
        return verdict("expired", "fail", `${label}${where} ${timing}. Clients using it can no longer connect: activate a replacement and deactivate it.`);
    }
    if (remaining <= opts.failWithinSeconds) {
        return verdict("fail", "fail", `${label}${where} ${timing}: within the fail threshold of ${describeSpan(opts.failWithinSeconds)}. ${rotate}`);
    }
    if (remaining <= opts.warnWithinSeconds) {
        return verdict("warn", "warn", `${label}${where} ${timing}: within the warning threshold of ${describeSpan(opts.warnWithinSeconds)}. ${rotate}`);
    }
    return verdict("ok", "pass", `${label}${where} ${timing}.`);
}

function findExemption(c: EvaluatedCertificate, exemptions: readonly ResolvedExemption[], now: number): ExpiryFinding["exemption"] | undefined {
    const matching = exemptions.filter((e) => e.matches(c));
    if (matching.length === 0) return undefined;
    // A live exemption wins over a lapsed one; among several, the one that lasts longest.
    const best = matching.reduce((a, b) => (b.untilSeconds > a.untilSeconds ? b : a));
    return { reason: best.reason, until: best.until, lapsed: best.untilSeconds <= now };
}

const URGENCY: Record<CertificateState, number> = Object.fromEntries(CERTIFICATE_STATES.map((s, i) => [s, i])) as Record<CertificateState, number>;

function byUrgency(a: ExpiryFinding, b: ExpiryFinding): number {
    return URGENCY[a.state] - URGENCY[b.state] || (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function summarize(r: Omit<ExpiryReport, "summary">): string {
    const blocking = r.findings.filter((f) => f.severity === "fail").length;
    const warnings = r.findings.filter((f) => f.severity === "warn").length;
    const counted = CERTIFICATE_STATES.filter((s) => r.counts[s] > 0).map((s) => `${r.counts[s]} ${s}`);
    const head = r.passed ? (warnings ? `passed with ${warnings} warning${warnings === 1 ? "" : "s"}` : "passed") : `FAILED: ${blocking} certificate${blocking === 1 ? "" : "s"} must be rotated`;
    const earliest = r.earliestExpiring
        ? `; earliest active expiry: ${r.earliestExpiring.name ?? "(unnamed)"} (${r.earliestExpiring.id}) on ${iso(r.earliestExpiring.expiresAt)}`
        : "";
    return `Certificate expiry check ${head} (${counted.join(", ") || "no certificates"})${earliest}.`;
}

/** Days and hours, always both: `4 days 23 hours`, `0 days 5 hours`. */
export function describeTimeLeft(seconds: number): string {
    const days = Math.floor(seconds / 86_400);
    const hours = Math.floor((seconds % 86_400) / 3600);
    return `${days} day${days === 1 ? "" : "s"} ${hours} hour${hours === 1 ? "" : "s"}`;
}

function iso(seconds: number): string {
    return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, "Z");
}

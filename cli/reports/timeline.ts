import type { CertificateState, CertificateToEvaluate, ExpiryReport } from "../../provider/expiry/evaluate-expiry";

const DAY = 86_400;

/** How many bars the timeline draws at most, most urgent first; the findings table lists every certificate. */
export const MAX_TIMELINE_BARS = 300;

/** One certificate's bar, in percent of the timeline's width. */
export interface TimelineBar {
    readonly id: string;
    readonly name: string | null;
    readonly state: CertificateState;
    /** Unix seconds the bar stands for: `validAt` (else `createdAt`) to `expiresAt` (none when unknown). */
    readonly from: number;
    readonly to?: number;
    /** Left edge and width, percent; at least {@link MIN_BAR_PERCENT} wide so that every bar can be seen. */
    readonly x: number;
    readonly width: number;
    /** The validity runs on before the left edge or after the right edge of the timeline. */
    readonly clippedStart: boolean;
    readonly clippedEnd: boolean;
    /** Where a live or lapsed exemption ends, percent, when it falls inside the timeline. */
    readonly exemptionEndX?: number;
    /**
     * For a renewed certificate: its successor's validity, drawn under its bar (percent, as the bar),
     * so that a reader sees the successor take over before it expires.
     */
    readonly successor?: { readonly id: string; readonly name: string | null; readonly from: number; readonly to: number; readonly x: number; readonly width: number; readonly clippedEnd: boolean };
}

/** A tick of the time axis at the start of a month, percent. `minor` ticks are hidden on narrow screens. */
export interface TimelineTick {
    readonly x: number;
    readonly label: string;
    readonly minor: boolean;
}

/** What the HTML report draws: the time span, the line at now, the fail and warn bands, ticks and bars. */
export interface TimelineLayout {
    readonly from: number;
    readonly to: number;
    readonly nowX: number;
    /** The fail band runs from now to now + failWithin, the warn band from there to now + warnWithin; percent. */
    readonly failBand: { readonly x: number; readonly width: number };
    readonly warnBand: { readonly x: number; readonly width: number };
    readonly ticks: readonly TimelineTick[];
    readonly bars: readonly TimelineBar[];
    /** Certificates left out of the timeline past {@link MAX_TIMELINE_BARS}. */
    readonly omitted: number;
}

/** The most days the timeline shows before now. */
export const TIMELINE_DAYS_BACK = 90;
/** The fewest days the timeline may show after now when a certificate expires later than that. */
export const TIMELINE_DAYS_AHEAD = 180;

/** The narrowest bar, percent: an expired certificate far left of the span still shows as a sliver. */
export const MIN_BAR_PERCENT = 0.6;

/**
 * Lays out the timeline of a report: pure, from the report and the certificates as read (findings
 * carry no `validAt`). The span is chosen for deciding what to rotate first, so the days around now
 * get the width: at most {@link TIMELINE_DAYS_BACK} days back and, ahead, twice the warning
 * threshold plus a month but at least {@link TIMELINE_DAYS_AHEAD} days; at least 30 days back and
 * the warning threshold ahead; and no wider than the certificates need. A validity that runs on past
 * an edge is drawn to the edge and marked clipped. (Over a one-year validity drawn whole, a 14-day
 * fail band is a hairline, and a certificate expiring in 5 days looks like one that expired.)
 *
 * @example
 * ```ts
 * const layout = timelineLayout(report, certificates);
 * layout.bars[0].x; // percent from the left edge
 * ```
 */
export function timelineLayout(report: ExpiryReport, certificates: readonly CertificateToEvaluate[]): TimelineLayout {
    const now = report.evaluatedAt;
    const { failWithinSeconds, warnWithinSeconds } = report.thresholds;
    const byId = new Map<string, CertificateToEvaluate>();
    for (const c of certificates) byId.set(c.id, c);
    const shown = report.findings.slice(0, MAX_TIMELINE_BARS);

    let earliest = now - 30 * DAY;
    let latest = now + warnWithinSeconds + 15 * DAY;
    for (const f of shown) {
        const c = byId.get(f.id);
        const start = c?.validAt ?? c?.createdAt;
        if (start !== undefined && start < earliest) earliest = start;
        if (f.expiresAt === undefined) latest = Infinity;
        else if (f.expiresAt > latest) latest = f.expiresAt;
        if (f.renewedBy && f.renewedBy.expiresAt > latest) latest = f.renewedBy.expiresAt;
    }
    const from = Math.max(earliest, now - TIMELINE_DAYS_BACK * DAY);
    const to = Math.min(latest, now + Math.max(TIMELINE_DAYS_AHEAD * DAY, 2 * warnWithinSeconds + 30 * DAY));
    const span = to - from;
    const pct = (t: number) => round(((t - from) / span) * 100);
    const clamp = (p: number) => Math.min(100, Math.max(0, p));

    /** A validity as percent of the width: at least a sliver, at the nearer edge, inside the timeline. */
    const extent = (start: number, end: number | undefined) => {
        let x = clamp(pct(start));
        let right = end === undefined ? 100 : clamp(pct(end));
        if (right - x < MIN_BAR_PERCENT) {
            if (x + MIN_BAR_PERCENT > 100) x = 100 - MIN_BAR_PERCENT;
            right = x + MIN_BAR_PERCENT;
        }
        return { x: round(x), width: round(right - x) };
    };

    const bars = shown.map((f): TimelineBar => {
        const c = byId.get(f.id);
        const start = c?.validAt ?? c?.createdAt ?? from;
        const end = f.expiresAt;
        const { x, width } = extent(start, end);
        const successor = f.renewedBy ? byId.get(f.renewedBy.id) : undefined;
        const successorFrom = successor?.validAt ?? successor?.createdAt ?? now;
        const until = f.exemption ? Date.parse(f.exemption.until) / 1000 : NaN;
        return {
            id: f.id,
            name: f.name,
            state: f.state,
            from: start,
            ...(end !== undefined ? { to: end } : {}),
            x,
            width,
            clippedStart: start < from,
            clippedEnd: end === undefined || end > to,
            ...(Number.isFinite(until) && until >= from && until <= to ? { exemptionEndX: pct(until) } : {}),
            ...(f.renewedBy
                ? {
                      successor: {
                          id: f.renewedBy.id,
                          name: f.renewedBy.name,
                          from: successorFrom,
                          to: f.renewedBy.expiresAt,
                          ...extent(successorFrom, f.renewedBy.expiresAt),
                          clippedEnd: f.renewedBy.expiresAt > to,
                      },
                  }
                : {}),
        };
    });

    const nowX = pct(now);
    const failEnd = clamp(pct(now + failWithinSeconds));
    const warnEnd = clamp(pct(now + warnWithinSeconds));
    return {
        from,
        to,
        nowX,
        failBand: { x: nowX, width: round(failEnd - nowX) },
        warnBand: { x: failEnd, width: round(Math.max(0, warnEnd - failEnd)) },
        ticks: monthTicks(from, to, pct),
        bars,
        omitted: report.findings.length - shown.length,
    };
}

/** The most ticks the time axis gets, whatever the span. */
export const MAX_TIMELINE_TICKS = 8;

/**
 * Month starts inside the span, every 1, 2, 3, 6 or 12 months, or every so many years for a span
 * of decades, so that there are at most {@link MAX_TIMELINE_TICKS}. The loop is bounded by that
 * count, not by the dates: past the year 275760 `Date.UTC` is NaN, `NaN > to` is false, and a loop
 * that waited for a date past the end never ended (issue 20, item 10).
 */
function monthTicks(from: number, to: number, pct: (t: number) => number): TimelineTick[] {
    const start = new Date(from * 1000);
    const months = (to - from) / (30.44 * DAY);
    const step = [1, 2, 3, 6, 12].find((s) => months / s <= MAX_TIMELINE_TICKS) ?? 12 * Math.ceil(months / 12 / MAX_TIMELINE_TICKS);
    let year = start.getUTCFullYear();
    let month = start.getUTCMonth() + 1; // the first month start after `from`
    if (step >= 12) {
        const years = step / 12;
        year = Math.ceil((year + 1) / years) * years;
        month = 0;
    } else {
        month = Math.ceil(month / step) * step;
    }
    const ticks: TimelineTick[] = [];
    // The first tick can fall in the span's first step, so MAX + 1 starts are looked at, no more.
    for (let i = 0; i <= MAX_TIMELINE_TICKS && ticks.length < MAX_TIMELINE_TICKS; i++) {
        const t = Date.UTC(year, month, 1) / 1000;
        if (!(t <= to)) break; // past the span, or past what a date can hold (NaN)
        const d = new Date(t * 1000);
        const label = step >= 12 ? String(d.getUTCFullYear()) : `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
        ticks.push({ x: pct(t), label, minor: ticks.length % 2 === 1 });
        month += step;
    }
    return ticks;
}

function round(p: number): number {
    return Math.round(p * 100) / 100;
}

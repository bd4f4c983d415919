import { InvalidArgumentError } from "./errors/argument-error";

/**
 * The units of a {@link Duration}, each with exactly one spelling, lower-case. Units used to be
 * case-folded, so `--fail-within 1M` (a month, to its author) meant one minute and let through a
 * certificate five days from expiry (issue 12, item 3). There is no month or year unit: their length
 * varies, and a gate should not guess.
 */
export const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

const UNITS_IN_WORDS = "s (seconds), m (minutes), h (hours), d (days) and w (weeks), written in lower case";

/**
 * A span of time: a string such as `"30d"`, `"36h"`, `"90m"`, `"2w"`, `"45s"` or a combination
 * (`"1d12h"`), or a number of days. Units are case-sensitive: `"30D"` and `"1M"` are refused. A
 * decimal fraction is allowed (`"1.5d"` is `"1d12h"`; the total is rounded to the nearest second).
 */
export type Duration = string | number;

/**
 * Parses a {@link Duration} into seconds. A leading `-` makes it negative (`"-3d"`, three days ago),
 * which seeds and fixtures use for expired certificates. Throws {@link InvalidArgumentError} naming
 * `argument` when the text is not a duration, with a message that lists the units.
 *
 * @example
 * ```ts
 * parseDurationSeconds("36h", "warnWithin"); // 129600
 * parseDurationSeconds(14, "failWithin");    // 1209600 (a number is days)
 * parseDurationSeconds("1M", "failWithin");  // throws: units are s, m, h, d and w, in lower case
 * ```
 */
export function parseDurationSeconds(value: Duration, argument: string): number {
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new InvalidArgumentError(argument, `must be a finite number of days, got ${value}`);
        return Math.round(value * DURATION_UNITS.d);
    }
    if (typeof value !== "string") {
        throw new InvalidArgumentError(argument, `must be a duration such as "30d" or "36h", or a number of days; got ${JSON.stringify(value)}`);
    }
    const text = value.trim();
    const match = /^(-)?((?:\d+(?:\.\d+)?[smhdw])+)$/.exec(text);
    if (!match) {
        const caseHint = /[A-Z]/.test(text) ? " Units are case-sensitive: there is no month unit, and \"D\" is not \"d\"." : "";
        throw new InvalidArgumentError(
            argument,
            `${JSON.stringify(value)} is not a duration. Use a number with one of the units ${UNITS_IN_WORDS}, such as "30d", "36h" or "1d12h".${caseHint}`,
        );
    }
    let seconds = 0;
    for (const part of match[2].matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) {
        seconds += Number(part[1]) * DURATION_UNITS[part[2]];
    }
    if (!Number.isFinite(seconds)) throw new InvalidArgumentError(argument, `${JSON.stringify(value)} is too long a duration to count`);
    return Math.round(match[1] ? -seconds : seconds);
}

/** `1 day`, `2 days`, `0 hours`: the one plural rule of the wording. */
export function countOf(n: number, unit: string): string {
    return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** Renders a span of seconds the way people say it: `14 days`, `36 hours`, `1 day 12 hours`. */
export function describeSpan(seconds: number): string {
    const abs = Math.abs(seconds);
    const days = Math.floor(abs / 86_400);
    const hours = Math.floor((abs % 86_400) / 3600);
    const minutes = Math.floor((abs % 3600) / 60);
    const parts: string[] = [];
    if (days) parts.push(countOf(days, "day"));
    if (hours) parts.push(countOf(hours, "hour"));
    if (!days && !hours) parts.push(countOf(minutes, "minute"));
    return parts.join(" ");
}

/**
 * Days in a span of seconds, rounded down to the hundredth: the one rounding of "days left", which
 * the evaluation's `daysRemaining` holds and every report shows through {@link formatDaysLeft}. A
 * report once said 2.99 in JSON and 3.0 in its table (issue 23, item 12). Down, because a gate must
 * never show more time than is left: 2 days 23 hours 59 minutes is 2.99, not 3.00 (and an expired
 * certificate's negative days round away from zero, to the longer time ago).
 *
 * @example
 * ```ts
 * daysLeft(3 * 86_400 - 60); // 2.99
 * daysLeft(5 * 86_400);      // 5
 * ```
 */
export function daysLeft(seconds: number): number {
    // 864 seconds are a hundredth of a day; dividing by it once keeps whole hundredths exact.
    return Math.floor(seconds / 864) / 100;
}

/** Days left as a report prints them: two decimals, the very number of `daysRemaining` (`2.99`, `-1.50`); `-` when unknown. */
export function formatDaysLeft(days: number | undefined): string {
    return days === undefined ? "-" : days.toFixed(2);
}

/** Days and hours left, both always said: `4 days 23 hours`. */
export function describeTimeLeft(seconds: number): string {
    return `${countOf(Math.floor(seconds / 86_400), "day")} ${countOf(Math.floor((seconds % 86_400) / 3600), "hour")}`;
}

import { InvalidArgumentError } from "./errors";

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * A span of time: a string such as `"30d"`, `"36h"`, `"90m"`, `"2w"`, `"45s"` or a combination
 * (`"1d12h"`), or a number of days.
 */
export type Duration = string | number;

/**
 * Parses a {@link Duration} into seconds. A leading `-` makes it negative (`"-3d"`, three days ago),
 * which seeds and fixtures use for expired certificates. Throws {@link InvalidArgumentError} naming
 * `argument` when the text is not a duration.
 *
 * @example
 * ```ts
 * parseDurationSeconds("36h", "warnWithin"); // 129600
 * parseDurationSeconds(14, "failWithin");    // 1209600 (a number is days)
 * ```
 */
export function parseDurationSeconds(value: Duration, argument: string): number {
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new InvalidArgumentError(argument, `must be a finite number of days, got ${value}`);
        return Math.round(value * UNIT_SECONDS.d);
    }
    if (typeof value !== "string") {
        throw new InvalidArgumentError(argument, `must be a duration such as "30d" or "36h", or a number of days; got ${JSON.stringify(value)}`);
    }
    const text = value.trim().toLowerCase();
    const match = /^(-)?((?:\d+(?:\.\d+)?[smhdw])+)$/.exec(text);
    if (!match) {
        throw new InvalidArgumentError(argument, `"${value}" is not a duration; use a number with a unit s, m, h, d or w, such as "30d" or "36h"`);
    }
    let seconds = 0;
    for (const part of match[2].matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) {
        seconds += Number(part[1]) * UNIT_SECONDS[part[2]];
    }
    return Math.round(match[1] ? -seconds : seconds);
}

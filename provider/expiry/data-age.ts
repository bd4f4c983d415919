import { Duration, describeSpan, parseDurationSeconds } from "../api/duration";
import { InvalidArgumentError } from "../api/errors/argument-error";

/*
 * How old a stored certificate list may be before a judgement of it means nothing (issue 25). A
 * `Certificates` resource records in `readAt` when its provider read the list; `pulumi policy
 * analyze` judges the stored list without reading it again, so the list is as old as the last
 * update or refresh that read it. Stale data is unjudged data: past `maxDataAge` the gate fails
 * closed. No Pulumi here: the policies call it with their own clock.
 */

/** The `maxDataAge` the policy pack applies when none is set. */
export const DEFAULT_MAX_DATA_AGE = "7d";

/** The property of a `Certificates` resource that records when its list was read (ISO-8601 UTC). */
export const READ_AT_PROPERTY = "readAt";

/** When a list was read, as the resource stores it: ISO-8601 in UTC, to the millisecond. */
export function readAtOf(clock: Date): string {
    return clock.toISOString();
}

/** Checks a `maxDataAge` setting like the other durations, and refuses a negative one. */
export function maxDataAgeSeconds(value: Duration | undefined): number {
    const seconds = parseDurationSeconds(value ?? DEFAULT_MAX_DATA_AGE, "maxDataAge");
    if (seconds < 0) throw new InvalidArgumentError("maxDataAge", "must not be negative");
    return seconds;
}

// What `readAtOf` writes: a date-time in UTC, with or without milliseconds.
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The data's age as the gate judges it: fresh, stale, or not known (with the reason, and what to do). */
export type DataAge =
    | { kind: "fresh"; readAt: string; ageSeconds: number; sentence: string }
    | { kind: "stale"; readAt: string; ageSeconds: number; sentence: string }
    /** `reason` is the whole violation: why, that the gate fails closed, and what to do. */
    | { kind: "unknown"; reason: string };

const RECORD_IT = "Run `pulumi up` or `pulumi refresh` once with this version of pulumi-openai-certificates to record it.";

/**
 * Judges a stored `readAt` against the clock. Data exactly `maxAgeSeconds` old is still fresh; a
 * second more is stale. A `readAt` after the clock (a `now` set before the read) is fresh.
 */
export function judgeDataAge(readAt: unknown, now: Date, maxAgeSeconds: number): DataAge {
    if (readAt === undefined || readAt === null) {
        return { kind: "unknown", reason: `has no record of when its certificate list was read (readAt; states stored by 0.1.0 and early 0.2.0 builds have none), so the data's age is unknown; failing closed. ${RECORD_IT}` };
    }
    const readMs = typeof readAt === "string" && STORED_INSTANT.test(readAt) ? Date.parse(readAt) : Number.NaN;
    if (Number.isNaN(readMs)) {
        return { kind: "unknown", reason: `has an unreadable record of when its certificate list was read (readAt is not an ISO-8601 UTC time), so the data's age is unknown; failing closed. ${RECORD_IT}` };
    }
    const ageSeconds = Math.floor((now.getTime() - readMs) / 1000);
    const at = new Date(readMs).toISOString().replace(/\.\d{3}Z$/, "Z");
    // Under a minute is the list read by this very preview or update (or a clock set before the read).
    const sentence = ageSeconds < 60 ? `The list was read at ${at}.` : `The list was read ${describeSpan(ageSeconds)} ago, at the last update or refresh (${at}).`;
    return { kind: ageSeconds > maxAgeSeconds ? "stale" : "fresh", readAt: at, ageSeconds, sentence };
}

/** The mandatory violation for data older than `maxDataAge`: the age, the read time, the setting and the way out. */
export function staleDataMessage(age: Extract<DataAge, { kind: "stale" }>, maxAgeSeconds: number): string {
    return (
        `has certificate data read ${describeSpan(age.ageSeconds)} ago, at the last update or refresh (${age.readAt}), older than maxDataAge ` +
        `(${describeSpan(maxAgeSeconds)}): stale data is not judged; failing closed. Run \`pulumi up\` or \`pulumi refresh\` to read the list ` +
        "again, or raise maxDataAge in the policy pack configuration."
    );
}

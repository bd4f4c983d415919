/**
 * Retry timing, as the official openai SDK does it, as plain functions of their inputs: the clock
 * and the random source are passed in, so every branch is testable without a network or a timer.
 */

/** Reads a response header by name, case-insensitively; `null` when absent. */
export type HeaderLookup = (name: string) => string | null;

/** The longest Retry-After this client honours. Longer waits fail fast instead of stalling a deployment. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** First backoff step when the server gives no Retry-After. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** Backoff never grows past this. */
export const MAX_RETRY_DELAY_MS = 8_000;
/** Up to this fraction is taken off each backoff step, so clients that failed together spread out. */
export const RETRY_JITTER = 0.25;

/**
 * Whether a response with this status may be retried. The server's `x-should-retry` header wins
 * when present (`true` or `false`); otherwise 408, 409, 429 and 5xx are retried.
 */
export function shouldRetryStatus(status: number, header: HeaderLookup): boolean {
    const hint = header("x-should-retry");
    if (hint === "true") return true;
    if (hint === "false") return false;
    return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms` first, then `retry-after`
 * as seconds or as an HTTP date relative to `nowMs`. `undefined` when there is no usable header
 * (absent, unparseable or in the past).
 */
export function retryAfterMs(header: HeaderLookup, nowMs: number): number | undefined {
    const ms = parseNonNegative(header("retry-after-ms"));
    if (ms !== undefined) return ms;

    const raw = header("retry-after");
    if (raw === null) return undefined;
    const seconds = parseNonNegative(raw);
    if (seconds !== undefined) return seconds * 1000;
    const date = Date.parse(raw);
    if (Number.isNaN(date)) return undefined;
    const wait = date - nowMs;
    return wait >= 0 ? wait : undefined;
}

/**
 * Exponential backoff for retry number `retriesDone` (0 for the first retry): 0.5 s x 2^n, capped at
 * 8 s, minus up to 25% jitter. `random` returns a number in [0, 1).
 */
export function backoffDelayMs(retriesDone: number, random: () => number): number {
    const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retriesDone, MAX_RETRY_DELAY_MS);
    return base * (1 - random() * RETRY_JITTER);
}

/** What to do after a retryable failure. */
export type RetryPlan =
    /** `fromServer`: the delay is the server's Retry-After, not our backoff. */
    | { readonly action: "retry"; readonly delayMs: number; readonly fromServer: boolean }
    | { readonly action: "fail-fast"; readonly retryAfterMs: number };

/**
 * Chooses the wait before the next attempt: the server's Retry-After when it is at most
 * {@link MAX_RETRY_AFTER_MS}, backoff when there is none, and fail-fast when the server asks for more.
 */
export function planRetry(
    retriesDone: number,
    header: HeaderLookup | undefined,
    nowMs: number,
    random: () => number,
): RetryPlan {
    const asked = header ? retryAfterMs(header, nowMs) : undefined;
    if (asked === undefined) return { action: "retry", delayMs: backoffDelayMs(retriesDone, random), fromServer: false };
    if (asked > MAX_RETRY_AFTER_MS) return { action: "fail-fast", retryAfterMs: asked };
    return { action: "retry", delayMs: asked, fromServer: true };
}

function parseNonNegative(raw: string | null): number | undefined {
    if (raw === null || raw.trim() === "") return undefined;
    const n = Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
}

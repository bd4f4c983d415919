import { strict as assert } from "assert";
import {
    HeaderLookup,
    INITIAL_RETRY_DELAY_MS,
    MAX_RETRY_AFTER_MS,
    MAX_RETRY_DELAY_MS,
    backoffDelayMs,
    planRetry,
    retryAfterMs,
    shouldRetryStatus,
} from "../../../provider/api/retry";

/** A response's headers, looked up case-insensitively as fetch's `Headers.get` does. */
function headers(values: Record<string, string> = {}): HeaderLookup {
    const lower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
    return (name) => lower.get(name.toLowerCase()) ?? null;
}

const NOW_MS = Date.parse("2025-06-01T12:00:00Z");
const never = (): number => {
    throw new Error("random must not be called when the server gave a usable Retry-After");
};

describe("retry timing", () => {
    describe("shouldRetryStatus", () => {
        for (const status of [408, 409, 429, 500, 502, 503, 504, 599]) {
            it(`retries HTTP ${status}`, () => {
                assert.equal(shouldRetryStatus(status, headers()), true);
            });
        }

        for (const status of [200, 400, 401, 403, 404, 422]) {
            it(`does not retry HTTP ${status}`, () => {
                assert.equal(shouldRetryStatus(status, headers()), false);
            });
        }

        it("retries a status it would not otherwise retry when x-should-retry is true", () => {
            assert.equal(shouldRetryStatus(400, headers({ "x-should-retry": "true" })), true);
            assert.equal(shouldRetryStatus(404, headers({ "X-Should-Retry": "true" })), true);
        });

        it("does not retry a status it would otherwise retry when x-should-retry is false", () => {
            assert.equal(shouldRetryStatus(429, headers({ "x-should-retry": "false" })), false);
            assert.equal(shouldRetryStatus(503, headers({ "x-should-retry": "false" })), false);
        });

        it("ignores an x-should-retry value that is neither true nor false", () => {
            assert.equal(shouldRetryStatus(503, headers({ "x-should-retry": "maybe" })), true);
            assert.equal(shouldRetryStatus(400, headers({ "x-should-retry": "maybe" })), false);
        });
    });

    describe("retryAfterMs", () => {
        it("is undefined when the server sent no Retry-After header", () => {
            assert.equal(retryAfterMs(headers(), NOW_MS), undefined);
        });

        it("reads retry-after-ms as milliseconds", () => {
            assert.equal(retryAfterMs(headers({ "retry-after-ms": "1500" }), NOW_MS), 1500);
        });

        it("prefers retry-after-ms over retry-after", () => {
            assert.equal(retryAfterMs(headers({ "retry-after-ms": "250", "retry-after": "7" }), NOW_MS), 250);
        });

        it("falls back to retry-after when retry-after-ms is unusable", () => {
            assert.equal(retryAfterMs(headers({ "retry-after-ms": "soon", "retry-after": "3" }), NOW_MS), 3000);
            assert.equal(retryAfterMs(headers({ "retry-after-ms": "-5", "retry-after": "3" }), NOW_MS), 3000);
        });

        it("reads retry-after as seconds", () => {
            assert.equal(retryAfterMs(headers({ "retry-after": "2" }), NOW_MS), 2000);
            assert.equal(retryAfterMs(headers({ "retry-after": "0" }), NOW_MS), 0);
        });

        it("reads retry-after as an HTTP date relative to the injected clock", () => {
            const at = new Date(NOW_MS + 30_000).toUTCString();
            assert.equal(retryAfterMs(headers({ "retry-after": at }), NOW_MS), 30_000);
            // The same header read one second later asks for one second less.
            assert.equal(retryAfterMs(headers({ "retry-after": at }), NOW_MS + 1000), 29_000);
        });

        it("is undefined for an HTTP date in the past", () => {
            const at = new Date(NOW_MS - 5_000).toUTCString();
            assert.equal(retryAfterMs(headers({ "retry-after": at }), NOW_MS), undefined);
        });

        for (const garbage of ["soon", "abc", "5x", "", "   "]) {
            it(`is undefined for an unparseable retry-after ${JSON.stringify(garbage)}`, () => {
                assert.equal(retryAfterMs(headers({ "retry-after": garbage }), NOW_MS), undefined);
            });
        }
    });

    describe("backoffDelayMs", () => {
        const noJitter = (): number => 0;

        it("starts at 0.5 s and doubles: 0.5 s, 1 s, 2 s, 4 s, 8 s", () => {
            assert.equal(INITIAL_RETRY_DELAY_MS, 500);
            const delays = [0, 1, 2, 3, 4].map((n) => backoffDelayMs(n, noJitter));
            assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000]);
        });

        it("never grows past 8 s", () => {
            assert.equal(MAX_RETRY_DELAY_MS, 8000);
            assert.equal(backoffDelayMs(5, noJitter), 8000);
            assert.equal(backoffDelayMs(10, noJitter), 8000);
            assert.equal(backoffDelayMs(2000, noJitter), 8000);
        });

        it("takes nothing off when random returns 0", () => {
            assert.equal(backoffDelayMs(2, () => 0), 2000);
        });

        it("takes off at most 25%: random close to 1 leaves just over 75%", () => {
            const almostOne = 1 - Number.EPSILON;
            const delay = backoffDelayMs(2, () => almostOne);
            assert.ok(delay >= 1500, `expected at least 1500 ms, got ${delay}`);
            assert.ok(delay < 1501, `expected about 1500 ms, got ${delay}`);
        });

        it("takes off half the jitter when random returns 0.5", () => {
            assert.equal(backoffDelayMs(0, () => 0.5), 437.5);
            assert.equal(backoffDelayMs(4, () => 0.5), 7000);
        });

        it("calls random once per delay", () => {
            let calls = 0;
            backoffDelayMs(1, () => {
                calls += 1;
                return 0.3;
            });
            assert.equal(calls, 1);
        });
    });

    describe("planRetry", () => {
        it("honours a Retry-After of up to 60 s", () => {
            assert.equal(MAX_RETRY_AFTER_MS, 60_000);
            assert.deepEqual(planRetry(0, headers({ "retry-after": "5" }), NOW_MS, never), {
                action: "retry",
                delayMs: 5000,
                fromServer: true,
            });
            assert.deepEqual(planRetry(3, headers({ "retry-after": "60" }), NOW_MS, never), {
                action: "retry",
                delayMs: 60_000,
                fromServer: true,
            });
        });

        it("honours an HTTP-date Retry-After relative to the injected clock", () => {
            const at = new Date(NOW_MS + 12_000).toUTCString();
            assert.deepEqual(planRetry(0, headers({ "retry-after": at }), NOW_MS, never), {
                action: "retry",
                delayMs: 12_000,
                fromServer: true,
            });
        });

        it("fails fast when the server asks for more than 60 s", () => {
            assert.deepEqual(planRetry(0, headers({ "retry-after": "61" }), NOW_MS, never), {
                action: "fail-fast",
                retryAfterMs: 61_000,
            });
            assert.deepEqual(planRetry(0, headers({ "retry-after-ms": "60001" }), NOW_MS, never), {
                action: "fail-fast",
                retryAfterMs: 60_001,
            });
        });

        it("falls back to backoff when there is no Retry-After", () => {
            assert.deepEqual(planRetry(2, headers(), NOW_MS, () => 0), { action: "retry", delayMs: 2000, fromServer: false });
        });

        it("falls back to backoff when there are no headers at all (a connection error)", () => {
            assert.deepEqual(planRetry(1, undefined, NOW_MS, () => 0.5), { action: "retry", delayMs: 875, fromServer: false });
        });

        it("falls back to backoff when the Retry-After date is in the past", () => {
            const at = new Date(NOW_MS - 1000).toUTCString();
            assert.deepEqual(planRetry(0, headers({ "retry-after": at }), NOW_MS, () => 0), {
                action: "retry",
                delayMs: 500,
                fromServer: false,
            });
        });
    });
});

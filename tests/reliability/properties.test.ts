import { strict as assert } from "assert";
import fc from "fast-check";
import { FakeOpenAI, FaultAction, FaultRule, startFakeOpenAI } from "../../fake-api";
import { OpenAICertificatesError, listCertificateUsage, listCertificates } from "../../provider";
import { LEAK_CANARY_KEY, NOW_SECONDS, assertNoKeyIn, certificateSpecs, organizationSpec, seededRandom } from "../support/fixtures";

/**
 * Property-based tests against the fake API over loopback: whatever the list size, page size, order
 * and sequence of transient faults, the client returns every certificate exactly once in the API's
 * order, or a typed error when the faults exceed the retry budget; never a partial list, never a
 * hang. Run counts are sized to keep the suite practical on two cores.
 */

const MAX_RETRIES = 2;
/** Retry waits shortened to at most 2 ms: the properties are about outcomes, not timing. */
const quickSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 2)));
/** A bound on any single run: a hang fails the property instead of the suite's timeout. */
const RUN_LIMIT_MS = 15_000;

const transientFault = fc.constantFrom<FaultAction>(
    { kind: "status", status: 429, headers: { "retry-after-ms": "1" } },
    { kind: "status", status: 429 },
    { kind: "status", status: 500 },
    { kind: "status", status: 503 },
    { kind: "drop" },
    { kind: "reset-mid-body" },
);

/**
 * Turns "page i fails k_i times before it succeeds" into fault rules. Requests of one list are
 * sequential, so the n-th request to arrive is known: every rule counts every request.
 */
function scheduleFaults(perPage: Array<{ failures: number; action: FaultAction }>): FaultRule[] {
    const rules: FaultRule[] = [];
    let arrival = 0;
    for (const { failures, action } of perPage) {
        if (failures > 0) rules.push({ skip: arrival, times: failures, action });
        arrival += failures + 1;
    }
    return rules;
}

/** Runs `read` with a time limit; on a hang it also aborts the read, so it cannot leak into the next run. */
async function withinLimit<T>(read: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
            controller.abort();
            reject(new Error(`no answer within ${RUN_LIMIT_MS} ms: a hang`));
        }, RUN_LIMIT_MS);
    });
    try {
        return await Promise.race([read(controller.signal), limit]);
    } finally {
        clearTimeout(timer);
    }
}

describe("properties of the certificate list client", function () {
    this.timeout(180_000);
    let api: FakeOpenAI;
    before(async () => {
        api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, nowSeconds: NOW_SECONDS });
    });
    after(async () => api.close());

    it("returns every certificate exactly once, in the API's order, through faults within the retry budget", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.integer({ min: 0, max: 1000 }),
                fc.integer({ min: 1, max: 100 }),
                fc.constantFrom("asc" as const, "desc" as const),
                fc.array(fc.record({ failures: fc.integer({ min: 0, max: MAX_RETRIES }), action: transientFault }), { maxLength: 12 }),
                async (n, pageSize, order, faults) => {
                    api.setState({ certificates: certificateSpecs(n) });
                    api.clearFaults();
                    api.resetStats();
                    api.injectFault(...scheduleFaults(faults));
                    const certs = await withinLimit((signal) => listCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl, pageSize, order, maxRetries: MAX_RETRIES, sleep: quickSleep, signal }));
                    const expected = certificateSpecs(n).map((c) => c.id!);
                    if (order === "desc") expected.reverse();
                    assert.deepEqual(
                        certs.map((c) => c.id),
                        expected,
                    );
                    // A reset mid-body is logged with status 200 (the headers went out) but never finished.
                    const successes = api.requests.filter((r) => r.status === 200 && r.finishedAt > 0).length;
                    assert.equal(successes, Math.max(1, Math.ceil(n / pageSize)), "one successful request per page, no more");
                },
            ),
            { numRuns: 100 },
        );
    });

    it("fails with a typed error, and no list, when a page's faults exceed the retry budget", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.integer({ min: 1, max: 600 }),
                fc.integer({ min: 5, max: 100 }),
                fc.array(fc.record({ failures: fc.integer({ min: 0, max: MAX_RETRIES }), action: transientFault }), { maxLength: 6 }),
                transientFault,
                async (n, pageSize, before, fatal) => {
                    const pages = Math.max(1, Math.ceil(n / pageSize));
                    const schedule = [...before.slice(0, pages - 1), { failures: MAX_RETRIES + 1, action: fatal }];
                    api.setState({ certificates: certificateSpecs(n) });
                    api.clearFaults();
                    api.injectFault(...scheduleFaults(schedule));
                    let outcome: unknown;
                    try {
                        outcome = await withinLimit((signal) => listCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl, pageSize, maxRetries: MAX_RETRIES, sleep: quickSleep, signal }));
                    } catch (error) {
                        outcome = error;
                    }
                    assert.ok(outcome instanceof OpenAICertificatesError, `expected a typed error, got ${Array.isArray(outcome) ? `a list of ${outcome.length}` : String(outcome)}`);
                    assertNoKeyIn(outcome);
                },
            ),
            { numRuns: 60 },
        );
    });
});

describe("properties of the organization-wide view", function () {
    this.timeout(180_000);

    it("reports every certificate and project exactly once, whatever the project count, concurrency and random faults", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.integer({ min: 0, max: 60 }),
                fc.integer({ min: 1, max: 40 }),
                fc.integer({ min: 1, max: 16 }),
                fc.integer({ min: 1, max: 2 ** 31 - 1 }),
                async (projects, certificates, concurrency, seed) => {
                    const spec = organizationSpec({ certificates, projects, perProject: 3 });
                    const clean = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, nowSeconds: NOW_SECONDS, seed: spec });
                    const noisy = await startFakeOpenAI({
                        adminKey: LEAK_CANARY_KEY,
                        nowSeconds: NOW_SECONDS,
                        seed: spec,
                        random: seededRandom(seed),
                        faults: [
                            { probability: 0.1, action: { kind: "status", status: 429, headers: { "retry-after-ms": "1" } } },
                            { probability: 0.05, action: { kind: "status", status: 502 } },
                        ],
                    });
                    try {
                        const expected = await listCertificateUsage({ adminKey: LEAK_CANARY_KEY, baseUrl: clean.baseUrl });
                        const got = await withinLimit((signal) => listCertificateUsage({ adminKey: LEAK_CANARY_KEY, baseUrl: noisy.baseUrl, concurrency, maxRetries: 8, sleep: quickSleep, signal }));
                        assert.deepEqual(got, expected);
                        assert.ok(noisy.concurrency.max <= Math.max(concurrency, 2), `saw ${noisy.concurrency.max} requests at once with concurrency ${concurrency}`);
                    } finally {
                        await clean.close();
                        await noisy.close();
                    }
                },
            ),
            { numRuns: 40 },
        );
    });
});

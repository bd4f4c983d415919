import { strict as assert } from "assert";
import * as http from "http";
import { FakeOpenAI, FakeOpenAIOptions, startFakeOpenAI } from "../../fake-api";
import { LEAK_CANARY_KEY } from "../support/fixtures";

/** The timers alive in this process. */
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

/** A GET of the organization's list that settles with its status, or with the error that ended it. */
function get(api: FakeOpenAI): Promise<number | Error> {
    return new Promise((resolve) => {
        const req = http.get(`${api.baseUrl}/organization/certificates`, { headers: { authorization: `Bearer ${LEAK_CANARY_KEY}` } }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", resolve);
    });
}

/** Until the fake has received `count` requests: it records a request when it starts handling it. */
async function received(api: FakeOpenAI, count: number): Promise<void> {
    while (api.requests.length < count) await new Promise((resolve) => setImmediate(resolve));
}

// A delay still running when the fake closed used to keep its timer, and so the test run, alive for
// its whole length: reports.test.js ended 42 s after its last test, on a 60 s delay fault.
describe("the fake API's close() ends requests it is still holding (issue 22)", () => {
    const cases: Array<[string, Partial<FakeOpenAIOptions>]> = [
        ["a delay fault", { faults: [{ action: { kind: "delay", ms: 600_000 } }] }],
        ["the server's latency", { latencyMs: 600_000 }],
    ];
    for (const [what, options] of cases) {
        it(`clears the timer of ${what}, and the request it held ends unanswered`, async () => {
            const api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, ...options });
            const before = timers();
            const reply = get(api);
            await received(api, 1);
            const holding = timers();
            assert.ok(holding > before, `the held request has a timer (${before} -> ${holding})`);
            await api.close();
            assert.ok(timers() < holding, `close() cleared the held request's timer (${holding} -> ${timers()})`);
            const ended = await reply;
            assert.ok(ended instanceof Error, `the held request ended without an answer, not with HTTP ${ended}`);
            assert.equal(api.requests[0].status, 0, "nothing was answered");
        });
    }
});

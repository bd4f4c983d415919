import { strict as assert } from "assert";
import { startFakeOpenAI } from "../../fake-api";
import { listCertificateUsage } from "../../provider";
import { LEAK_CANARY_KEY, NOW_SECONDS, organizationSpec, seededRandom } from "../support/fixtures";

describe("load: the organization-wide view over 2,000 projects", function () {
    this.timeout(240_000);

    it("completes under random 429s and 5xx, within its concurrency bound, losing and duplicating nothing, in flat memory", async () => {
        const spec = organizationSpec({ certificates: 300, projects: 2000, perProject: 4 });
        const clean = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, nowSeconds: NOW_SECONDS, seed: spec });
        const noisy = await startFakeOpenAI({
            adminKey: LEAK_CANARY_KEY,
            nowSeconds: NOW_SECONDS,
            seed: spec,
            random: seededRandom(2000),
            faults: [
                { probability: 0.05, action: { kind: "status", status: 429, headers: { "retry-after-ms": "2" } } },
                { probability: 0.03, action: { kind: "status", status: 500 } },
                { probability: 0.02, action: { kind: "status", status: 503 } },
            ],
        });
        try {
            const expected = await listCertificateUsage({ adminKey: LEAK_CANARY_KEY, baseUrl: clean.baseUrl, concurrency: 16 });
            global.gc?.();
            const heapBefore = process.memoryUsage().heapUsed;
            let peakHeap = heapBefore;
            const got = await listCertificateUsage({
                adminKey: LEAK_CANARY_KEY,
                baseUrl: noisy.baseUrl,
                concurrency: 8,
                maxRetries: 8,
                sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
                onProgress: () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)),
            });
            const statuses = noisy.requests.map((r) => r.status);
            assert.ok(statuses.filter((s) => s === 429).length > 20 && statuses.filter((s) => s >= 500).length > 20, "faults were injected");
            assert.equal(got.projects.length, 2000);
            assert.deepEqual(got.certificates, expected.certificates, "nothing lost, duplicated or changed");
            assert.ok(noisy.concurrency.max <= 8, `saw ${noisy.concurrency.max} requests at once`);
            // Flat: what is held is the result (a few MB), not one buffer per request made.
            const grewMb = (peakHeap - heapBefore) / 1024 / 1024;
            console.log(`      ${noisy.requests.length} requests; heap grew at most ${grewMb.toFixed(1)} MB during the read`);
            assert.ok(grewMb < 150, `heap grew by ${grewMb.toFixed(1)} MB over ${noisy.requests.length} requests`);
        } finally {
            await clean.close();
            await noisy.close();
        }
    });
});

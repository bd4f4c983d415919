/**
 * A small seeded random source (mulberry32) for the fake's `random` option, so that fault
 * probabilities hit the same requests in the same order on every run.
 *
 * @example
 * ```ts
 * const api = await startFakeOpenAI({ random: seededRandom(42), faults: [{ probability: 0.1, action: { kind: "status", status: 429 } }] });
 * ```
 */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

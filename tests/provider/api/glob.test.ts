import { strict as assert } from "assert";
import fc from "fast-check";
import { compileGlob } from "../../../provider/api/glob";

/**
 * The obvious dynamic programme, as the reference: `matches[j]` says whether the glob read so far
 * matches the first j characters of the name. Quadratic, and obviously right.
 */
function referenceMatch(glob: string, name: string): boolean {
    let matches = Array.from({ length: name.length + 1 }, (_, j) => j === 0);
    for (const g of glob.split("")) {
        const next = new Array<boolean>(name.length + 1).fill(false);
        if (g === "*") {
            let any = false;
            for (let j = 0; j <= name.length; j++) next[j] = any = any || matches[j];
        } else {
            for (let j = 1; j <= name.length; j++) next[j] = matches[j - 1] && (g === "?" || name[j - 1] === g);
        }
        matches = next;
    }
    return matches[name.length];
}

describe("compileGlob", () => {
    const cases: Array<[string, string, boolean]> = [
        ["legacy-*", "legacy-eu", true],
        ["legacy-*", "legacy-", true],
        ["legacy-*", "old-legacy-eu", false],
        ["*legacy*", "the-legacy-one", true],
        ["*-eu", "legacy-eu", true],
        ["*-eu", "legacy-eu-2", false],
        ["gateway-??", "gateway-01", true],
        ["gateway-??", "gateway-1", false],
        ["a*b*c", "abc", true],
        ["a*b*c", "acb", false],
        ["a*a", "a", false],
        ["gateway", "gateway", true],
        ["gateway", "Gateway", false],
        ["legacy.eu", "legacyXeu", false],
        ["(legacy)+[eu]", "(legacy)+[eu]", true],
        ["*legacy*", "legacy\nsecond line", true],
    ];
    for (const [glob, name, expected] of cases) {
        it(`${expected ? "matches" : "does not match"} ${JSON.stringify(name)} with ${JSON.stringify(glob)}`, () => {
            assert.equal(compileGlob(glob)(name), expected);
        });
    }

    it("agrees with a reference matcher on random globs and names", () => {
        const small = (chars: string[], maxLength: number) => fc.array(fc.constantFrom(...chars), { maxLength }).map((cs) => cs.join(""));
        fc.assert(
            fc.property(small(["a", "b", "*", "?"], 12), small(["a", "b", "\n"], 24), (glob, name) => {
                assert.equal(compileGlob(glob)(name), referenceMatch(glob, name), `${JSON.stringify(glob)} against ${JSON.stringify(name)}`);
            }),
            { numRuns: 5000 },
        );
        fc.assert(
            fc.property(fc.string({ maxLength: 10 }), fc.string({ unit: "binary", maxLength: 30 }), (glob, name) => {
                assert.equal(compileGlob(glob)(name), referenceMatch(glob, name));
            }),
            { numRuns: 2000 },
        );
    });

    it("matches a 1 MB name ending in a newline in well under a second (a backtracking regex took minutes)", () => {
        // "legacy" repeated, then a newline: each occurrence was a backtracking point for ^.*legacy.*$.
        const name = `${"legacy".repeat(175_000)}\n`;
        const started = process.hrtime.bigint();
        const results = ["*legacy*", "*legacy*x", "*legacy*legacz*", "?*e?a*y\n"].map((glob) => compileGlob(glob)(name));
        const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
        assert.deepEqual(results, [true, false, false, true]);
        assert.ok(elapsedMs < 1000, `took ${elapsedMs} ms`);
    });
});

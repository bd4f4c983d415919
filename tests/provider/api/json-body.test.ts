import { strict as assert } from "assert";
import { MAX_JSON_DEPTH, findString, nestsDeeperThan } from "../../../provider/api/json-body";

describe("response bodies before decoding", () => {
    describe("nestsDeeperThan", () => {
        const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

        it("counts arrays and objects alike, and stops at the limit", () => {
            assert.equal(nestsDeeperThan(nested(3), 3), false);
            assert.equal(nestsDeeperThan(nested(4), 3), true);
            assert.equal(nestsDeeperThan('{"a":{"b":[{"c":1}]}}', 4), false);
            assert.equal(nestsDeeperThan('{"a":{"b":[{"c":{}}]}}', 4), true);
        });

        it("ignores brackets inside strings, escaped quotes included", () => {
            assert.equal(nestsDeeperThan(`{"name":"${"[{".repeat(100)}\\"${"[".repeat(100)}"}`, 1), false);
        });

        it("measures siblings, not their sum", () => {
            assert.equal(nestsDeeperThan(`[${Array.from({ length: 1000 }, () => "[[1]]").join(",")}]`, 3), false);
        });

        it("reads a million levels without recursion", () => {
            assert.equal(nestsDeeperThan(nested(1_000_000), MAX_JSON_DEPTH), true);
        });

        it("leaves a certificate list well inside the limit", () => {
            const list = { object: "list", data: [{ id: "cert_a", certificate_details: { expires_at: 1 } }], has_more: false };
            assert.equal(nestsDeeperThan(JSON.stringify(list), MAX_JSON_DEPTH), false);
        });
    });

    describe("findString", () => {
        const hasBang = (s: string) => s.includes("!");

        it("gives the path of the first matching value, in document order", () => {
            assert.deepEqual(findString({ data: [{ id: "a", name: "b" }, { id: "c!", name: "d!" }] }, hasBang), ["data", "1", "id"]);
        });

        it("looks at property names too", () => {
            assert.deepEqual(findString({ data: [{ "x!": 1 }] }, hasBang), ["data", "0", "x!"]);
        });

        it("gives an empty path for a matching top-level string, and undefined when nothing matches", () => {
            assert.deepEqual(findString("!", hasBang), []);
            assert.equal(findString({ a: [1, true, null, "b"] }, hasBang), undefined);
        });
    });
});

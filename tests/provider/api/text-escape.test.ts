import { strict as assert } from "assert";
import fc from "fast-check";
import { escapeControlCharacters, jsonForLogs, printableText } from "../../../provider/api/text-escape";
import { HOSTILE_NAMES, assertSafeForLogs } from "../../support/fixtures";

describe("escaping text for terminals and CI logs", () => {
    const cases: Array<[string, string]> = [
        ["gateway-mtls-2026", "gateway-mtls-2026"],
        ["a\nb", "a\\nb"],
        ["a\r\tb", "a\\r\\tb"],
        ["\x1b[31mred", "\\x1b[31mred"],
        ["\x00\x7f\u0085\u009b", "\\x00\\x7f\\x85\\x9b"],
        ["a\u2028b\u2029c", "a\\u2028b\\u2029c"],
        ["bidi\u202eevil", "bidi\\u202eevil"],
        ["x##[error]y", "x##\\x5berror]y"],
        ["::error::x", "::error::x"],
        ["C:\\path\\n", "C:\\path\\n"],
        ["accents ünïcödé and emoji 🔐", "accents ünïcödé and emoji 🔐"],
    ];
    for (const [value, escaped] of cases) {
        it(`writes ${jsonForLogs(JSON.stringify(value))} as ${jsonForLogs(JSON.stringify(escaped))}`, () => {
            assert.equal(escapeControlCharacters(value), escaped);
        });
    }

    it("keeps our line breaks and stops a line from starting a workflow command", () => {
        assert.equal(printableText("NAME\n::error::x  cert_1\n  ::warning::y\nok :: fine"), "NAME\n\\x3a:error::x  cert_1\n  \\x3a:warning::y\nok :: fine");
    });

    it("makes any text safe, and is idempotent", () => {
        const text = fc.oneof(fc.string({ unit: "binary" }), fc.array(fc.constantFrom(...HOSTILE_NAMES, ":", "#", "[", "\n", " ", "\u2028", "x")).map((parts) => parts.join("")));
        fc.assert(
            fc.property(text, (value) => {
                const once = escapeControlCharacters(value);
                assert.ok(!once.includes("\n"), "one value, one line");
                assertSafeForLogs(printableText(once));
                assert.equal(escapeControlCharacters(once), once);
                const lines = printableText(value);
                assertSafeForLogs(lines);
                assert.equal(printableText(lines), lines);
                assert.equal(lines.split("\n").length, value.split("\n").length, "only our line breaks remain");
            }),
            { numRuns: 3000 },
        );
    });

    it("makes JSON safe for a log without changing what it parses to", () => {
        fc.assert(
            fc.property(fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(...HOSTILE_NAMES))), (names) => {
                const json = JSON.stringify({ certificates: names.map((name) => ({ name })) }, null, 2);
                const safe = jsonForLogs(json);
                assert.deepEqual(JSON.parse(safe), JSON.parse(json));
                assertSafeForLogs(safe);
            }),
            { numRuns: 1000 },
        );
    });
});

import { strict as assert } from "assert";
import { XMLParser } from "fast-xml-parser";
import { htmlText, markdownCell, markdownCode, workflowCommandData, workflowCommandProperty, xmlText } from "../../../cli/reports/escape";
import { HOSTILE_NAMES } from "../../support/fixtures";
import { assertWellFormedXml } from "../../support/report-consumers";

/** How the GitHub Actions runner reads a property or message back (the toolkit's escaping, reversed). */
function runnerUnescape(value: string): string {
    return value.replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

describe("escaping for each report format", () => {
    describe("xmlText", () => {
        it("escapes the five markup characters, so any value is one attribute or one text node", () => {
            assert.equal(xmlText(`a<b>&"c"'d'`), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
            const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
            for (const value of [...HOSTILE_NAMES, `"><x y='1'/>`, "]]>", "&amp;", "<!-- -->"]) {
                const xml = `<r a="${xmlText(value)}" b='${xmlText(value)}'>${xmlText(value)}</r>`;
                assertWellFormedXml(xml);
                const parsed = parser.parse(xml).r;
                assert.equal(parsed.a, parsed.b);
            }
        });

        it("writes characters XML 1.0 cannot hold (NUL, ESC, lone surrogates, U+FFFF) as visible escapes", () => {
            assert.equal(xmlText("nul\x00esc\x1b"), "nul\\x00esc\\x1b");
            assert.equal(xmlText("half \ud800 pair \udc00 nonchar \uffff"), "half \\ud800 pair \\udc00 nonchar \\uffff");
            assert.equal(xmlText("emoji \ud83d\ude00 stays"), "emoji \ud83d\ude00 stays");
            assertWellFormedXml(`<r>${xmlText("\x00\x01\x08\x0b\x0c\x1f\ud800\ufffe")}</r>`);
            assert.throws(() => assertWellFormedXml("<r>\ud800</r>"), /does not allow/, "the check itself can fail");
        });
    });

    describe("htmlText", () => {
        it("turns tags, attributes and entities in a name into text", () => {
            assert.equal(htmlText(`<img src=x onerror="alert(1)">&amp;'`), "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;&#39;");
            assert.equal(htmlText("line\nbreak\u202e"), "line\\nbreak\\u202e");
        });
    });

    describe("markdownCode and markdownCell", () => {
        it("put a value in one code span, fenced past its longest run of backticks", () => {
            assert.equal(markdownCode("![x](http://e/x.png) <b> @ops #1"), "`![x](http://e/x.png) <b> @ops #1`");
            assert.equal(markdownCode("a`b``c"), "```a`b``c```");
            assert.equal(markdownCode("`edge` "), "`` `edge`  ``", "padded where it starts or ends with a backtick or a space");
            assert.equal(markdownCode(""), "", "an empty code span is not one");
        });

        it("keep backslashes as they are, so that the value reads exactly", () => {
            assert.equal(markdownCode("back\\slash\\"), "`back\\slash\\`");
        });

        it("escape only the pipe in a table cell, which GitHub turns back into a pipe", () => {
            assert.equal(markdownCell("a|b\\|c"), "`a\\|b\\\\|c`");
            assert.equal(markdownCode("a|b"), "`a|b`", "outside a table a pipe is text");
        });

        it("keep a value on one line", () => {
            assert.equal(markdownCode("a\nb\r\u2028c"), "`a\\nb\\r\\u2028c`");
        });
    });

    describe("workflow commands", () => {
        it("escapes data as GitHub documents: %, CR and LF", () => {
            assert.equal(workflowCommandData("100% of a::b, c"), "100%25 of a::b, c");
            assert.equal(runnerUnescape(workflowCommandData("50%0A")), "50%0A");
        });

        it("escapes properties as GitHub documents: also : and ,", () => {
            assert.equal(workflowCommandProperty("a::b,file=x%"), "a%3A%3Ab%2Cfile=x%25");
            for (const value of HOSTILE_NAMES) {
                const escaped = workflowCommandProperty(value);
                assert.ok(!/[:,\r\n]/.test(escaped), `${JSON.stringify(value)} -> ${escaped}`);
                // The runner reads back what a person should see: the value with control characters made visible.
                assert.ok(!/[\u0000-\u001f]/.test(runnerUnescape(escaped)), escaped);
            }
        });

        it("turns the CR and LF that the runner unescapes into visible text before GitHub's escaping", () => {
            // A raw newline would be %0A, which the runner turns back into a line break inside the annotation.
            assert.equal(workflowCommandData("a\r\nb"), "a\\r\\nb");
        });
    });
});

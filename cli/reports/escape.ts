/**
 * Escaping for the formats the reports land in, one function per format. Every value from outside
 * (certificate names and ids, project ids, exemption reasons, server messages) goes through exactly
 * one of these on its way into a report, and each starts with `escapeControlCharacters` (the one
 * module for terminals and CI logs, `provider/api/text-escape.ts`): a newline, an escape sequence or a
 * bidirectional control in a name is shown as a visible escape in every format, so it can neither
 * add a line nor drive the log viewer. What each function adds is the format's own syntax.
 */
import { escapeControlCharacters } from "../../provider/api/text-escape";

/**
 * A value as XML character data or as an attribute value (either quote): the five markup characters
 * as entities, and the characters XML 1.0 cannot hold at all, even as a character reference
 * (unpaired surrogates, U+FFFE, U+FFFF), as a visible `\uXXXX`. C0 controls are already visible
 * escapes by then, so the document stays well-formed whatever the API returns.
 *
 * @example
 * ```ts
 * xmlText('gate <"a"> & \'b\''); // "gate &lt;&quot;a&quot;&gt; &amp; &apos;b&apos;"
 * xmlText("nul\x00");          // "nul\\x00"
 * ```
 */
export function xmlText(value: string): string {
    return escapeControlCharacters(value)
        .replace(NOT_XML_CHAR, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
        .replace(MARKUP, (c) => XML_ENTITIES[c]);
}

// https://www.w3.org/TR/xml/#charsets: Char excludes the surrogate block and U+FFFE, U+FFFF.
const NOT_XML_CHAR = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;
const MARKUP = /[&<>"']/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const HTML_ENTITIES: Readonly<Record<string, string>> = { ...XML_ENTITIES, "'": "&#39;" };

/**
 * A value as HTML text or as a quoted attribute value: the five markup characters as entities
 * (`&#39;` for the apostrophe, which HTML 4 lacks as a name). The HTML report has no script and a
 * Content-Security-Policy that allows none, so this is about showing names as they are.
 *
 * @example
 * ```ts
 * htmlText("<img src=x onerror=alert(1)>"); // "&lt;img src=x onerror=alert(1)&gt;"
 * ```
 */
export function htmlText(value: string): string {
    return escapeControlCharacters(value).replace(MARKUP, (c) => HTML_ENTITIES[c]);
}

/**
 * A value as literal inline Markdown: a code span, fenced with one more backtick than the longest
 * run in the value (and padded with a space when it starts or ends with a backtick or a space, which
 * CommonMark strips again). Escaping punctuation is not enough on GitHub (issue 20, item 9): its
 * renderer (cmark-gfm with the autolink extension) links `https://...`, `www....` and e-mail
 * addresses in text, escaped brackets or not, and its later passes link `@mentions` (which notify
 * people), `#123` and `GH-123` references and draw `:emoji:`, all in text nodes, decoded entities
 * included. A code span holds none of these: inside one, cmark-gfm parses no link, autolink, HTML or
 * entity, and GitHub's passes skip `<code>`. The value reads exactly as it is, backslashes included
 * (control characters as visible escapes), so an id can be copied from the rendered report.
 *
 * @example
 * ```ts
 * markdownCode("see www.example.com @ops");  // "`see www.example.com @ops`"
 * markdownCode("a`b");                       // "``a`b``"
 * markdownCode("");                          // "" (an empty code span is not one)
 * ```
 */
export function markdownCode(value: string): string {
    const text = escapeControlCharacters(value);
    if (text === "") return "";
    let longest = 0;
    for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
    const fence = "`".repeat(longest + 1);
    const pad = /^[` ]|[` ]$/.test(text) ? " " : "";
    return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A value as the content of a cell of a GitHub-flavoured Markdown table: {@link markdownCode}, with
 * each `|` written `\|`. The table extension splits a row at every `|` that is not so escaped,
 * inside code spans too, and turns `\|` back into `|` before the cell is parsed, so the value stays
 * in its cell, exactly.
 *
 * @example
 * ```ts
 * markdownCell("a|b"); // "`a\\|b`", which GitHub shows as a|b in one cell
 * ```
 */
export function markdownCell(value: string): string {
    return markdownCode(value).replace(/\|/g, "\\|");
}

/**
 * A value as the message of a GitHub Actions workflow command (`::error::MESSAGE`), escaped as the
 * runner unescapes it: `%` as `%25`, carriage return as `%0D`, line feed as `%0A`
 * (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts, `escapeData`).
 * Control characters are visible escapes first, so the message is one line in the log as well.
 *
 * @example
 * ```ts
 * workflowCommandData("100% done"); // "100%25 done"
 * ```
 */
export function workflowCommandData(value: string): string {
    return escapeControlCharacters(value).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/**
 * A value as a property of a GitHub Actions workflow command (`::error title=VALUE::...`): as
 * {@link workflowCommandData}, and also `:` as `%3A` and `,` as `%2C` (`escapeProperty` in the
 * toolkit), so that a value cannot end the property list or start another property.
 *
 * @example
 * ```ts
 * workflowCommandProperty("a::b,file=x"); // "a%3A%3Ab%2Cfile=x"
 * ```
 */
export function workflowCommandProperty(value: string): string {
    return workflowCommandData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

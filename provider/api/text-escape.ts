/**
 * Text from outside (certificate names and ids from the API, exemption reasons, file paths, server
 * messages) made safe to show to people, in a terminal or in a CI log. Every human-readable output
 * of this package goes through here: the tables, the check's notes and summary, findings' messages,
 * assertion and policy messages, the command's error line. JSON output does not need it (it is data,
 * and `JSON.stringify` escapes control characters); {@link jsonForLogs} only covers what JSON leaves.
 *
 * Two dangers (issue 12, item 14):
 * - control characters: a newline in a name starts a line the reader takes for ours, an escape
 *   sequence recolours or rewrites the terminal, a carriage return hides what came before;
 * - CI workflow commands: the GitHub Actions runner takes a line that starts with `::` (after leading
 *   whitespace) as a command (`::error::`, `::add-mask::`, `::stop-commands::`) and also the older
 *   `##[command]` form anywhere in a line. A certificate named `::error::Deploy approved` would
 *   annotate the build. We write no such command ourselves, so none may appear.
 *
 * This module is the API layer's so that every layer can use it (the layers only import inwards);
 * it knows nothing of Pulumi. Every function is idempotent: text escaped early passes unchanged
 * through a later guard, so applying one twice is always safe.
 */

/**
 * What {@link escapeControlCharacters} replaces: C0 controls (newline, carriage return, tab, escape
 * included), DEL, C1 controls (U+0080 to U+009F: some terminals read U+009B as the start of an
 * escape sequence); U+2028 and U+2029, which editors and log viewers take as line breaks; the
 * bidirectional-text controls, which reorder what a reader sees (`cert_a` shown as another id); and
 * the legacy workflow-command opener `##[`.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##\[/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * One value from outside as one line of visible text: every control character becomes a visible
 * escape (`\n`, `\r`, `\t`, `\x1b`, `\x85`, `\u2028`), and `##[` becomes `##\x5b`. Backslashes are
 * left as they are, which keeps the function idempotent; the exact value is in the JSON output.
 *
 * @example
 * ```ts
 * escapeControlCharacters("gateway\n::error::pwned"); // "gateway\\n::error::pwned", one line
 * escapeControlCharacters("\x1b[31mred");             // "\\x1b[31mred", no colour
 * ```
 */
export function escapeControlCharacters(value: string): string {
    return value.replace(UNSAFE, escapeOne);
}

/**
 * Text we wrote, of one or more lines, with values from outside in it: each line has its control
 * characters escaped (only the line breaks between lines stay), and a line that would start a
 * workflow command (`::` after optional whitespace) has that first colon written as `\x3a`.
 *
 * @example
 * ```ts
 * printableText("NAME\n::error::x  cert_1"); // "NAME\n\\x3a:error::x  cert_1"
 * ```
 */
export function printableText(text: string): string {
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) lines[i] = escapeControlCharacters(lines[i]).replace(WORKFLOW_COMMAND_START, "$1\\x3a:");
    return lines.join("\n");
}

const WORKFLOW_COMMAND_START = /^(\s*)::/;

/**
 * JSON text (from `JSON.stringify`) made safe for a CI log without changing what it parses to.
 * `JSON.stringify` escapes C0 controls but leaves DEL, C1 controls, U+2028, U+2029 and the
 * bidirectional controls raw, and a `##[` inside a string is a workflow command to the runner. Each
 * of these can only occur inside a JSON string, where `\uXXXX` means the same character, so they are
 * written that way: `JSON.parse` gives back exactly the same data.
 *
 * @example
 * ```ts
 * jsonForLogs(JSON.stringify({ name: "##[error]x" })); // '{"name":"##\\u005berror]x"}'
 * JSON.parse(jsonForLogs(json));                      // deep-equal to JSON.parse(json)
 * ```
 */
export function jsonForLogs(json: string): string {
    return json.replace(JSON_UNSAFE, (match) => (match === "##[" ? "##\\u005b" : unicodeEscape(match.charCodeAt(0))));
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##\[/g;

function escapeOne(match: string): string {
    if (match === "##[") return "##\\x5b";
    const named = NAMED_ESCAPES[match];
    if (named !== undefined) return named;
    const code = match.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : unicodeEscape(code);
}

function unicodeEscape(code: number): string {
    return `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * The reports' consumers, as far as a test can stand in for them: an XML parser for JUnit, the
 * official SARIF Multitool for SARIF, the GitHub Actions runner's reading of workflow commands, and
 * GitHub's Markdown renderer (Debian's cmark-gfm).
 */
import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * Asserts `xml` is well-formed XML 1.0: the parser's own validation, and the characters XML allows
 * at all (https://www.w3.org/TR/xml/#charsets), which the parser does not check.
 */
export function assertWellFormedXml(xml: string): void {
    const validation = XMLValidator.validate(xml);
    assert.equal(validation, true, `not well-formed XML: ${JSON.stringify(validation)}`);
    const bad = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(xml);
    assert.equal(bad, null, `a character XML 1.0 does not allow: ${JSON.stringify(bad?.[0])} at ${bad?.index}`);
}

/** Parses a JUnit report after {@link assertWellFormedXml}. Attributes keep their names; `testsuite` and `testcase` are always lists. */
export function parseJUnit(xml: string): JUnitDocument {
    assertWellFormedXml(xml);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase", "property"].includes(name), parseAttributeValue: false });
    return parser.parse(xml) as JUnitDocument;
}

export interface JUnitCase {
    classname: string;
    name: string;
    failure?: { type: string; message: string; "#text": string };
    error?: { type: string; message: string; "#text": string };
    skipped?: { message: string };
    "system-out"?: string;
}

export interface JUnitDocument {
    testsuites: { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite: Array<{ name: string; tests: string; failures: string; errors: string; skipped: string; testcase: JUnitCase[] }> };
}

/** A result of the SARIF Multitool's validation: a rule it applied and what it found. */
export interface SarifValidationResult {
    ruleId: string;
    level: string;
    message: string;
}

/**
 * Validates a SARIF file with the SARIF Multitool from the npm registry (`@microsoft/sarif-multitool`,
 * a self-contained .NET build per platform; it runs offline). Applies the SARIF rules (the 2.1.0
 * schema, JSON1xxx; the spec's rules, SARIF1xxx and SARIF2xxx) and GitHub's ingestion rules (GHxxxx,
 * what code scanning refuses), and returns what it found.
 */
export async function validateSarif(file: string): Promise<SarifValidationResult[]> {
    const tool = require("@microsoft/sarif-multitool") as string; // the platform's binary
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sarif-validate-")), "validation.sarif");
    const child = spawn(tool, ["validate", file, "--rule-kind", "Gh;Sarif", "--output", out, "--log", "ForceOverwrite", "--quiet"], {
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (c) => (output += c));
    child.stderr!.on("data", (c) => (output += c));
    const code = await new Promise<number | null>((resolve, reject) => {
        child.on("error", reject);
        child.on("exit", resolve);
    });
    assert.equal(code, 0, `the SARIF Multitool failed to run: ${output}`);
    const log = JSON.parse(fs.readFileSync(out, "utf8"));
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    return (log.runs[0].results ?? []).map((r: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }) => ({
        ruleId: r.ruleId,
        level: r.level ?? "warning",
        message: r.message.text ?? `${r.message.id}: ${(r.message.arguments ?? []).join(" | ")}`,
    }));
}

/** A workflow command as the GitHub Actions runner reads it: name, properties and message, unescaped. */
export interface WorkflowCommand {
    command: string;
    properties: Record<string, string>;
    data: string;
}

/**
 * Reads stdout as the GitHub Actions runner does (`ActionCommand.TryParseV2` in actions/runner):
 * a line that starts with `::` (after whitespace) is a command up to the next `::`, its properties
 * split at `,` and `=`, then unescaped (`%25`, `%0D`, `%0A`, `%3A`, `%2C`); `##[` anywhere is the
 * older form. Returns the commands and the plain lines.
 */
export function readAsRunner(stdout: string): { commands: WorkflowCommand[]; plain: string[] } {
    const commands: WorkflowCommand[] = [];
    const plain: string[] = [];
    const unescape = (v: string) => v.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
    for (const line of stdout.split("\n")) {
        if (line === "") continue;
        assert.ok(!line.includes("##["), `an old-style command in: ${line}`);
        const trimmed = line.trimStart();
        if (!trimmed.startsWith("::")) {
            plain.push(line);
            continue;
        }
        const end = trimmed.indexOf("::", 2);
        assert.ok(end > 2, `a command without its closing :: in: ${line}`);
        const head = trimmed.slice(2, end);
        const space = head.indexOf(" ");
        const command = space < 0 ? head : head.slice(0, space);
        const properties: Record<string, string> = {};
        if (space >= 0) {
            for (const pair of head.slice(space + 1).split(",")) {
                const eq = pair.indexOf("=");
                assert.ok(eq > 0, `a malformed property ${JSON.stringify(pair)} in: ${line}`);
                properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
            }
        }
        commands.push({ command, properties, data: unescape(trimmed.slice(end + 2)) });
    }
    return { commands, plain };
}

/** Where Debian's package puts GitHub's Markdown renderer (`apt-get install -y cmark-gfm`). */
export const CMARK_GFM_PATH = "/usr/bin/cmark-gfm";

/**
 * Renders Markdown as GitHub's renderer does: cmark-gfm with the extensions GitHub turns on (table,
 * autolink, strikethrough, tagfilter, tasklist). Raw HTML is kept (`--unsafe`) rather than replaced
 * by a comment, so that a test sees any that gets through. Throws when cmark-gfm is not installed:
 * check {@link CMARK_GFM_PATH} first.
 */
export function renderAsGitHub(markdown: string): string {
    const extensions = ["table", "autolink", "strikethrough", "tagfilter", "tasklist"].flatMap((e) => ["-e", e]);
    return execFileSync(CMARK_GFM_PATH, ["--unsafe", ...extensions], { input: markdown, encoding: "utf8" });
}

/** The elements a Markdown report is made of; anything else (a link, an image, HTML) came from data. */
const REPORT_ELEMENTS = new Set(["h2", "h3", "p", "strong", "em", "code", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"]);

/**
 * Asserts that the HTML GitHub renders from a Markdown report holds nothing made from data: no
 * element but those the report is made of (so no link, image or HTML), no attribute but a cell's
 * alignment, and outside code spans no text that GitHub's later passes turn into a link or an
 * image: an `@mention`, an issue reference (`#123`, `GH-123`), an `:emoji:`, a URL or `www.`.
 * Those passes skip `<code>`, so text inside code spans may hold anything.
 */
export function assertNoMarkupFromData(html: string): void {
    for (const [tag, name, attributes] of html.matchAll(/<\/?([A-Za-z][\w-]*)([^>]*)>/g)) {
        assert.ok(REPORT_ELEMENTS.has(name.toLowerCase()), `an element from data: ${tag}`);
        assert.match(attributes, /^(\s+align="(left|right|center)")?\s*\/?$/, `an attribute from data: ${tag}`);
    }
    assert.doesNotMatch(html, /<!--|<!\[CDATA\[|<\?/, "a comment, CDATA or processing instruction");
    const outsideCode = decodeHtml(html.replace(/<code>[^<]*<\/code>/g, " ").replace(/<[^>]*>/g, " "));
    for (const [what, pattern] of [
        ["a mention", /(^|\W)@[A-Za-z0-9]/],
        ["an issue reference", /#\d|GH-\d/i],
        ["an emoji", /:[a-z_+-]+:/],
        ["a URL", /:\/\/|www\./i],
    ] as const) {
        assert.doesNotMatch(outsideCode, pattern, `${what} outside a code span`);
    }
}

/** The texts of the code spans of rendered HTML, decoded: what a reader sees and copies. */
export function codeSpansOf(html: string): string[] {
    return [...html.matchAll(/<code>([^<]*)<\/code>/g)].map((m) => decodeHtml(m[1]));
}

function decodeHtml(html: string): string {
    return html.replace(/&(lt|gt|quot|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, name: string, dec?: string, hex?: string) =>
        dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ lt: "<", gt: ">", quot: '"', amp: "&" } as Record<string, string>)[name.toLowerCase()],
    );
}

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { DEFAULT_USAGE_CONCURRENCY, MAX_USAGE_CONCURRENCY, MIN_USAGE_CONCURRENCY } from "../provider/api/certificate-usage";
import { MAX_PAGE_SIZE } from "../provider/api/certificates-query";
import { DEFAULT_BASE_URL, DEFAULT_MAX_LIST_BYTES, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from "../provider/api/client-options";
import { DEFAULT_MAX_PAGES } from "../provider/api/cursor";
import { DEFAULT_MIN_REMAINING_VALIDITY } from "../provider/dynamic/remaining-validity";
import { DEFAULT_FAIL_WITHIN, DEFAULT_WARN_WITHIN } from "../provider/expiry/expiry-options";
import { DEFAULT_MAX_DATA_AGE } from "../provider/expiry/data-age";
import { DEFAULT_UNKNOWN_DURING_PREVIEW } from "../sdk/unknown-during-preview";
import { REPO_ROOT } from "./support/processes";

/*
 * A default is a constant, and the code applies the constant; users read it in TSDoc (`@default`),
 * which cannot import it. This holds every documented default of an option below to its constant,
 * in every interface of the package, so that changing a default is changing one constant.
 */

const DEFAULTS: Record<string, unknown> = {
    baseUrl: DEFAULT_BASE_URL,
    maxRetries: DEFAULT_MAX_RETRIES,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    maxListBytes: DEFAULT_MAX_LIST_BYTES,
    maxPages: DEFAULT_MAX_PAGES,
    pageSize: MAX_PAGE_SIZE,
    concurrency: DEFAULT_USAGE_CONCURRENCY,
    warnWithin: DEFAULT_WARN_WITHIN,
    failWithin: DEFAULT_FAIL_WITHIN,
    minRemainingValidity: DEFAULT_MIN_REMAINING_VALIDITY,
    unknownDuringPreview: DEFAULT_UNKNOWN_DURING_PREVIEW,
    maxDataAge: DEFAULT_MAX_DATA_AGE,
};

/** Every property with an `@default` tag in the package's sources: file, name and the tag's text. */
function documentedDefaults(): Array<{ where: string; name: string; text: string; doc: string }> {
    const found: Array<{ where: string; name: string; text: string; doc: string }> = [];
    const walkDir = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkDir(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    for (const file of ["provider", "sdk", "fake-api", "cli"].flatMap((d) => walkDir(path.join(REPO_ROOT, d)))) {
        const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
            if ((ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) && ts.isIdentifier(node.name)) {
                for (const tag of ts.getJSDocTags(node)) {
                    if (tag.tagName.text !== "default") continue;
                    const doc = ts.getJSDocCommentsAndTags(node).map((d) => d.getText()).join("\n");
                    found.push({ where: `${path.relative(REPO_ROOT, file)}: ${node.name.text}`, name: node.name.text, text: ts.getTextOfJSDocComment(tag.comment) ?? "", doc });
                }
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
    }
    return found;
}

describe("the documented defaults", () => {
    const documented = documentedDefaults();

    it("each name the constant the code applies", () => {
        const checked = documented.filter((d) => d.name in DEFAULTS);
        assert.ok(checked.length >= 20, `found only ${checked.length} documented defaults of the options with constants`);
        for (const { where, name, text } of checked) assert.ok(text.startsWith(JSON.stringify(DEFAULTS[name])), `${where}: @default ${text}, but the code applies ${JSON.stringify(DEFAULTS[name])}`);
    });

    it("give the range of concurrency from its constants", () => {
        const concurrency = documented.filter((d) => d.name === "concurrency");
        assert.ok(concurrency.length >= 1);
        for (const { where, doc } of concurrency) assert.match(doc, new RegExp(`\\b${MIN_USAGE_CONCURRENCY} to ${MAX_USAGE_CONCURRENCY}\\b`), where);
    });
});

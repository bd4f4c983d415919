import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { REPO_ROOT } from "./support/processes";

/*
 * The README's errors table against the code: every error class of the package with its `code`, and
 * no row for a code that no class has. Read from the sources, so a new error class without a row
 * fails here.
 */

/** Every `code` an error class of ours can carry, with the class. */
function errorCodesInCode(): Array<{ code: string; className: string }> {
    const found: Array<{ code: string; className: string }> = [];
    const files = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    const unions = new Map<string, string[]>();
    const classes: Array<{ className: string; type?: string; code?: string }> = [];
    for (const file of ["provider", "sdk", "fake-api"].flatMap((d) => files(path.join(REPO_ROOT, d)))) {
        const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
        for (const statement of source.statements) {
            if (ts.isTypeAliasDeclaration(statement) && ts.isUnionTypeNode(statement.type)) {
                const literals = statement.type.types.filter(ts.isLiteralTypeNode).map((t) => t.literal).filter(ts.isStringLiteral).map((l) => l.text);
                if (literals.length) unions.set(statement.name.text, literals);
            }
            if (!ts.isClassDeclaration(statement) || !statement.name) continue;
            for (const member of statement.members) {
                const isCode = (name: ts.Node) => ts.isIdentifier(name) && name.text === "code";
                if (ts.isPropertyDeclaration(member) && isCode(member.name) && member.initializer && ts.isStringLiteral(member.initializer)) classes.push({ className: statement.name.text, code: member.initializer.text });
                // A code given to the constructor, typed by a union of its values (PaginationError).
                if (ts.isConstructorDeclaration(member)) {
                    for (const parameter of member.parameters) {
                        if (isCode(parameter.name) && parameter.type && ts.isTypeReferenceNode(parameter.type)) classes.push({ className: statement.name.text, type: parameter.type.typeName.getText() });
                    }
                }
            }
        }
    }
    for (const { className, code, type } of classes) {
        if (code !== undefined) found.push({ code, className });
        for (const value of type ? unions.get(type) ?? [] : []) found.push({ code: value, className });
    }
    return found;
}

/** The rows of the README's "## Errors" table: the codes of the first cell and the class of the second. */
function errorsTable(): Array<{ codes: string[]; className: string }> {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("\n## Errors\n"), readme.indexOf("\n## ", readme.indexOf("\n## Errors\n") + 1));
    return section
        .split("\n")
        .filter((line) => line.startsWith("| `"))
        .map((line) => {
            const [codes, className] = line.split("|").slice(1, 3);
            return { codes: [...codes.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]), className: className.replace(/`/g, "").trim() };
        });
}

describe("the README's errors table", () => {
    const inCode = errorCodesInCode();
    const table = errorsTable();

    it("has a row for every error code, with its class", () => {
        assert.ok(inCode.length >= 30, `found only ${inCode.length} error codes in the code`);
        for (const { code, className } of inCode) {
            const row = table.find((r) => r.codes.includes(code));
            assert.ok(row, `the README's errors table has no row for ${code} (${className})`);
            assert.equal(row.className, className, `the row of ${code}`);
        }
    });

    it("has no row for a code no error carries", () => {
        const known = new Set(inCode.map((c) => c.code));
        for (const { codes } of table) for (const code of codes) assert.ok(known.has(code), `the README's errors table lists ${code}, which no error class carries`);
    });
});

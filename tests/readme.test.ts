import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { installPackedPackage } from "./support/packed-package";
import { REPO_ROOT } from "./support/processes";

const run = promisify(execFile);

/** Every ```ts block of the README, with the line it starts on. */
function readmeTypeScriptBlocks(): Array<{ line: number; code: string }> {
    const lines = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").split("\n");
    const blocks: Array<{ line: number; code: string }> = [];
    for (let i = 0; i < lines.length; i++) {
        if (lines[i].trim() !== "```ts") continue;
        const start = i + 1;
        let end = start;
        while (end < lines.length && lines[end].trim() !== "```") end++;
        blocks.push({ line: start + 1, code: lines.slice(start, end).join("\n") });
        i = end;
    }
    return blocks;
}

/**
 * The README's TypeScript, type-checked as a user's file against the package installed from its
 * tarball (with the Pulumi SDKs of the test leg), each block on its own, as a user copies it.
 */
describe("the README's TypeScript blocks", function () {
    this.timeout(240_000);
    const blocks = readmeTypeScriptBlocks();

    it("there are blocks to check", () => {
        assert.ok(blocks.length >= 5, `found only ${blocks.length}`);
    });

    it("each compiles under strict TypeScript against the installed package", async () => {
        const project = await installPackedPackage();
        const dir = fs.mkdtempSync(path.join(project, "readme-"));
        const files = blocks.map((block) => {
            const file = path.join(dir, `readme-line-${block.line}.ts`);
            // Each block is a module of its own, as the file a user pastes it into would be.
            fs.writeFileSync(file, /^\s*(import|export)\b/m.test(block.code) ? block.code : `${block.code}\nexport {};\n`);
            return file;
        });
        const args = [path.join(project, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--types", "node", "--module", "commonjs", "--moduleResolution", "node", "--target", "es2020", ...files];
        const result = await run(process.execPath, args, { cwd: project, maxBuffer: 16 * 1024 * 1024 }).then(
            () => "",
            (error: { stdout?: string }) => error.stdout ?? String(error),
        );
        assert.equal(result, "", `README blocks that do not compile (file names give the README line):\n${result}`);
    });
});

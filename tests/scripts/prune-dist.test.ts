import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../support/processes";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { pruneDist } = require(path.join(REPO_ROOT, "scripts/prune-dist.js")) as { pruneDist(root: string): number };

describe("the build's pruning of dist (scripts/prune-dist.js)", () => {
    it("removes the outputs of a source that is gone, every kind of them, and keeps the rest", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "prune-dist-"));
        try {
            const write = (file: string) => {
                fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
                fs.writeFileSync(path.join(root, file), "");
            };
            write("provider/api/pem.ts");
            const kept = ["dist/provider/api/pem.js", "dist/provider/api/pem.d.ts", "dist/provider/api/pem.js.map", "dist/provider/api/pem.d.ts.map", "dist/.tsbuildinfo", "dist/data.json"];
            const gone = ["dist/provider/pem.js", "dist/provider/pem.d.ts", "dist/provider/pem.js.map", "dist/provider/pem.d.ts.map", "dist/tests/old/moved.test.js"];
            for (const file of [...kept, ...gone]) write(file);

            assert.equal(pruneDist(root), gone.length);
            for (const file of kept) assert.ok(fs.existsSync(path.join(root, file)), `${file} was removed`);
            for (const file of gone) assert.ok(!fs.existsSync(path.join(root, file)), `${file} is still there`);
            assert.ok(!fs.existsSync(path.join(root, "dist/tests")), "an emptied folder is left");
            assert.equal(pruneDist(root), 0, "a second run finds nothing");
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});

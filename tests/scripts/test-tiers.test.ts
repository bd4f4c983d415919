import { strict as assert } from "assert";
import * as path from "path";
import { REPO_ROOT } from "../support/processes";
import { refuseChildProcesses } from "../support/root-hooks";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const tiers = require(path.join(REPO_ROOT, "scripts/test-tiers.js")) as {
    TIERS: Record<string, { files: string[] | null; first?: string[]; sameOnEveryLeg?: string[] }>;
    ORDER: string[];
    tierFiles(tier: string, root?: string, env?: Record<string, string>): string[];
    tierOfEachFile(): Map<string, string>;
    globToRegExp(glob: string): RegExp;
};

describe("the test tiers (scripts/test-tiers.js)", () => {
    it("put every test file in exactly one tier that npm test runs", () => {
        const claims = tiers.tierOfEachFile();
        assert.ok(claims.size > 50, `found only ${claims.size} test files`);
        assert.deepEqual([...new Set(claims.values())].sort(), [...tiers.ORDER].sort());
    });

    it("have no pattern that matches nothing, so a renamed file cannot slip into the unit tier unnoticed", () => {
        const files = [...tiers.tierOfEachFile().keys()];
        for (const [tier, { files: globs, first, sameOnEveryLeg }] of Object.entries(tiers.TIERS)) {
            for (const glob of globs ?? []) assert.ok(files.some((f) => tiers.globToRegExp(glob).test(f)), `${tier}: ${glob} matches no test file`);
            for (const file of first ?? []) assert.equal(tiers.tierOfEachFile().get(file), tier, `${tier} starts ${file} first, which is not one of its files`);
            for (const file of sameOnEveryLeg ?? []) assert.equal(tiers.tierOfEachFile().get(file), tier, `${tier} runs ${file} on one leg only, which is not one of its files`);
        }
    });

    it("leave a file whose outcome is the same on every leg to the machine's leg, and narrow e2e on another leg", () => {
        const here = tiers.tierFiles("static", REPO_ROOT, {});
        const leg = tiers.tierFiles("static", REPO_ROOT, { OPENAI_CERTS_LEG: "node22" });
        const once = (tiers.TIERS.static.sameOnEveryLeg ?? []).map((f) => `dist/tests/${f}`).sort();
        assert.ok(once.includes("dist/tests/typescript-versions.test.js"));
        assert.deepEqual(here.filter((f) => !leg.includes(f)).sort(), once);
        assert.ok(leg.length > 0);
        const e2e = tiers.tierFiles("e2e", REPO_ROOT, { OPENAI_CERTS_LEG: "node24", OPENAI_CERTS_LEG_E2E: "pulumi-cli.test.js" });
        assert.deepEqual(e2e, ["dist/tests/e2e/pulumi-cli.test.js"]);
    });

    it("read globs as paths: * stays in a folder, ** crosses folders", () => {
        assert.ok(tiers.globToRegExp("e2e/**/*.test.js").test("e2e/a.test.js"));
        assert.ok(tiers.globToRegExp("e2e/**/*.test.js").test("e2e/x/y/a.test.js"));
        assert.ok(!tiers.globToRegExp("*.test.js").test("cli/a.test.js"));
        assert.ok(!tiers.globToRegExp("cli/a.test.js").test("cli/aXtest.js"));
    });

    it("in the unit tier, refuse to start a process, naming the way out", () => {
        const module: Record<string, unknown> = { spawn: () => "started", execFileSync: () => "started", readFileSync: () => "kept" };
        refuseChildProcesses(module);
        assert.throws(() => (module.spawn as () => void)(), /the unit tier starts no process \(child_process\.spawn was called\): move this test file .*scripts\/test-tiers\.js/);
        assert.throws(() => (module.execFileSync as () => void)(), /child_process\.execFileSync/);
        assert.equal((module.readFileSync as () => string)(), "kept");
    });
});

import { strict as assert } from "assert";
import { runNode } from "../support/processes";

describe("the openai-certs command's start-up", () => {
    it("does not load @pulumi/pulumi, which a CI step has no use for", async () => {
        const script = `require("./dist/cli/main.js"); process.stdout.write(String(Object.keys(require.cache).filter((k) => k.includes("@pulumi")).length));`;
        const r = await runNode(["-e", script]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, "0");
    });
});

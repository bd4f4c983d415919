import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MIN_PULUMI_VERSION, pulumiCliProblem } from "../../examples/demo/pulumi-cli";

/** A folder with a `pulumi` that is a shell script printing `text` to `pulumi version`. */
function stubPulumi(script: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stub-pulumi-"));
    fs.writeFileSync(path.join(dir, "pulumi"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    return dir;
}

describe("the demo checks the Pulumi CLI it was given before using it (issue 23, item 9)", () => {
    const dirs: string[] = [];
    after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
    const stub = (script: string) => {
        const dir = stubPulumi(script);
        dirs.push(dir);
        return dir;
    };

    it("names an old CLI's version and the one it needs, in one line", async () => {
        const problem = await pulumiCliProblem(stub("echo v3.100.0"));
        assert.match(problem ?? "", new RegExp(`is v3\\.100\\.0; this package needs Pulumi ${MIN_PULUMI_VERSION.replace(/\./g, "\\.")} or newer`));
        assert.equal(problem!.split("\n").length, 1);
    });

    it("says a pulumi that prints no version, or fails, is not a working CLI", async () => {
        assert.match((await pulumiCliProblem(stub("echo hello"))) ?? "", /is not a working Pulumi CLI/);
        assert.match((await pulumiCliProblem(stub("exit 3"))) ?? "", /is not a working Pulumi CLI/);
    });

    it("accepts the tested version and newer ones", async () => {
        assert.equal(await pulumiCliProblem(stub(`echo ${MIN_PULUMI_VERSION}`)), undefined);
        assert.equal(await pulumiCliProblem(stub("echo v3.276.0")), undefined);
        assert.equal(await pulumiCliProblem(stub("echo v4.0.0")), undefined);
    });
});

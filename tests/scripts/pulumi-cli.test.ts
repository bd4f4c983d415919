import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { REPO_ROOT } from "../support/processes";

const run = promisify(execFile);

/** A folder with executables named `names` that print a version, standing for an installed CLI. */
function fakeInstall(names: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-on-path-"));
    for (const name of names) {
        fs.writeFileSync(path.join(dir, name), "#!/bin/sh\necho v3.999.0\n");
        fs.chmodSync(path.join(dir, name), 0o755);
    }
    return dir;
}

/**
 * scripts/pulumi-cli.sh with a `pulumi` already on PATH, as users who installed Pulumi have it: that
 * install keeps precedence and its own folder is printed (before, the script printed its cache
 * folder, which then held only a shim, and the demo died with ENOENT).
 */
describe("scripts/pulumi-cli.sh with a pulumi already on PATH", () => {
    const emptyCache = () => fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cache-"));

    it("prints that pulumi's folder and builds nothing", async () => {
        const dir = fakeInstall(["pulumi", "pulumi-language-nodejs"]);
        const cache = emptyCache();
        const { stdout, stderr } = await run("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli.sh")], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, PULUMI_CLI_CACHE: cache } });
        assert.equal(stdout.trim(), dir);
        assert.doesNotMatch(stderr, /building/);
        assert.deepEqual(fs.readdirSync(cache), [], "nothing was put in the cache");
    });

    it("says in one line when that install has no Node.js language host", async () => {
        const dir = fakeInstall(["pulumi"]);
        const { stdout, stderr } = await run("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli.sh"), "--check"], {
            env: { ...process.env, PATH: `${dir}:/usr/bin:/bin`, PULUMI_CLI_CACHE: emptyCache() },
        });
        assert.equal(stdout.trim(), dir);
        assert.equal(stderr.trim().split("\n").length, 1, stderr);
        assert.match(stderr, /has no Node\.js language host beside it: programs run through the Automation API instead/);
    });
});

import { strict as assert } from "assert";
import { execFile, spawn } from "child_process";
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

/**
 * Two first runs at once (two clones, or the demo beside the tests) on a machine with Go and no CLI:
 * before, both ran `go build` into the same cache folder. A stand-in `go` records each build and
 * holds the first one until the test releases it, once the second run has said that it waits.
 */
describe("scripts/pulumi-cli.sh started twice at once on an empty cache", function () {
    this.timeout(60_000);

    it("builds the CLI once: the second run waits for the first and prints the same folder", async () => {
        const tools = fs.mkdtempSync(path.join(os.tmpdir(), "fake-go-"));
        const builds = path.join(tools, "builds.log");
        const release = path.join(tools, "release");
        fs.writeFileSync(
            path.join(tools, "go"),
            [
                "#!/bin/sh",
                'if [ "$1" = build ]; then',
                `    echo build >> "${builds}"`,
                // Only the first build is held: a second one (without the lock) ends at once.
                `    if [ "$(wc -l < "${builds}")" -eq 1 ]; then while [ ! -f "${release}" ]; do sleep 0.05; done; fi`,
                '    while [ "$1" != -o ]; do shift; done',
                '    printf "#!/bin/sh\\necho v3.248.0\\n" > "$2"; chmod +x "$2"',
                "fi",
                "",
            ].join("\n"),
        );
        fs.chmodSync(path.join(tools, "go"), 0o755);
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cache-"));
        const env = { ...process.env, PATH: `${tools}:/usr/bin:/bin`, PULUMI_CLI_CACHE: cache, PULUMI_SHARED_DIR: path.join(tools, "no-shared") };
        const script = path.join(REPO_ROOT, "scripts/pulumi-cli.sh");

        const first = run("bash", [script], { env });
        // The first run is inside `go build` (holding the lock) before the second starts.
        while (!fs.existsSync(builds)) await new Promise((resolve) => setTimeout(resolve, 20));
        const second = spawn("bash", [script], { env, stdio: ["ignore", "pipe", "pipe"] });
        let secondStdout = "";
        let secondStderr = "";
        second.stdout.on("data", (c) => (secondStdout += c));
        const secondExit = new Promise<number | null>((resolve) => second.on("exit", resolve));
        try {
            await new Promise<void>((resolve, reject) => {
                second.stderr.on("data", (c) => {
                    secondStderr += c;
                    if (/waiting for it/.test(secondStderr)) resolve();
                });
                void secondExit.then(() => reject(new Error(`the second run ended without waiting for the first: ${secondStderr}`)));
            });
        } finally {
            fs.writeFileSync(release, "");
        }
        const [firstResult, secondCode] = await Promise.all([first, secondExit]);

        assert.equal(secondCode, 0, secondStderr);
        const bin = path.join(cache, "v3.248.0", "bin");
        assert.equal(firstResult.stdout.trim(), bin);
        assert.equal(secondStdout.trim(), bin);
        assert.equal(fs.readFileSync(builds, "utf8"), "build\n", "go build ran once");
        assert.doesNotMatch(secondStderr, /building the Pulumi CLI/);
    });
});

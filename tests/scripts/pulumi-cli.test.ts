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

/**
 * Issue 24: the YAML and Go language hosts beside the CLI, for `runtime: yaml` and `runtime: go`
 * programs using the provider plugin. A cache filled earlier (the CLI and its Node.js host there) is
 * completed. Stand-ins for `go` and for ../shared/tools record each build and the Go caches it used,
 * and write an executable where the real ones would.
 */
describe("scripts/pulumi-cli.sh and the YAML and Go language hosts", function () {
    this.timeout(60_000);
    const script = path.join(REPO_ROOT, "scripts/pulumi-cli.sh");

    /** A cache holding the CLI and its Node.js host, a stand-in `go`, and a ../shared whose tool builds the Go host. */
    function machine(options: { go: boolean; shared: boolean }) {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-hosts-"));
        const cache = path.join(root, "cache");
        const bin = path.join(cache, "v3.248.0", "bin");
        fs.mkdirSync(bin, { recursive: true });
        for (const name of ["pulumi", "pulumi-language-nodejs"]) {
            fs.writeFileSync(path.join(bin, name), "#!/bin/sh\necho v3.248.0\n");
            fs.chmodSync(path.join(bin, name), 0o755);
        }
        const builds = path.join(root, "builds.log");
        const tools = path.join(root, "tools");
        fs.mkdirSync(tools);
        if (options.go) {
            fs.writeFileSync(
                path.join(tools, "go"),
                ["#!/bin/sh", `echo "go $* GOBIN=$GOBIN GOCACHE=$GOCACHE GOMODCACHE=$GOMODCACHE" >> "${builds}"`, 'if [ "$1" = install ]; then printf "#!/bin/sh\\n" > "$GOBIN/pulumi-language-yaml"; chmod +x "$GOBIN/pulumi-language-yaml"; fi', ""].join("\n"),
            );
            fs.chmodSync(path.join(tools, "go"), 0o755);
        }
        const shared = path.join(root, "shared");
        if (options.shared) {
            fs.mkdirSync(path.join(shared, "tools"), { recursive: true });
            fs.writeFileSync(
                path.join(shared, "tools", "build-pulumi-language-host.sh"),
                ["#!/bin/sh", `echo "host $1 GOCACHE=$GOCACHE GOMODCACHE=$GOMODCACHE" >> "${builds}"`, 'printf "#!/bin/sh\\n" > "$2/pulumi-language-$1"; chmod +x "$2/pulumi-language-$1"', ""].join("\n"),
            );
        }
        const env = { ...process.env, PATH: `${tools}:/usr/bin:/bin`, PULUMI_CLI_CACHE: cache, PULUMI_SHARED_DIR: shared };
        return {
            cache,
            bin,
            shared,
            env,
            builds: () => (fs.existsSync(builds) ? fs.readFileSync(builds, "utf8").trim().split("\n") : []),
            run: (args: string[] = [], extraEnv: Record<string, string> = {}) => run("bash", [script, ...args], { env: { ...env, ...extraEnv } }),
        };
    }

    it("builds both hosts into the CLI's folder once, with Go's caches under the cache root, and a second run builds nothing", async () => {
        const m = machine({ go: true, shared: true });
        const first = await m.run();
        assert.equal(first.stdout.trim(), m.bin);
        for (const host of ["pulumi-language-yaml", "pulumi-language-go"]) fs.accessSync(path.join(m.bin, host), fs.constants.X_OK);
        const caches = `GOCACHE=${m.cache}/go/build GOMODCACHE=${m.cache}/go/mod`;
        const [yaml, goHost, ...more] = m.builds();
        assert.match(yaml, /^go install github\.com\/pulumi\/pulumi-yaml\/cmd\/pulumi-language-yaml@v1\.38\.0 GOBIN=\S+ /);
        assert.ok(yaml.endsWith(` ${caches}`), yaml);
        assert.equal(goHost, `host go ${caches}`);
        assert.deepEqual(more, []);
        assert.doesNotMatch(first.stderr, /no language host/);

        const second = await m.run();
        assert.equal(second.stdout.trim(), m.bin);
        assert.equal(second.stderr, "");
        assert.equal(m.builds().length, 2, "nothing built again");
    });

    it("prints the Go caches it builds with for Go programs (--go-env)", async () => {
        const m = machine({ go: true, shared: true });
        const { stdout } = await m.run(["--go-env"]);
        assert.equal(stdout, `GOCACHE=${m.cache}/go/build\nGOMODCACHE=${m.cache}/go/mod\n`);
        assert.deepEqual(m.builds(), [], "--go-env builds nothing");
    });

    it("without ../shared: builds the YAML host, names the Go host as missing in one line, once; a later run with ../shared completes the cache", async () => {
        const m = machine({ go: true, shared: false });
        const first = await m.run();
        assert.equal(first.stdout.trim(), m.bin);
        fs.accessSync(path.join(m.bin, "pulumi-language-yaml"), fs.constants.X_OK);
        assert.equal(fs.existsSync(path.join(m.bin, "pulumi-language-go")), false);
        const lines = first.stderr.trim().split("\n").filter((l) => /language host/.test(l) && !/building/.test(l));
        assert.equal(lines.length, 1, first.stderr);
        assert.match(lines[0], /no language host for Go \(no \.\.\/shared beside this clone\): programs in those languages cannot run/);
        assert.equal((await m.run()).stderr, "", "said once, then counted as done");

        // ../shared appears (a clone moved beside it): the next run builds the Go host.
        fs.mkdirSync(path.join(m.shared, "tools"), { recursive: true });
        fs.writeFileSync(path.join(m.shared, "tools", "build-pulumi-language-host.sh"), 'printf "#!/bin/sh\\n" > "$2/pulumi-language-$1"; chmod +x "$2/pulumi-language-$1"\n');
        const completed = await m.run();
        assert.equal(completed.stdout.trim(), m.bin);
        fs.accessSync(path.join(m.bin, "pulumi-language-go"), fs.constants.X_OK);
    });

    it("without Go: the CLI in the cache still serves, and one line names both hosts as missing", async () => {
        const m = machine({ go: false, shared: true });
        const { stdout, stderr } = await m.run();
        assert.equal(stdout.trim(), m.bin);
        assert.equal(stderr.trim().split("\n").length, 1, stderr);
        assert.match(stderr, /no language host for YAML \(no Go toolchain\), Go \(no Go toolchain\): programs in those languages cannot run/);
        assert.deepEqual(m.builds(), []);
    });
});

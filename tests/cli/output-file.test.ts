import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeReportFile } from "../../cli/output-file";
import { InvalidArgumentError } from "../../provider/errors";
import { LEAK_CANARY_KEY, NOW, namedCertificate as cert, useFakeApi } from "../support/fixtures";
import { REPO_ROOT, runNode } from "../support/processes";

const CLI = "dist/cli/main.js";
const YESTERDAY = '{"passed":true,"note":"an earlier run\'s report"}\n';

describe("openai-certs --output-file, whatever the path names (issue 20, items 6-8)", function () {
    this.timeout(60_000);
    const api = useFakeApi();
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "output-file-"));
        api().setState({ certificates: [cert("gateway", 90)] });
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const env = () => ({ ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl, GITHUB_STEP_SUMMARY: "" });
    const checkArgs = (file: string, format = "json") => [CLI, "check", "--now", NOW.toISOString(), "--max-retries", "0", "--format", format, "--output-file", file];
    const check = (file: string, format = "json") => runNode(checkArgs(file, format), { env: env() });
    /** The root can make device nodes; anyone else skips, loudly. */
    const requireRoot = (test: Mocha.Context, what: string) => {
        if (process.getuid?.() === 0) return;
        console.warn(`\n!!! NOT ROOT: ${what} was NOT tested (mknod needs root; CI runs as root). !!!\n`);
        test.skip();
    };

    it("writes into a FIFO for the process reading it, and leaves the FIFO in place", async () => {
        const fifo = path.join(dir, "report.fifo");
        execFileSync("mkfifo", [fifo]);
        const read = fs.promises.readFile(fifo, "utf8");
        const r = await check(fifo);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(fs.lstatSync(fifo).isFIFO(), "the FIFO was replaced by a regular file");
        const report = await Promise.race([read, new Promise<string>((_, reject) => setTimeout(() => reject(new Error("nothing was written into the FIFO")), 10_000))]);
        assert.equal(JSON.parse(report).passed, true);
    });

    it("writes through a symlink: the link stays, the file it points at gets the report", async () => {
        fs.mkdirSync(path.join(dir, "real"));
        const target = path.join(dir, "real", "report.json");
        const link = path.join(dir, "report.json");
        fs.writeFileSync(target, YESTERDAY);
        fs.symlinkSync(target, link);
        const r = await check(link);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(fs.lstatSync(link).isSymbolicLink(), "the symlink was replaced by a regular file");
        assert.equal(JSON.parse(fs.readFileSync(target, "utf8")).passed, true);
        assert.deepEqual(fs.readdirSync(dir).sort(), ["real", "report.json"], "no temporary file is left");
    });

    it("writes to a character device, which stays a device, and exits 3 when the device is full", async function () {
        requireRoot(this, "writing the report to a character device");
        // Made in the test's own folder: the machine's /dev is never touched.
        const nul = path.join(dir, "null");
        const full = path.join(dir, "full");
        execFileSync("mknod", [nul, "c", "1", "3"]);
        execFileSync("mknod", [full, "c", "1", "7"]);
        const written = await check(nul);
        assert.equal(written.code, 0, written.stderr);
        assert.ok(fs.lstatSync(nul).isCharacterDevice(), "the device was replaced by a regular file");

        const refused = await check(full, "junit");
        assert.equal(refused.code, 3, `a report that was not written passed: ${refused.stdout}`);
        assert.match(refused.stderr, /"--output-file": cannot write the report to .*full.*ENOSPC/);
        assert.ok(fs.lstatSync(full).isCharacterDevice(), "the device disappeared");
    });

    it("never writes through a symlink planted at a temporary name beside the report", async () => {
        // The earlier name was `.NAME.PID.tmp`, and the next pids are easy to guess: plant them all.
        const victim = path.join(dir, "victim", "precious.txt");
        fs.mkdirSync(path.dirname(victim));
        fs.writeFileSync(victim, "precious\n");
        const out = path.join(dir, "report.xml");
        const lastPid = Number(fs.readFileSync("/proc/sys/kernel/ns_last_pid", "utf8"));
        for (let pid = lastPid + 1; pid <= lastPid + 3000; pid++) fs.symlinkSync(victim, path.join(dir, `.report.xml.${pid}.tmp`));
        const r = await check(out, "junit");
        assert.equal(r.code, 0, r.stderr);
        assert.equal(fs.readFileSync(victim, "utf8"), "precious\n", "the report was written through a planted symlink");
        assert.ok(fs.lstatSync(out).isFile());
        assert.match(fs.readFileSync(out, "utf8"), /<testsuites /);
    });

    it("refuses to create its temporary file where anything already is, and leaves it alone", () => {
        const victim = path.join(dir, "precious.txt");
        fs.writeFileSync(victim, "precious\n");
        const out = path.join(dir, "report.md");
        const bytes = Buffer.from("0123456789abcdef", "hex");
        fs.symlinkSync(victim, path.join(dir, `.report.md.${bytes.toString("hex")}.tmp`));
        assert.throws(
            () => writeReportFile(out, "# report\n", (size) => bytes.subarray(0, size)),
            (error: unknown) => error instanceof InvalidArgumentError && error.argument === "--output-file" && /EEXIST/.test(error.message),
        );
        assert.equal(fs.readFileSync(victim, "utf8"), "precious\n");
        assert.equal(fs.existsSync(out), false);
    });

    it("clears the earlier report before reading, through a symlink too, so that a killed run leaves no verdict", async () => {
        api().injectFault({ action: { kind: "delay", ms: 60_000 } });
        fs.mkdirSync(path.join(dir, "real"));
        const target = path.join(dir, "real", "report.json");
        const link = path.join(dir, "via-link.json");
        const plain = path.join(dir, "plain.json");
        fs.symlinkSync(target, link);
        for (const file of [link, plain]) {
            fs.writeFileSync(file, YESTERDAY);
            api().resetStats();
            // A CI timeout: the run is killed while it waits for the API.
            const child = spawn(process.execPath, checkArgs(file), { cwd: REPO_ROOT, env: env(), stdio: "ignore" });
            const exited = new Promise((resolve) => child.on("exit", resolve));
            for (let waited = 0; api().requests.length === 0; waited += 20) {
                assert.ok(waited < 20_000, "the command never read the API");
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
            child.kill("SIGKILL");
            await exited;
            if (file === link) {
                assert.ok(fs.lstatSync(link).isSymbolicLink());
                assert.equal(fs.readFileSync(target, "utf8"), "", "yesterday's report is still readable through the symlink");
            } else {
                assert.equal(fs.existsSync(plain), false, "yesterday's report is still there");
            }
        }
    });
});

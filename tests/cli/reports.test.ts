import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeReportFile } from "../../cli/output-file";
import { CHECK_FORMATS } from "../../cli/report";
import { OrganizationSpec } from "../../fake-api";
import { InvalidArgumentError } from "../../provider/api/errors";
import { escapeControlCharacters } from "../../provider/api/text-escape";
import { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME } from "../../provider/expiry/policy-names";
import { DAY, HOSTILE_NAMES, LEAK_CANARY_KEY, NOW, NOW_SECONDS, assertSafeForLogs, namedCertificate as cert, useFakeApi } from "../support/fixtures";
import { runInProcess } from "../support/cli-in-process";
import { REPO_ROOT, runNode } from "../support/processes";
import { CMARK_GFM_PATH, JUnitCase, assertNoMarkupFromData, codeSpansOf, parseJUnit, readAsRunner, renderAsGitHub, validateSarif } from "../support/report-consumers";

const CLI = "dist/cli/main.js";

/** Every state once, as a person deciding what to rotate first would meet them. */
const everyState = (): OrganizationSpec => ({
    certificates: [
        cert("gateway", 90),
        cert("payments", 5),
        cert("batch", -3),
        cert("edge", 20),
        cert("mystery", 0, { expiresAt: undefined }),
        cert("next", 400, { validAt: NOW_SECONDS + 10 * DAY }),
        cert("legacy-eu", 9),
        cert("old", 3, { active: false }),
    ],
});

describe("the reports of openai-certs check, spawned against the fake API", () => {
    const api = useFakeApi();

    it("a smoke test of the spawned command: the process's exit code, stdout and stderr are the ones run() gives", async () => {
        api().setState({ certificates: [cert("payments", 5), cert("edge", 20)] });
        const args = ["check", "--now", NOW.toISOString(), "--max-retries", "0", "--format", "json"];
        const env = { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl, GITHUB_STEP_SUMMARY: "" };
        const spawned = await runNode([CLI, ...args], { env });
        const inProcess = await runInProcess(args, env);
        assert.equal(spawned.code, 2, spawned.stderr);
        assert.deepEqual({ code: spawned.code, stdout: spawned.stdout, stderr: spawned.stderr }, inProcess);
    });
});

describe("the reports of openai-certs check, run against the fake API", function () {
    this.timeout(180_000);
    const api = useFakeApi();
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "reports-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    /**
     * Runs the command with the fake's URL and the canary key; the key must appear nowhere it writes.
     * In this process, through the same `run(argv, io)` that dist/cli/main.js calls, with stdout,
     * stderr and the environment its own: some 90 runs, each a second of Node.js start-up when
     * spawned. The spawned command is covered by openai-certs.test.ts and the smoke test below.
     */
    const certs = async (args: string[], env: Record<string, string> = {}) => {
        const result = await runInProcess(args, { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl, GITHUB_STEP_SUMMARY: "", ...env });
        for (const text of [result.stdout, result.stderr]) assert.ok(!text.includes(LEAK_CANARY_KEY), "the admin key was printed");
        return result;
    };
    /** `check` as of NOW, without retries (a 500 is final at once). */
    const check = (args: string[] = [], env?: Record<string, string>) => certs(["check", "--now", NOW.toISOString(), "--max-retries", "0", ...args], env);
    const exemptionsFile = () => {
        const file = path.join(dir, "exemptions.json");
        fs.writeFileSync(file, JSON.stringify([{ id: "cert_legacy_eu", reason: "migrating to cert_gateway", until: "2026-02-01" }]));
        return file;
    };
    const failReads = () => api().injectFault({ action: { kind: "status", status: 500 } });
    const file = (name: string) => path.join(dir, name);

    describe("exit codes", () => {
        it("are 0, 1 with --fail-on-warn, 2 and 3 in every format, as with the table", async () => {
            const scenarios: Array<{ name: string; seed?: OrganizationSpec; args?: string[]; code: number }> = [
                { name: "healthy", seed: { certificates: [cert("gateway", 90)] }, code: 0 },
                { name: "a warning", seed: { certificates: [cert("edge", 20)] }, code: 0 },
                { name: "a warning with --fail-on-warn", seed: { certificates: [cert("edge", 20)] }, args: ["--fail-on-warn"], code: 1 },
                { name: "a failure and a warning with --fail-on-warn", seed: { certificates: [cert("payments", 5), cert("edge", 20)] }, args: ["--fail-on-warn"], code: 2 },
                { name: "the API failing", code: 3 },
            ];
            for (const format of CHECK_FORMATS) {
                for (const s of scenarios) {
                    api().clearFaults();
                    if (s.seed) api().setState(s.seed);
                    else failReads();
                    const r = await check(["--format", format, ...(s.args ?? [])]);
                    assert.equal(r.code, s.code, `${format}, ${s.name}: ${r.stderr}`);
                    if (s.code !== 3) assert.equal(r.stderr, "", `${format}, ${s.name}`);
                    if (format !== "table") assert.ok(r.stdout.length > 0, `${format}, ${s.name}: an empty report`);
                }
            }
        });
    });

    describe("when nothing could be checked (exit 3)", () => {
        it("every format says so, and none reads as all clear", async () => {
            failReads();
            const run = async (format: string) => {
                const r = await check(["--format", format]);
                assert.equal(r.code, 3, `${format}: ${r.stderr}`);
                assert.match(r.stderr, /^openai-certs: OpenAI API returned HTTP 500 .*\(server_error\)/, format);
                return r.stdout;
            };
            assert.equal(await run("table"), "", "the table's one line is on stderr, as before");

            // Issue 16, item 6: the JSON report says why it could not check.
            const json = JSON.parse(await run("json"));
            assert.deepEqual([json.checked, json.passed, json.exitCode, json.error.name, json.error.code], [false, false, 3, "InternalServerError", "server_error"]);
            assert.match(json.summary, /^Certificate expiry check could not run: InternalServerError \(server_error\): OpenAI API returned HTTP 500.*Nothing was checked\.$/);
            assert.deepEqual([json.findings, json.counts], [null, null], "no empty list of findings to read as all clear");
            assert.deepEqual(json.scope, { type: "all-projects" });

            const junit = parseJUnit(await run("junit")).testsuites;
            assert.deepEqual([junit.tests, junit.failures, junit.errors], ["1", "0", "1"]);
            assert.match(junit.testsuite[0].testcase[0].error!.message, /could not run: InternalServerError/);

            const sarif = JSON.parse(await run("sarif")).runs[0];
            assert.equal(sarif.invocations[0].executionSuccessful, false);
            assert.match(sarif.invocations[0].toolExecutionNotifications[0].message.text, /could not run: InternalServerError/);
            assert.deepEqual(
                sarif.results.map((r: { level: string; ruleId: string }) => [r.level, r.ruleId]),
                [["error", EXPIRY_POLICY_NAME]],
                "an upload with no result would close every open alert",
            );

            const github = readAsRunner(await run("github"));
            assert.deepEqual(
                github.commands.map((c) => [c.command, c.properties.title]),
                [["error", "OpenAI certificate expiry check could not run (organization and every project)"]],
            );
            assert.match(github.commands[0].data, /InternalServerError \(server_error\)/);

            assert.match(await run("markdown"), /^## ✖ OpenAI certificate expiry: could not check\n\n\*\*Nothing was checked\.\*\* `Certificate expiry check could not run/);
            const html = await run("html");
            assert.match(html, /<title>OpenAI certificate expiry: could not check/);
            assert.doesNotMatch(html, /class="bar /, "no timeline");
        });

        it("writes the report of a usage error in the format asked for, naming the flag", async () => {
            const json = await check(["--format", "json", "--fail-within", "2x"]);
            assert.equal(json.code, 3);
            const parsed = JSON.parse(json.stdout);
            assert.equal(parsed.checked, false);
            assert.match(parsed.error.message, /^--fail-within: "2x" is not a duration/);

            const junit = await check(["--format", "junit", "--output-file", file("r.xml"), "--bogus"]);
            assert.equal(junit.code, 3);
            assert.match(junit.stderr, /unknown option '--bogus'/);
            assert.match(parseJUnit(fs.readFileSync(file("r.xml"), "utf8")).testsuites.testsuite[0].testcase[0].error!.message, /UsageError \(commander\.unknownOption\): unknown option '--bogus'/);
            assert.equal(api().requests.length, 0, "nothing was read");
        });

        it("replaces a report left by an earlier run, so that yesterday's all clear is not read as today's", async () => {
            api().setState({ certificates: [cert("gateway", 90)] });
            for (const format of ["junit", "sarif", "json", "markdown", "html", "table"]) {
                const out = file(`report.${format}`);
                const passed = await check(["--format", format, "--output-file", out]);
                assert.equal(passed.code, 0);
                assert.match(passed.stdout, new RegExp(`^Certificate expiry check passed \\(1 ok\\); .* Report: ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n$`));
                const before = fs.readFileSync(out, "utf8");
                failReads();
                const failed = await check(["--format", format, "--output-file", out]);
                api().clearFaults();
                assert.equal(failed.code, 3);
                const after = fs.readFileSync(out, "utf8");
                assert.notEqual(after, before, format);
                assert.match(after, /could not (run|check)/, format);
            }
            assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")), [], "no temporary file is left");
        });

        it("exits 3 when the report cannot be written, naming --output-file", async () => {
            api().setState({ certificates: [cert("gateway", 90)] });
            const r = await check(["--format", "junit", "--output-file", path.join(dir, "missing", "r.xml")]);
            assert.equal(r.code, 3);
            assert.match(r.stderr, /^openai-certs: --output-file: cannot write the report to .*missing\/r\.xml.*ENOENT/);
            assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
        });
    });

    describe("--output-file, whatever the path names (issue 20, items 6-8)", () => {
        const YESTERDAY = '{"passed":true,"note":"an earlier run\'s report"}\n';
        beforeEach(() => api().setState({ certificates: [cert("gateway", 90)] }));
        const writeTo = (out: string, format = "json") => check(["--format", format, "--output-file", out]);
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
            const r = await writeTo(fifo);
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
            const r = await writeTo(link);
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
            const written = await writeTo(nul);
            assert.equal(written.code, 0, written.stderr);
            assert.ok(fs.lstatSync(nul).isCharacterDevice(), "the device was replaced by a regular file");

            const refused = await writeTo(full, "junit");
            assert.equal(refused.code, 3, `a report that was not written passed: ${refused.stdout}`);
            assert.match(refused.stderr, /^openai-certs: --output-file: cannot write the report to .*full.*ENOSPC/);
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
            const r = await writeTo(out, "junit");
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
            for (const out of [link, plain]) {
                fs.writeFileSync(out, YESTERDAY);
                api().resetStats();
                // A CI timeout: the run is killed while it waits for the API.
                const args = [CLI, "check", "--now", NOW.toISOString(), "--format", "json", "--output-file", out];
                const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl }, stdio: "ignore" });
                const exited = new Promise((resolve) => child.on("exit", resolve));
                for (let waited = 0; api().requests.length === 0; waited += 20) {
                    assert.ok(waited < 20_000, "the command never read the API");
                    await new Promise((resolve) => setTimeout(resolve, 20));
                }
                child.kill("SIGKILL");
                await exited;
                if (out === link) {
                    assert.ok(fs.lstatSync(link).isSymbolicLink());
                    assert.equal(fs.readFileSync(target, "utf8"), "", "yesterday's report is still readable through the symlink");
                } else {
                    assert.equal(fs.existsSync(plain), false, "yesterday's report is still there");
                }
            }
        });
    });

    describe("--format junit", () => {
        const cases = (xml: string) => {
            const suites = parseJUnit(xml).testsuites;
            assert.equal(suites.testsuite.length, 1, "one testsuite for the run");
            return { suite: suites.testsuite[0], byId: (id: string) => suites.testsuite[0].testcase.find((c: JUnitCase) => c.name.endsWith(`(${id})`))! };
        };

        it("has one testsuite named by its scope and one testcase per certificate; what fails the gate is a <failure>", async () => {
            api().setState(everyState());
            const r = await check(["--format", "junit", "--exemptions", exemptionsFile()]);
            assert.equal(r.code, 2);
            const { suite, byId } = cases(r.stdout);
            assert.equal(suite.name, "OpenAI certificate expiry (organization and every project (0))");
            assert.deepEqual([suite.tests, suite.failures, suite.errors, suite.skipped], ["8", "3", "0", "2"]);
            assert.deepEqual(
                ["cert_payments", "cert_batch", "cert_next"].map((id) => byId(id).failure?.type),
                ["fail", "expired", "notYetValid"],
            );
            assert.match(byId("cert_payments").failure!.message, /^Certificate "payments" \(cert_payments\) expires in 5 days 0 hours/);
            for (const id of ["cert_edge", "cert_mystery"]) {
                assert.equal(byId(id).failure, undefined, id);
                assert.match(byId(id)["system-out"]!, /^WARN: /, id);
            }
            assert.match(byId("cert_legacy_eu").skipped!.message, /exempted until 2026-02-01: migrating to cert_gateway/);
            assert.match(byId("cert_old").skipped!.message, /inactive and was not judged/);
            assert.equal(byId("cert_gateway").failure ?? byId("cert_gateway").skipped, undefined);
        });

        it("counts warnings as failures under --fail-on-warn, and an unknown expiry under --fail-on-unknown", async () => {
            api().setState({ certificates: [cert("edge", 20), cert("mystery", 0, { expiresAt: undefined })] });
            const strict = await check(["--format", "junit", "--fail-on-warn"]);
            assert.equal(strict.code, 1);
            const { suite, byId } = cases(strict.stdout);
            assert.equal(suite.failures, "2", "exit 1 is a failing gate: a JUnit reader must see failures");
            assert.match(byId("cert_edge").failure!.message, /Warnings are not allowed \(--fail-on-warn\)\.$/);
            const unknown = await check(["--format", "junit", "--fail-on-unknown"]);
            assert.equal(unknown.code, 2);
            assert.equal(cases(unknown.stdout).byId("cert_mystery").failure!.type, "unknown");
            assert.equal(cases(unknown.stdout).byId("cert_edge").failure, undefined);
        });

        it("names the suite by project", async () => {
            api().setState({ certificates: [cert("gateway", 90)], projects: [{ id: "proj_web", certificates: [{ id: "cert_gateway" }] }] });
            const r = await check(["--format", "junit", "--project", "proj_web"]);
            assert.equal(cases(r.stdout).suite.name, "OpenAI certificate expiry (project proj_web)");
        });
    });

    describe("--format sarif", () => {
        it("passes the SARIF Multitool: the 2.1.0 schema, the spec's rules and GitHub's ingestion rules", async () => {
            api().setState(everyState());
            const out = file("certificates.sarif");
            const r = await check(["--format", "sarif", "--exemptions", exemptionsFile(), "--output-file", out]);
            assert.equal(r.code, 2);
            const found = await validateSarif(out);
            assert.deepEqual(found.filter((f) => f.level === "error"), [], "errors");
            // The one warning left: no informationUri, as the package has no home page to point at.
            assert.deepEqual(
                found.filter((f) => f.level !== "error").map((f) => f.ruleId),
                ["SARIF2005"],
            );

            const run = JSON.parse(fs.readFileSync(out, "utf8")).runs[0];
            assert.equal(run.invocations[0].executionSuccessful, true);
            assert.deepEqual(
                run.tool.driver.rules.map((rule: { id: string }) => rule.id),
                [EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME],
                "one rule per policy",
            );
            const byId = new Map<string, { level: string; ruleId: string; suppressions?: unknown[]; locations: unknown[]; partialFingerprints: Record<string, string> }>(
                run.results.map((res: { properties: { certificateId: string } }) => [res.properties.certificateId, res]),
            );
            assert.deepEqual(
                [...byId].map(([id, res]) => [id, res.level, res.ruleId]),
                [
                    ["cert_payments", "error", EXPIRY_POLICY_NAME],
                    ["cert_batch", "error", EXPIRY_POLICY_NAME],
                    ["cert_next", "error", EXPIRY_POLICY_NAME],
                    ["cert_mystery", "warning", EXPIRY_WARNING_POLICY_NAME],
                    ["cert_edge", "warning", EXPIRY_WARNING_POLICY_NAME],
                    ["cert_legacy_eu", "note", EXPIRY_POLICY_NAME],
                ],
                "one result per finding that blocks, warns or is exempted; none for ok or inactive",
            );
            assert.deepEqual(byId.get("cert_legacy_eu")!.suppressions, [{ kind: "external", status: "accepted", justification: "migrating to cert_gateway (until 2026-02-01)" }]);
            for (const res of byId.values()) {
                assert.deepEqual(res.locations, [{ physicalLocation: { artifactLocation: { uri: "Pulumi.yaml" }, region: { startLine: 1 } } }], "every result has a location");
            }
            const fingerprints = [...byId.values()].map((res) => res.partialFingerprints["openaiCertificateId/v1"]);
            assert.equal(new Set(fingerprints).size, fingerprints.length, "a fingerprint per certificate");

            // Stable: the same certificate gives the same fingerprint in the next run, whatever else changed.
            api().setState({ certificates: [cert("payments", 4), cert("extra", 2)] });
            const again = JSON.parse((await check(["--format", "sarif"])).stdout).runs[0];
            const payments = again.results.find((res: { properties: { certificateId: string } }) => res.properties.certificateId === "cert_payments");
            assert.equal(payments.partialFingerprints["openaiCertificateId/v1"], byId.get("cert_payments")!.partialFingerprints["openaiCertificateId/v1"]);
        });

        it("passes the SARIF Multitool when nothing could be checked, too", async () => {
            failReads();
            const out = file("unchecked.sarif");
            assert.equal((await check(["--format", "sarif", "--output-file", out])).code, 3);
            assert.deepEqual((await validateSarif(out)).filter((f) => f.level === "error"), []);
        });

        it("points results at --sarif-file-location, and refuses a path outside the repository or another format", async () => {
            api().setState({ certificates: [cert("payments", 5)] });
            const r = await check(["--format", "sarif", "--sarif-file-location", "infra\\my stack/Pulumi.yaml"]);
            assert.equal(JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, "infra/my%20stack/Pulumi.yaml");
            for (const [args, message] of [
                [["--format", "sarif", "--sarif-file-location", "/abs/Pulumi.yaml"], /relative to the repository root/],
                [["--format", "sarif", "--sarif-file-location", "../Pulumi.yaml"], /inside the repository/],
                [["--format", "sarif", "--sarif-file-location", "https://example.com/x"], /not an absolute path or a URL/],
                [["--format", "json", "--sarif-file-location", "Pulumi.yaml"], /only applies with --format sarif/],
            ] as const) {
                api().resetStats();
                const refused = await check([...args]);
                assert.equal(refused.code, 3, args.join(" "));
                assert.match(refused.stderr, message);
                assert.equal(api().requests.length, 0, "refused before reading");
            }
        });
    });

    describe("--format github", () => {
        it("annotates the verdict, then each finding that blocks, warns or is exempted, as the runner reads them", async () => {
            api().setState(everyState());
            const r = await check(["--format", "github", "--exemptions", exemptionsFile()]);
            assert.equal(r.code, 2);
            const { commands, plain } = readAsRunner(r.stdout);
            assert.deepEqual(plain, []);
            assert.deepEqual(
                commands.map((c) => [c.command, c.properties.title]),
                [
                    ["error", "OpenAI certificate expiry check (organization and every project (0))"],
                    ["error", "FAIL: payments (cert_payments)"],
                    ["error", "EXPIRED: batch (cert_batch)"],
                    ["error", "NOT YET VALID: next (cert_next)"],
                    ["warning", "UNKNOWN: mystery (cert_mystery)"],
                    ["warning", "WARN: edge (cert_edge)"],
                    ["notice", "EXEMPTED: legacy-eu (cert_legacy_eu)"],
                    ["notice", "1 skipped"],
                ],
            );
            assert.equal(commands[7].data, "1 certificate was not judged: inactive in the organization and in every project; --include-inactive judges it anyway.");
            assert.match(commands[0].data, /^Certificate expiry check FAILED: 3 certificates must be rotated/);
            assert.match(commands[1].data, /^Certificate "payments" \(cert_payments\) expires in 5 days 0 hours/);
        });

        it("writes warnings as errors under --fail-on-warn, with the verdict saying why", async () => {
            api().setState({ certificates: [cert("edge", 20)] });
            const r = await check(["--format", "github", "--fail-on-warn"]);
            assert.equal(r.code, 1);
            const { commands } = readAsRunner(r.stdout);
            assert.deepEqual(
                commands.map((c) => c.command),
                ["error", "error"],
            );
            assert.match(commands[0].data, /^Certificate expiry check failed: warnings are not allowed \(--fail-on-warn\)/);
        });

        it("escapes every name so that none can end, extend or start a command of its own", async () => {
            const names = [...HOSTILE_NAMES, "100% sure, title=x::y", "a%0Ab", "%3A%2C"];
            api().setState({ certificates: names.map((name, i) => cert(`hostile-${i}`, 5, { name })) });
            const r = await check(["--format", "github"]);
            assert.equal(r.code, 2);
            const { commands, plain } = readAsRunner(r.stdout);
            assert.deepEqual(plain, []);
            assert.equal(commands.length, 1 + names.length, "no extra command");
            assert.ok(commands.every((c) => c.command === "error" && Object.keys(c.properties).join() === "title"));
            const titles = commands.slice(1).map((c) => c.properties.title);
            const expected = names.map((name, i) => `FAIL: ${escapeControlCharacters(name)} (cert_hostile_${i})`);
            assert.deepEqual([...titles].sort(), [...expected].sort(), "each title reads back as the name, control characters made visible");
            for (const c of commands) assert.ok(!/[\u0000-\u001f\u007f-\u009f]/.test(c.data + c.properties.title), JSON.stringify(c));
        });

        it("refuses --output-file, and appends the Markdown report to GITHUB_STEP_SUMMARY", async () => {
            api().setState({ certificates: [cert("payments", 5)] });
            const refused = await check(["--format", "github", "--output-file", file("x.txt")]);
            assert.equal(refused.code, 3);
            assert.match(refused.stderr, /^openai-certs: --output-file: cannot be used with --format github/);
            assert.equal(api().requests.length, 0);

            const summary = file("step-summary.md");
            fs.writeFileSync(summary, "## an earlier step\n");
            const r = await check(["--format", "github"], { GITHUB_STEP_SUMMARY: summary });
            assert.equal(r.code, 2);
            const text = fs.readFileSync(summary, "utf8");
            assert.match(text, /^## an earlier step\n## OpenAI certificate expiry: ✖ failed\n/, "appended, not replaced");
            assert.match(text, /\| ✖ FAIL \| `payments` \| `cert_payments` \| 2026-01-20T00:00:00Z \| 5\.00 \| {2}\| {2}\|/);
        });
    });

    describe("--format markdown", () => {
        it("has a summary line and a table of state, name, id, expires, days left and projects", async () => {
            api().setState(everyState());
            const r = await check(["--format", "markdown", "--exemptions", exemptionsFile()]);
            assert.equal(r.code, 2);
            const lines = r.stdout.split("\n");
            assert.equal(lines[0], "## OpenAI certificate expiry: ✖ failed");
            assert.match(lines[2], /^`Certificate expiry check FAILED: 3 certificates must be rotated/);
            const header = lines.indexOf("| State | Name | ID | Expires | Days left | Projects | Note |");
            assert.ok(header > 0, r.stdout);
            const rows = lines.slice(header + 2, header + 10);
            assert.deepEqual(
                rows.map((row) => row.split(" | ").slice(0, 3).join(" | ")),
                [
                    "| ✖ FAIL | `payments` | `cert_payments`",
                    "| ✖ EXPIRED | `batch` | `cert_batch`",
                    "| ✖ NOT YET VALID | `next` | `cert_next`",
                    "| ? UNKNOWN | `mystery` | `cert_mystery`",
                    "| ⚠ WARN | `edge` | `cert_edge`",
                    "| ◇ EXEMPTED until `2026-02-01` | `legacy-eu` | `cert_legacy_eu`",
                    "| ✔ OK | `gateway` | `cert_gateway`",
                    "| – SKIPPED | `old` | `cert_old`",
                ],
            );
            assert.match(r.stdout, /\n### What to do\n\n- ✖ \*\*FAIL\*\*: `Certificate "payments"/);
            // The Note column says why a row was skipped and when and why an exemption ends (issue 23, items 8 and 12).
            assert.match(rows[5], / \| `exempted until 2026-02-01: migrating to cert_gateway` \|$/);
            assert.match(rows[7], / \| `inactive in the organization and in every project` \|$/);
        });

        it("keeps each name inside its cell: no markup, link, image, HTML or extra column", async () => {
            const names = [...HOSTILE_NAMES, "a|b|c", "![x](http://example.com/t.png)", "<img src=x>", "*bold* _em_ `code`"];
            api().setState({ certificates: names.map((name, i) => cert(`hostile-${i}`, 90, { name })) });
            const r = await check(["--format", "markdown"]);
            assertSafeForLogs(r.stdout);
            const rows = r.stdout.split("\n").filter((l) => l.startsWith("|") && l.includes("cert_hostile_"));
            assert.equal(rows.length, names.length);
            // GFM splits a row at every | but an escaped \|, inside code spans too.
            for (const row of rows) assert.equal(row.replace(/\\\|/g, "").split("|").length, 9, `eight cell borders: ${row}`);
            for (const row of rows) assert.match(row.split(" | ")[1], /^(`+) .* \1$|^`[^` ].*[^` ]`$/, `the name is one code span: ${row}`);
        });
    });

    describe("--format markdown rendered as GitHub renders it (cmark-gfm; issue 20, item 9)", () => {
        /** Data that GitHub would turn into a link, an image, HTML, a mention or a reference, escaped or not. */
        const LINKY = [
            "https://evil.example/login",
            "www.evil.example",
            "ops@evil.example",
            "mailto:ops@evil.example",
            "xmpp:ops@evil.example",
            "ftp://evil.example/x",
            "[click](https://evil.example)",
            "\\[x\\](http://evil.example)",
            "<https://evil.example>",
            "\\<http://evil.example\\>",
            "![pixel](https://evil.example/p.png)",
            '<img src=x onerror="alert(1)">',
            '<a href="https://evil.example">x</a>',
            "@octocat please approve",
            "fixes #123 and GH-7",
            ":shipit: :+1:",
            "&lt;b&gt; &#64;x &#x3a;",
            "a|b|c and a\\|b",
            "`code` ``two`` ` ",
            " back\\slash\\",
            "*bold* _em_ ~~gone~~ $x$",
        ];
        /** GitHub's renderer, or a loud skip where Debian's cmark-gfm is missing (CI installs it and fails without). */
        const needCmarkGfm = (test: Mocha.Context) => {
            if (fs.existsSync(CMARK_GFM_PATH)) return;
            const why = `Debian's cmark-gfm is not installed at ${CMARK_GFM_PATH} (apt-get install -y cmark-gfm)`;
            if (process.env.CI) throw new Error(`${why}: CI must render the Markdown report as GitHub does`);
            console.warn(`\n!!! ${why}: the Markdown report was NOT rendered as GitHub renders it. !!!\n`);
            test.skip();
        };
        const env = (extra: Record<string, string> = {}) => ({ ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl, GITHUB_STEP_SUMMARY: "", ...extra });

        it("holds no link, image, HTML, mention or reference made from names, ids, project ids, reasons or server messages", async function () {
            needCmarkGfm(this);
            api().setState({
                certificates: LINKY.map((name, i) => cert(`linky-${i}`, i % 3 === 0 ? 5 : 20, { name, id: i % 2 ? `cert_${i}_www.evil.example` : `cert_${i}@evil.example` })),
                projects: [{ id: "GH-7", certificates: LINKY.map((_, i) => ({ id: i % 2 ? `cert_${i}_www.evil.example` : `cert_${i}@evil.example` })) }],
            });
            const exemptions = file("exemptions.json");
            fs.writeFileSync(exemptions, JSON.stringify([{ id: "cert_0@evil.example", reason: "see https://evil.example/ticket #42 @boss", until: "2026-02-01" }]));
            const outputs = [
                await check(["--format", "markdown", "--exemptions", exemptions, "--all-projects"]),
                await check(["--format", "markdown", "--project", "GH-7"]),
                await certs(["list", "--format", "markdown", "--all-projects"]),
                await certs(["list", "--format", "markdown"]),
            ];
            api().injectFault({ action: { kind: "status", status: 500, body: { error: { message: "see https://status.evil.example/x, mail ops@evil.example, ask @oncall about #12 <b>now</b>", type: "server_error", param: null, code: "server_error" } } } });
            outputs.push(await check(["--format", "markdown"]), await certs(["list", "--format", "markdown", "--max-retries", "0"]));
            const summary = file("step-summary.md");
            api().clearFaults();
            await runNode([CLI, "check", "--now", NOW.toISOString(), "--format", "github", "--project", "GH-7"], { env: env({ GITHUB_STEP_SUMMARY: summary }) });
            const reports = [...outputs.map((r) => r.stdout), fs.readFileSync(summary, "utf8")];

            for (const markdown of reports) {
                const html = renderAsGitHub(markdown);
                assertNoMarkupFromData(html);
                // Every value reads back exactly, in a code span a reader can copy it from.
                const spans = codeSpansOf(html);
                if (!markdown.includes("could not")) {
                    for (const name of LINKY) assert.ok(spans.includes(name), `${JSON.stringify(name)} is not shown as it is: ${spans.join(" ¦ ")}`);
                    for (const row of html.split("<tr>").slice(2)) assert.equal(row.match(/<td[ >]/g)?.length, html.includes("<th>Note</th>") ? 7 : html.includes("<th>Active in projects</th>") ? 6 : 5, row);
                } else {
                    assert.ok(spans.some((s) => s.includes("https://status.evil.example/x, mail ops@evil.example, ask @oncall about #12 <b>now</b>")), spans.join(" ¦ "));
                }
            }
            assert.equal(reports.length, 7);
        });
    });

    describe("every format, with names that try to break out", () => {
        it("is safe for a CI log and well-formed for its reader, and JSON and SARIF keep the exact names", async () => {
            api().setState({ certificates: HOSTILE_NAMES.map((name, i) => cert(`hostile-${i}`, i + 1, { name })) });
            // Every format that writes a report (github writes workflow commands, checked on their own).
            for (const format of CHECK_FORMATS.filter((f) => f !== "github")) {
                const r = await check(["--format", format]);
                assert.equal(r.code, 2, `${format}: ${r.stderr}`);
                assertSafeForLogs(r.stdout);
                if (format === "junit") assert.equal(parseJUnit(r.stdout).testsuites.testsuite[0].testcase.length, HOSTILE_NAMES.length);
                if (format === "json") assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { name: string }) => f.name).sort(), [...HOSTILE_NAMES].sort());
                if (format === "sarif") assert.deepEqual(JSON.parse(r.stdout).runs[0].results.map((res: { properties: { certificateName: string } }) => res.properties.certificateName).sort(), [...HOSTILE_NAMES].sort());
                if (format === "html") {
                    assert.doesNotMatch(r.stdout, /<script|\son\w+=|\ssrc=|\shref=|url\((?!#)/i, "no script, handler or resource");
                    assert.equal((r.stdout.match(/<rect class="bar [^>]* data-certificate-id=/g) ?? []).length, HOSTILE_NAMES.length);
                }
            }
        });
    });

    describe("thresholds far ahead (issue 20, item 10)", () => {
        it("draws the HTML timeline of a 10,000,000-week warning in a few ticks, and finishes", async () => {
            api().setState({ certificates: [cert("payments", 5), cert("gateway", 90)] });
            // A tick a year for 190,000 years (24 MB), and past the year 275760, where Date.UTC is NaN, no end.
            const r = await runNode([CLI, "check", "--now", NOW.toISOString(), "--max-retries", "0", "--format", "html", "--warn-within", "10000000w"], {
                env: { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl, GITHUB_STEP_SUMMARY: "" },
                timeoutMs: 20_000,
            });
            assert.equal(r.code, 2, r.stderr);
            assert.ok(r.stdout.length < 100_000, `${r.stdout.length} characters of HTML`);
            assert.match(r.stdout, /<rect class="bar [^>]* data-certificate-id="cert_payments"/);
        });

        it("refuses, in every format and before reading, a threshold past the last date a report can show", async () => {
            api().setState({ certificates: [cert("gateway", 90)] });
            for (const format of CHECK_FORMATS) {
                for (const args of [["--warn-within", "100000000w"], ["--fail-within", "99999999w", "--warn-within", "100000000w"]]) {
                    const r = await check(["--format", format, ...args]);
                    assert.equal(r.code, 3, `${format} ${args.join(" ")}: ${r.stdout}`);
                    assert.match(r.stderr, new RegExp(`^openai-certs: ${args[0]}: reaches past \\+275760-09-13`), format);
                    assert.doesNotMatch(r.stderr, /\d{8}w/, "the refused value is not quoted");
                }
            }
            assert.equal(api().requests.length, 0, "nothing was read");
        });
    });

    describe("list", () => {
        it("lists as Markdown, into --output-file, and says why in JSON when it cannot", async () => {
            api().setState({ certificates: [cert("gateway", 90)] });
            const r = await certs(["list", "--format", "markdown"]);
            assert.equal(r.code, 0);
            assert.match(r.stdout, /^## OpenAI certificates \(1\)\n\nScope: `organization and every project \(0\)`\n\n\| Name \| ID \| Active in organization \| Active in projects \| Expires \| Days left \|\n\| --- \| --- \| --- \| --- \| --- \| ---: \|\n\| `gateway` \| `cert_gateway` \| yes \|/);
            const out = file("list.json");
            const written = await certs(["list", "--format", "json", "--output-file", out]);
            assert.equal(written.code, 0);
            assert.equal(JSON.parse(fs.readFileSync(out, "utf8")).certificates[0].id, "cert_gateway");
            failReads();
            const failed = await certs(["list", "--format", "json", "--max-retries", "0"]);
            assert.equal(failed.code, 3);
            assert.deepEqual([JSON.parse(failed.stdout).certificates, JSON.parse(failed.stdout).error.code], [null, "server_error"]);
            assert.equal((await certs(["list", "--format", "junit"])).code, 3, "a format without meaning for a list is refused");
        });
    });
});


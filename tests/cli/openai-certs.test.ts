import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DAY, HOSTILE_NAMES, LEAK_CANARY_KEY, NOW, NOW_SECONDS, assertSafeForLogs, namedCertificate, organizationSpec, seededRandom, useFakeApi } from "../support/fixtures";
import { runInProcess } from "../support/cli-in-process";
import { runNode, spawnUntil } from "../support/processes";
import { CHECK_FORMATS } from "../../cli/report";

const CLI = "dist/cli/main.js";

const cert = namedCertificate;

/**
 * The command against the fake API. Most runs are in this process, through the `run(argv, io)` that
 * dist/cli/main.js calls with the process's own stdout, stderr and environment (a spawned run costs
 * a second of Node.js start-up, and these are some 90 runs); what only a process shows is spawned:
 * the exit status, one-line stderr and no stack trace from the process, a FIFO that would block the
 * thread, stderr as a pipe (no progress bar), the rate-limited concurrency, and the fake server.
 */
describe("the openai-certs command against the fake API (in process through run(), and spawned)", function () {
    this.timeout(60_000);
    const api = useFakeApi();
    /**
     * Runs the command with the fake's URL and the canary key in its environment, in this process
     * or (`how: "spawned"`) as `node dist/cli/main.js`; the key must appear nowhere it writes.
     */
    const certs = async (args: string[], env: Record<string, string> = {}, how: "in-process" | "spawned" = "in-process") => {
        const environment = { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl, ...env };
        const result = how === "spawned" ? await runNode([CLI, ...args], { env: environment }) : await runInProcess(args, environment);
        assert.ok(!result.stdout.includes(LEAK_CANARY_KEY) && !result.stderr.includes(LEAK_CANARY_KEY), "the admin key was printed");
        return result;
    };
    const check = (args: string[] = [], env?: Record<string, string>) => certs(["check", "--now", NOW.toISOString(), ...args], env);
    const spawnedCheck = (args: string[] = [], env?: Record<string, string>) => certs(["check", "--now", NOW.toISOString(), ...args], env, "spawned");

    describe("exit codes", () => {
        it("0 when every active certificate is healthy", async () => {
            api().setState({ certificates: [cert("gateway", 90), cert("edge", 60)] });
            const r = await spawnedCheck();
            assert.equal(r.code, 0, r.stderr);
            assert.match(r.stdout, /Certificate expiry check passed \(2 ok\)/);
        });

        it("0 with warnings, and 1 with warnings when --fail-on-warn", async () => {
            api().setState({ certificates: [cert("edge", 20)] });
            assert.equal((await check()).code, 0);
            const strict = await check(["--fail-on-warn"]);
            assert.equal(strict.code, 1);
            assert.match(strict.stdout, /WARN: Certificate "edge" \(cert_edge\)/);
        });

        it("says the check failed under --fail-on-warn, and JSON's passed matches the exit code (issue 16, item 8)", async () => {
            api().setState({ certificates: [cert("edge", 20)] });
            const strict = await check(["--fail-on-warn"]);
            assert.equal(strict.code, 1);
            assert.match(strict.stdout, /^Certificate expiry check failed: warnings are not allowed \(--fail-on-warn\) \(1 warn\); earliest active expiry: edge/m);
            assert.doesNotMatch(strict.stdout, /passed/);
            const strictJson = await check(["--fail-on-warn", "--format", "json"]);
            assert.equal(strictJson.code, 1);
            const failed = JSON.parse(strictJson.stdout);
            assert.deepEqual([failed.passed, failed.exitCode], [false, 1]);
            assert.match(failed.summary, /^Certificate expiry check failed: warnings are not allowed \(--fail-on-warn\)/);
            const lenient = JSON.parse((await check(["--format", "json"])).stdout);
            assert.deepEqual([lenient.passed, lenient.exitCode], [true, 0]);
            assert.match(lenient.summary, /^Certificate expiry check passed with 1 warning/);
        });

        it("2 when an active certificate expires within --fail-within", async () => {
            api().setState({ certificates: [cert("gateway", 5), cert("edge", 20)] });
            const r = await spawnedCheck(["--fail-on-warn"]);
            assert.equal(r.code, 2, "failure wins over warnings");
            assert.match(r.stdout, /FAIL: Certificate "gateway" \(cert_gateway\) expires in 5 days 0 hours/);
        });

        it("3, in one line naming the problem, when the API cannot be read", async () => {
            api().injectFault({ action: { kind: "status", status: 500 } });
            const r = await spawnedCheck();
            assert.equal(r.code, 3);
            assert.equal(r.stdout, "");
            assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
            assert.match(r.stderr, /^openai-certs: OpenAI API returned HTTP 500 .*\(server_error\)/);
        });

        it("3 when the key is missing, naming OPENAI_ADMIN_KEY, with nothing sent", async () => {
            const r = await check([], { OPENAI_ADMIN_KEY: "" });
            assert.equal(r.code, 3);
            assert.match(r.stderr, /^openai-certs: No OpenAI admin key found\. Set the environment variable OPENAI_ADMIN_KEY\..*\(missing_admin_key\)$/m);
            assert.equal(api().requests.length, 0);
        });

        it("names only OPENAI_ADMIN_KEY in its advice, never Pulumi config (issue 11)", async () => {
            const missing = await check([], { OPENAI_ADMIN_KEY: "" });
            const refused = await check([], { OPENAI_ADMIN_KEY: "sk-admin-not-the-right-one" });
            assert.equal(refused.code, 3);
            assert.match(refused.stderr, /Check OPENAI_ADMIN_KEY; certificate endpoints need an organization admin key.*\(authentication_failed\)$/m);
            for (const r of [missing, refused]) {
                assert.doesNotMatch(r.stderr, /openai:|pulumi config|`adminKey`/, r.stderr);
                assert.ok(!r.stderr.includes("sk-admin-not-the-right-one"));
            }
        });

        it("reads with a key that ends in a newline, and counts a blank key as missing", async () => {
            api().setState({ certificates: [cert("gateway", 90)] });
            assert.equal((await check([], { OPENAI_ADMIN_KEY: `${LEAK_CANARY_KEY}\n` })).code, 0);
            const blank = await check([], { OPENAI_ADMIN_KEY: " \n" });
            assert.equal(blank.code, 3);
            assert.match(blank.stderr, /empty or only whitespace counts as not set\. \(missing_admin_key\)$/m);
            // The one check with a key read the organization's list, the project list and the active
            // certificate's content (for renewals); the blank key sent nothing.
            assert.equal(api().requests.length, 3);
        });

        it("3 when the server reflects the key back, and the key is not printed", async () => {
            api().injectFault({ action: { kind: "reflect-credentials" } });
            const r = await check(["--debug"]);
            assert.equal(r.code, 3);
            assert.match(r.stderr, /authentication_failed/);
            assert.match(r.stderr, /\n\s+at /, "--debug shows the stack");
        });

        it("3 for bad arguments, naming the flag, before reading anything", async () => {
            for (const args of [
                ["--fail-within", "2x"],
                ["--warn-within", "7d"],
                ["--now", "yesterday"],
                ["--now", "2026-01-15T00:00"],
                ["--format", "xml"],
                ["--project", "p", "--all-projects"],
                ["--organization-only", "--all-projects"],
                ["--organization-only", "--project", "p"],
                ["--max-retries", ""],
                ["--max-retries", "2.5"],
                ["--organization-only", "--include-archived"],
                ["--project", "p", "--concurrency", "3"],
                ["--all-projects", "--concurrency", "999"],
                ["--bogus"],
            ]) {
                const r = await check(args);
                assert.equal(r.code, 3, `${args.join(" ")}: ${r.stderr}`);
                assert.ok(r.stderr.length > 0);
            }
            const r = await check(["--fail-within", "2x"]);
            assert.match(r.stderr, /^openai-certs: --fail-within: "2x" is not a duration/);
            assert.equal(api().requests.length, 0);
        });

        it("3 for --fail-within 1M, listing the units, instead of reading it as one minute", async () => {
            api().setState({ certificates: [cert("gateway", 5)] });
            const r = await check(["--fail-within", "1M"]);
            assert.equal(r.code, 3, r.stdout);
            assert.match(r.stderr, /^openai-certs: --fail-within: "1M" is not a duration\. Use a number with one of the units s \(seconds\), m \(minutes\), h \(hours\), d \(days\) and w \(weeks\)/);
            assert.equal(api().requests.length, 0);
        });

        it("shows no stack trace without --debug", async () => {
            api().injectFault({ action: { kind: "status", status: 500 } });
            assert.doesNotMatch((await spawnedCheck()).stderr, /\n\s+at /);
        });
    });

    describe("formats", () => {
        it("writes a versioned JSON report with the time, thresholds, counts and findings", async () => {
            api().setState({ certificates: [cert("gateway", 5), cert("edge", 20), cert("legacy", 1, { active: false })] });
            const r = await check(["--format", "json", "--warn-within", "21d", "--fail-within", "7d"]);
            assert.equal(r.code, 2);
            const report = JSON.parse(r.stdout);
            assert.equal(report.schemaVersion, 1);
            assert.equal(report.evaluatedAt, NOW_SECONDS);
            assert.deepEqual(report.scope, { type: "all-projects", projects: 0 });
            assert.equal(report.thresholds.warnWithinSeconds, 21 * DAY);
            assert.equal(report.thresholds.failWithinSeconds, 7 * DAY);
            assert.equal(report.exitCode, 2);
            assert.equal(report.passed, false);
            assert.deepEqual(report.counts, { fail: 1, expired: 0, notYetValid: 0, unknown: 0, warn: 1, renewed: 0, exempted: 0, ok: 0, skipped: 1 });
            assert.deepEqual(
                report.findings.map((f: { id: string; state: string }) => [f.id, f.state]),
                [
                    ["cert_gateway", "fail"],
                    ["cert_edge", "warn"],
                    ["cert_legacy", "skipped"],
                ],
            );
        });

        it("prints names that hold control characters or workflow commands escaped in tables, and exact in JSON", async () => {
            api().setState({ certificates: HOSTILE_NAMES.map((name, i) => cert(`hostile-${i}`, i + 1, { name })) });
            for (const args of [["list"], ["check", "--now", NOW.toISOString()]]) {
                const table = await certs(args);
                assert.equal(table.stderr, "", table.stderr);
                assertSafeForLogs(table.stdout);
                const rows = table.stdout.split("\n").filter((line) => /cert_hostile_\d/.test(line) && !/^\s+(FAIL|WARN):|^Certificate expiry check/.test(line));
                assert.equal(rows.length, HOSTILE_NAMES.length, `one row per certificate:\n${table.stdout}`);
                const json = await certs([...args, "--format", "json"]);
                assertSafeForLogs(json.stdout);
                const parsed = JSON.parse(json.stdout);
                const names = (parsed.certificates ?? parsed.findings).map((c: { name: string }) => c.name);
                assert.deepEqual([...names].sort(), [...HOSTILE_NAMES].sort());
            }
        });

        it("lists as a table and as JSON", async () => {
            api().setState({ certificates: [cert("gateway", 90)] });
            const table = await certs(["list"]);
            assert.equal(table.code, 0);
            assert.match(table.stdout, /^NAME\s+ID\s+ACTIVE IN ORG\s+ACTIVE IN PROJECTS\s+EXPIRES AT\s+DAYS LEFT\n/);
            assert.match(table.stdout, /gateway\s+cert_gateway\s+yes/);
            const narrow = await certs(["list", "--organization-only"]);
            assert.match(narrow.stdout, /^NAME\s+ID\s+ACTIVE\s+EXPIRES AT\s+DAYS LEFT\n/);
            const json = JSON.parse((await certs(["list", "--format", "json"])).stdout);
            assert.equal(json.schemaVersion, 1);
            assert.deepEqual(
                json.certificates.map((c: { id: string }) => c.id),
                ["cert_gateway"],
            );
        });
    });

    describe("options", () => {
        it("honours an exemptions file, and names the bad field of a broken one", async () => {
            api().setState({ certificates: [cert("legacy-eu", 3), cert("gateway", 90)] });
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exemptions-"));
            const good = path.join(dir, "good.json");
            fs.writeFileSync(good, JSON.stringify([{ name: "legacy-*", reason: "migrating to cert_gateway", until: "2026-02-01" }]));
            const r = await check(["--exemptions", good]);
            assert.equal(r.code, 0, r.stdout);
            assert.match(r.stdout, /EXEMPTED\s+legacy-eu/);

            const bad = path.join(dir, "bad.json");
            fs.writeFileSync(bad, JSON.stringify({ exemptions: [{ name: "*", reason: "all", until: "2026-02-01" }] }));
            const refused = await check(["--exemptions", bad]);
            assert.equal(refused.code, 3);
            assert.match(refused.stderr, /exemptions\[0\]\.name/);
        });

        it("exits 3 at once on an exemptions file that is a FIFO with no writer (it used to hang)", async () => {
            api().setState({ certificates: [cert("gateway", 90)] });
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exemptions-"));
            const fifo = path.join(dir, "exemptions.json");
            execFileSync("mkfifo", [fifo]);
            try {
                // The time limit only turns a hang into a failure; nothing here measures speed.
                const r = await runNode([CLI, "check", "--now", NOW.toISOString(), "--exemptions", fifo], {
                    env: { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl },
                    timeoutMs: 20_000,
                });
                assert.equal(r.code, 3);
                assert.match(r.stderr, /^openai-certs: --exemptions: .*exemptions\.json is a FIFO \(named pipe\), not a regular file/);
                assert.equal(api().requests.length, 0);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("judges as of --now", async () => {
            api().setState({ certificates: [cert("gateway", 30)] });
            assert.equal((await certs(["check", "--now", new Date((NOW_SECONDS - 60 * DAY) * 1000).toISOString()])).code, 0);
            assert.equal((await certs(["check", "--now", new Date((NOW_SECONDS + 20 * DAY) * 1000).toISOString()])).code, 2);
            assert.equal((await certs(["check", "--now", new Date((NOW_SECONDS + 31 * DAY) * 1000).toISOString()])).code, 2, "expired");
        });

        it("reads one project with --project", async () => {
            api().setState({ certificates: [cert("gateway", 90), cert("payments", 5)], projects: [{ id: "proj_web", certificates: [{ id: "cert_gateway" }] }] });
            const r = await check(["--project", "proj_web", "--format", "json"]);
            assert.equal(r.code, 0);
            assert.deepEqual(JSON.parse(r.stdout).scope, { type: "project", projectId: "proj_web" });
            assert.equal(api().requests[0].path, "/organization/projects/proj_web/certificates");
        });
    });

    describe("--all-projects", () => {
        // "payments-legacy" is inactive in the organization but active in proj_payments, and expires in 5 days.
        const seed = () =>
            api().setState({
                certificates: [cert("gateway", 90), cert("payments-legacy", 5, { active: false })],
                projects: [
                    { id: "proj_web", certificates: [{ id: "cert_gateway", active: true }] },
                    { id: "proj_payments", certificates: [{ id: "cert_payments_legacy", active: true }] },
                ],
            });

        it("finds a certificate active only in one project, which the organization list misses", async () => {
            seed();
            const missed = await check(["--organization-only"]);
            assert.equal(missed.code, 0, "the organization list alone says inactive");
            const found = await check(["--all-projects"]);
            assert.equal(found.code, 2);
            assert.match(found.stdout, /FAIL: Certificate "payments-legacy" \(cert_payments_legacy\), active in project proj_payments, expires in 5 days/);
            const listed = await certs(["list", "--all-projects"]);
            assert.match(listed.stdout, /payments-legacy\s+cert_payments_legacy\s+no\s+proj_payments/);
        });

        // The gate passed while a project's clients were days from breaking (issue 23, item 8).
        it("is the default of check and list: a certificate active only in a project is judged", async () => {
            seed();
            const found = await check();
            assert.equal(found.code, 2, found.stdout);
            assert.match(found.stdout, /^FAIL\s+payments-legacy\s+cert_payments_legacy\s.*proj_payments/m);
            assert.match(found.stdout, /^Scope: organization and every project \(2\)$/m);
            assert.equal(api().requests.filter((r) => r.path === "/organization/projects/proj_payments/certificates").length, 1);
            const listed = await certs(["list"]);
            assert.match(listed.stdout, /payments-legacy\s+cert_payments_legacy\s+no\s+proj_payments/);
            assert.match(listed.stdout, /^Scope: organization and every project \(2\)$/m);
        });

        it("--organization-only narrows it, and the skipped certificate says why and what would judge it", async () => {
            seed();
            const narrow = await check(["--organization-only"]);
            assert.equal(narrow.code, 0);
            assert.match(narrow.stdout, /^SKIPPED\s+payments-legacy\s+cert_payments_legacy\s.*inactive in the organization; projects not read \(--organization-only\)$/m);
            assert.match(narrow.stdout, /^Scope: organization only$/m);
            assert.ok(api().requests.every((r) => !r.path.startsWith("/organization/projects")), "no project was read");
        });


        it("draws no progress bar when stderr is not a terminal", async () => {
            seed();
            const r = await spawnedCheck(["--all-projects"]);
            assert.equal(r.stderr, "");
        });

        it("loses and duplicates nothing while rate limited, and never exceeds --concurrency", async () => {
            api().setState(organizationSpec({ certificates: 30, projects: 40, perProject: 4 }));
            const clean = JSON.parse((await certs(["list", "--all-projects", "--format", "json"])).stdout).certificates;
            await api().close();
            // A fresh fake with the same data, answering 429 with Retry-After to a fifth of the requests.
            const { startFakeOpenAI } = await import("../../fake-api");
            const limited = await startFakeOpenAI({
                adminKey: LEAK_CANARY_KEY,
                nowSeconds: NOW_SECONDS,
                latencyMs: 10,
                random: seededRandom(99),
                seed: organizationSpec({ certificates: 30, projects: 40, perProject: 4 }),
                faults: [{ probability: 0.2, action: { kind: "status", status: 429, headers: { "retry-after-ms": "20" } } }],
            });
            try {
                // A fifth of requests limited: with the default 2 retries one request in 125 would run
                // out; --max-retries 10 makes that one in 50 million.
                const r = await runNode([CLI, "list", "--all-projects", "--concurrency", "3", "--max-retries", "10", "--format", "json"], {
                    env: { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: limited.baseUrl },
                });
                assert.equal(r.code, 0, r.stderr);
                assert.ok(limited.requests.filter((q) => q.status === 429).length > 0, "rate limiting happened");
                assert.deepEqual(JSON.parse(r.stdout).certificates, clean);
                assert.ok(limited.concurrency.max <= 3, `saw ${limited.concurrency.max} requests at once`);
            } finally {
                await limited.close();
            }
        });
    });


    describe("scope and skipped certificates in every format (issue 23, item 8)", () => {
        const formats = CHECK_FORMATS;

        it("every check format says which scope it judged", async () => {
            api().setState({ certificates: [cert("gateway", 90)], projects: [{ id: "proj_web", certificates: [{ id: "cert_gateway" }] }] });
            for (const format of formats) {
                for (const [args, words] of [[[], "organization and every project (1)"], [["--organization-only"], "organization only"], [["--project", "proj_web"], "project proj_web"]] as const) {
                    const r = await check(["--format", format, ...args]);
                    assert.equal(r.code, 0, `${format} ${args.join(" ")}: ${r.stderr}`);
                    if (format === "json") assert.deepEqual(JSON.parse(r.stdout).scope, args.length === 0 ? { type: "all-projects", projects: 1 } : args.length === 1 ? { type: "organization" } : { type: "project", projectId: "proj_web" });
                    else assert.ok(r.stdout.includes(words), `${format} ${args.join(" ")} does not say "${words}":\n${r.stdout}`);
                }
            }
            for (const format of ["table", "json", "markdown"]) {
                const listed = await certs(["list", "--format", format]);
                if (format === "json") assert.deepEqual(JSON.parse(listed.stdout).scope, { type: "all-projects", projects: 1 });
                else assert.ok(listed.stdout.includes("organization and every project (1)"), `list ${format}:\n${listed.stdout}`);
            }
        });

        it("a skipped certificate says why in every format", async () => {
            api().setState({ certificates: [cert("gateway", 90), cert("retired", 4, { active: false })] });
            for (const [args, why] of [[[], "inactive in the organization and in every project"], [["--organization-only"], "inactive in the organization; projects not read (--organization-only)"]] as const) {
                for (const format of formats) {
                    const r = await check(["--format", format, ...args]);
                    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
                    // JSON escapes nothing here; the HTML report writes its text as HTML, which leaves these words alone.
                    assert.ok(r.stdout.includes(why), `${format} ${args.join(" ")} does not say why it skipped:\n${r.stdout}`);
                }
            }
        });
    });

    describe("messages a user acts on (issue 23, item 12)", () => {
        const exemptionsIn = (content: unknown) => {
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "exemptions-")), "exemptions.json");
            fs.writeFileSync(file, JSON.stringify(content));
            return file;
        };

        it("shows the exemption's end and reason in an EXEMPTED table row", async () => {
            api().setState({ certificates: [cert("legacy-eu", 3), cert("gateway", 90)] });
            const r = await check(["--exemptions", exemptionsIn([{ name: "legacy-*", reason: "migrating to cert_gateway", until: "2026-02-01" }])]);
            assert.equal(r.code, 0, r.stderr);
            assert.match(r.stdout, /^EXEMPTED\s+legacy-eu\s+cert_legacy_eu\s.*\s+exempted until 2026-02-01: migrating to cert_gateway$/m);
        });

        it("prints the same days left in every format: 2.99 for 2 days 23 hours 59 minutes", async () => {
            api().setState({ certificates: [cert("edge", 3, { expiresAt: NOW_SECONDS + 3 * DAY - 60 })] });
            const table = await check();
            assert.match(table.stdout, /^FAIL\s+edge\s+cert_edge\s+\S+\s+2\.99\s/m);
            assert.equal(JSON.parse((await check(["--format", "json"])).stdout).findings[0].daysRemaining, 2.99);
            assert.match((await check(["--format", "junit"])).stdout, /days left: 2\.99/);
            assert.match((await check(["--format", "markdown"])).stdout, /\| 2\.99 \|/);
            assert.match((await check(["--format", "html"])).stdout, />2\.99</);
            for (const format of ["table", "markdown", "html", "junit"]) assert.doesNotMatch((await check(["--format", format])).stdout, /\b3\.0\b|\b3\.00\b/, format);
        });

        it("names the flags in a --warn-within error, never the library's failWithin", async () => {
            const r = await check(["--warn-within", "7d"]);
            assert.equal(r.code, 3);
            assert.equal(r.stderr, "openai-certs: --warn-within: must be longer than --fail-within (7 days is not longer than 14 days), or warnings would never come before failures\n");
        });

        it("says plainly that the exemptions file does not exist, with no bare ENOENT", async () => {
            const missing = path.join(os.tmpdir(), "no-such-folder-for-exemptions", "exemptions.json");
            const r = await check(["--exemptions", missing]);
            assert.equal(r.code, 3);
            assert.equal(r.stderr, `openai-certs: --exemptions: ${missing} does not exist\n`);
        });

        it("names the file when an exemption has no reason", async () => {
            const file = exemptionsIn([{ id: "cert_edge", until: "2026-02-01" }]);
            const r = await check(["--exemptions", file]);
            assert.equal(r.code, 3);
            assert.equal(r.stderr, `openai-certs: --exemptions: ${file}: exemptions[0].reason is required: say why this certificate may expire\n`);
            assert.equal(api().requests.length, 0);
        });

        it("writes plain error lines, not every one starting InvalidArgumentError (invalid_argument)", async () => {
            api().injectFault({ action: { kind: "status", status: 500 } });
            for (const args of [["--fail-within", "2x"], ["--now", "yesterday"], ["--project", "p", "--all-projects"], []]) {
                const r = await check(args);
                assert.equal(r.code, 3);
                assert.match(r.stderr, /^openai-certs: /);
                assert.doesNotMatch(r.stderr, /Error \(|invalid_argument|Invalid argument/, r.stderr);
            }
        });

        it("shows examples and the exit codes in --help", async () => {
            for (const args of [["--help"], ["check", "--help"], ["list", "--help"]]) {
                const r = await certs(args);
                assert.equal(r.code, 0, r.stderr);
                assert.match(r.stdout, /\nExamples:\n {2}openai-certs check /);
                assert.match(r.stdout, /\nExit codes:\n {2}0 {2}passed.*\n {2}1 {2}warnings.*\n {2}2 {2}failed.*\n {2}3 {2}could not read or check/);
                assert.match(r.stdout, /--organization-only/);
            }
        });
    });

    it("serves the fake API with `openai-certs fake-api`, printing its base URL", async () => {
        const seed = path.resolve(__dirname, "../../../examples/seeds/organization.json");
        const { child, match } = await spawnUntil([CLI, "fake-api", "--seed", seed], /OPENAI_BASE_URL=(\S+)\n/);
        try {
            const r = await runNode([CLI, "list", "--format", "json"], { env: { ...process.env, OPENAI_ADMIN_KEY: "sk-admin-fake-key", OPENAI_BASE_URL: match[1] } });
            assert.equal(r.code, 0, r.stderr);
            assert.equal(JSON.parse(r.stdout).certificates.length, 3);
        } finally {
            child.kill("SIGTERM");
        }
    });
});

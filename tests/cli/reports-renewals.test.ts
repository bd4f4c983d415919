import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CHECK_FORMATS } from "../../cli/report";
import { CertificateSpec } from "../../fake-api";
import { EXPIRY_POLICY_NAME, EXPIRY_WARNING_POLICY_NAME } from "../../provider/expiry/policy-names";
import { DAY, LEAK_CANARY_KEY, NOW, NOW_SECONDS, namedCertificate as cert, useFakeApi } from "../support/fixtures";
import { runInProcess } from "../support/cli-in-process";
import { JUnitCase, parseJUnit, readAsRunner, validateSarif } from "../support/report-consumers";

/** A rotation: the old payments CA and its same-key renewal; an expired CA renewed too; and a healthy gateway. */
const ROTATION: CertificateSpec[] = [
    cert("payments-2025", 5, { commonName: "Payments CA", keyGroup: "payments" }),
    cert("payments-2026", 400, { commonName: "Payments CA", keyGroup: "payments" }),
    cert("edge-2024", -2, { commonName: "Edge CA", keyGroup: "edge", validAt: NOW_SECONDS - 300 * DAY }),
    cert("edge-2025", 300, { commonName: "Edge CA", keyGroup: "edge" }),
    cert("gateway", 90),
];
/** A successor with the same subject and another key: not a renewal. */
const REKEYED: CertificateSpec[] = [cert("billing-2025", 6, { commonName: "Billing CA" }), cert("billing-rekeyed", 400, { commonName: "Billing CA" })];

const CONTENT_READ = /^\/organization\/certificates\/cert_[a-z0-9_]+$/;

/** Issue 25: every report format shows a renewal, and the reason a different-key successor still fails. */
describe("openai-certs check: renewals in every report (issue 25)", function () {
    this.timeout(120_000);
    const api = useFakeApi();
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "renewals-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const check = async (args: string[]) => {
        const env = { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl, GITHUB_STEP_SUMMARY: "" };
        const result = await runInProcess(["check", "--now", NOW.toISOString(), "--max-retries", "0", ...args], env);
        assert.ok(!result.stdout.includes(LEAK_CANARY_KEY) && !result.stderr.includes(LEAK_CANARY_KEY), "the admin key was printed");
        return result;
    };

    it("passes a same-key rotation with no exemption, reading each active certificate's content once", async () => {
        api().setState({ certificates: ROTATION });
        const r = await check(["--format", "json"]);
        assert.equal(r.code, 0, r.stdout);
        const report = JSON.parse(r.stdout);
        assert.equal(report.passed, true);
        assert.equal(report.thresholds.renewals, "pass");
        assert.equal(report.counts.renewed, 2);
        const payments = report.findings.find((f: { id: string }) => f.id === "cert_payments_2025");
        assert.equal(payments.state, "renewed");
        assert.deepEqual(payments.renewedBy, { id: "cert_payments_2026", name: "payments-2026", expiresAt: NOW_SECONDS + 400 * DAY });
        const edge = report.findings.find((f: { id: string }) => f.id === "cert_edge_2024");
        assert.deepEqual([edge.state, edge.severity], ["renewed", "warn"], "expired and renewed: a warning to deactivate and delete it");
        const reads = api().requests.filter((q) => CONTENT_READ.test(q.path)).map((q) => q.path);
        assert.equal(reads.length, ROTATION.length);
        assert.equal(new Set(reads).size, reads.length, "once per certificate");
    });

    it("--renewals judge reads no content and fails the rotation; warn passes with warnings; anything else is a usage error", async () => {
        api().setState({ certificates: ROTATION });
        const judged = await check(["--renewals", "judge", "--format", "json"]);
        assert.equal(judged.code, 2);
        assert.equal(api().requests.filter((q) => CONTENT_READ.test(q.path)).length, 0);
        const first = JSON.parse(judged.stdout).findings.find((f: { id: string }) => f.id === "cert_payments_2025");
        assert.deepEqual([first.state, first.renewedBy], ["fail", undefined]);
        assert.equal((await check(["--renewals", "warn", "--fail-on-warn"])).code, 1);
        const bad = await check(["--renewals", "sometimes"]);
        assert.equal(bad.code, 3);
        assert.match(bad.stderr, /--renewals/);
    });

    describe("every format, on a rotation beside a re-keyed successor (exit 2)", () => {
        beforeEach(() => api().setState({ certificates: [...ROTATION, ...REKEYED] }));
        const REASON = /Not a renewal: certificate "billing-rekeyed" \(cert_billing_rekeyed\) has the same subject \(CN=Billing CA\) but a different public key/;
        const RENEWED = /renewed by certificate "payments-2026" \(cert_payments_2026\), active with the same subject and public key until 2027-02-19/;

        it("table: the RENEWED state and its successor, and the reason the re-keyed one fails", async () => {
            const r = await check([]);
            assert.equal(r.code, 2);
            const row = r.stdout.split("\n").find((l) => l.includes("cert_payments_2025"))!;
            assert.match(row, /^RENEWED .*renewed by payments-2026 \(cert_payments_2026\), until 2027-02-19/);
            assert.match(r.stdout, /RENEWED: Certificate "payments-2025"/);
            assert.match(r.stdout, /FAIL: Certificate "billing-2025" \(cert_billing_2025\)/);
            assert.match(r.stdout, REASON);
        });

        it("JUnit: the renewal passes and names its successor; the re-keyed one is a failure with the reason", async () => {
            const suite = parseJUnit((await check(["--format", "junit"])).stdout).testsuites.testsuite[0];
            const byId = (id: string) => suite.testcase.find((c: JUnitCase) => c.name.endsWith(`(${id})`))!;
            assert.equal(byId("cert_payments_2025").failure, undefined);
            assert.match(byId("cert_payments_2025")["system-out"]!, /state: RENEWED.*renewed by: payments-2026 \(cert_payments_2026\), until 2027-02-19/);
            assert.match(byId("cert_billing_2025").failure!.message, REASON);
        });

        it("SARIF: the renewal is a suppressed note with its reason, and the log passes the Multitool", async () => {
            const out = path.join(dir, "renewals.sarif");
            assert.equal((await check(["--format", "sarif", "--output-file", out])).code, 2);
            assert.deepEqual((await validateSarif(out)).filter((f) => f.level === "error"), []);
            const results = JSON.parse(fs.readFileSync(out, "utf8")).runs[0].results as Array<{ level: string; ruleId: string; suppressions?: unknown[]; message: { text: string }; properties: { certificateId: string; renewedBy?: unknown } }>;
            const byId = (id: string) => results.find((x) => x.properties.certificateId === id)!;
            const renewed = byId("cert_payments_2025");
            assert.deepEqual([renewed.level, renewed.ruleId], ["note", EXPIRY_POLICY_NAME]);
            assert.deepEqual(renewed.suppressions, [
                { kind: "external", status: "accepted", justification: "Renewed by payments-2026 (cert_payments_2026), active with the same subject and public key until 2027-02-19T00:00:00Z: client certificates verify against it." },
            ]);
            assert.deepEqual(renewed.properties.renewedBy, { id: "cert_payments_2026", name: "payments-2026", expiresAt: "2027-02-19T00:00:00Z" });
            const expired = byId("cert_edge_2024");
            assert.deepEqual([expired.level, expired.ruleId, expired.suppressions], ["warning", EXPIRY_WARNING_POLICY_NAME, undefined], "an expired renewal warns: not suppressed");
            assert.match(byId("cert_billing_2025").message.text, REASON);
        });

        it("GitHub: a notice for the renewal, an error with the reason for the re-keyed one", async () => {
            const { commands } = readAsRunner((await check(["--format", "github"])).stdout);
            const renewed = commands.find((c) => c.properties.title === "RENEWED: payments-2025 (cert_payments_2025)")!;
            assert.equal(renewed.command, "notice");
            assert.match(renewed.data, RENEWED);
            const rekeyed = commands.find((c) => c.properties.title === "FAIL: billing-2025 (cert_billing_2025)")!;
            assert.equal(rekeyed.command, "error");
            assert.match(rekeyed.data, REASON);
        });

        it("Markdown: the state, the successor in the note, and both under what to do", async () => {
            const r = await check(["--format", "markdown"]);
            const row = r.stdout.split("\n").find((l) => l.startsWith("|") && l.includes("cert_payments_2025"))!;
            assert.match(row, /^\| ↻ RENEWED \|.*renewed by payments-2026 \(cert_payments_2026\), until 2027-02-19/);
            assert.match(r.stdout, /renewals: pass/);
            assert.match(r.stdout, /- ↻ \*\*RENEWED\*\*: `.*renewed by certificate "payments-2026"/);
            assert.match(r.stdout, REASON);
        });

        it("HTML: the state, the successor under the bar on the timeline, and the reason", async () => {
            const html = (await check(["--format", "html"])).stdout;
            const row = html.split("\n").find((l) => l.startsWith('<li class="row state-renewed">') && l.includes("cert_payments_2025"))!;
            assert.ok(row, "a timeline row for the renewed certificate");
            assert.match(row, /<rect class="successor" data-successor-id="cert_payments_2026"/);
            assert.match(row, /↻ renewed by payments-2026 \(cert_payments_2026\), 2025-10-06 → 2027-02-19 ▸/);
            assert.match(html, /<dt>Renewals<\/dt><dd>pass<\/dd>/);
            assert.match(html, /has the same subject \(CN=Billing CA\) but a different public key/);
        });

        it("is covered for every format the command has", () => {
            assert.deepEqual([...CHECK_FORMATS].sort(), ["github", "html", "json", "junit", "markdown", "sarif", "table"]);
        });
    });
});

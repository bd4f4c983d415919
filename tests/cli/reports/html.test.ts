import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OrganizationSpec } from "../../../fake-api";
import { escapeControlCharacters } from "../../../provider/api/text-escape";
import { DAY, HOSTILE_NAMES, LEAK_CANARY_KEY, NOW, NOW_SECONDS, namedCertificate as cert, useFakeApi } from "../../support/fixtures";
import { REPO_ROOT, runNode } from "../../support/processes";
import { OpenedPage, TestBrowser, inkOf, launchChromium, openFile } from "../../support/browser";


/**
 * What the functions passed to the page use of its globals. They run in the browser; the tests
 * compile without the DOM's types, so they reach the page's globals through `globalThis`.
 */
interface PageGlobals {
    document: { documentElement: { scrollWidth: number } };
    getComputedStyle(element: unknown, pseudo?: string): Record<string, string> & { fontSize: string };
}
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** An A4 page at 96 dpi, less the report's 12 mm print margins. */
const A4_PRINTABLE = { width: 794 - 2 * 45, height: 1123 };

/** Every state once, a fortnight of decisions: the picture the README shows. */
const organization = (): OrganizationSpec => ({
    certificates: [
        cert("gateway-2026", 75, { validAt: NOW_SECONDS - 290 * DAY }),
        cert("payments-api", 5, { validAt: NOW_SECONDS - 360 * DAY }),
        cert("batch-worker", -3, { validAt: NOW_SECONDS - 40 * DAY }),
        cert("eu-edge", 20, { validAt: NOW_SECONDS - 60 * DAY }),
        cert("partner-feed", 0, { expiresAt: undefined, validAt: NOW_SECONDS - 20 * DAY }),
        cert("gateway-2027", 400, { validAt: NOW_SECONDS + 10 * DAY }),
        cert("legacy-eu", 9, { validAt: NOW_SECONDS - 80 * DAY }),
        cert("old-client", 3, { active: false, validAt: NOW_SECONDS - 70 * DAY }),
    ],
});

describe("the HTML report in a real browser (headless Chromium from the npm registry)", function () {
    this.timeout(240_000);
    const api = useFakeApi();
    let browser: TestBrowser;
    let dir: string;
    before(async () => {
        browser = await launchChromium();
    });
    after(async () => {
        await browser?.close();
    });
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "html-report-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Writes the report as a user gets it: the command, spawned, against the fake API. */
    const report = async (args: string[] = [], expectedCode = 2): Promise<string> => {
        const exemptions = path.join(dir, "exemptions.json");
        fs.writeFileSync(exemptions, JSON.stringify([{ name: "legacy-*", reason: "migrating to gateway-2026", until: "2026-02-05" }]));
        const file = path.join(dir, "certificates.html");
        const r = await runNode([path.join(REPO_ROOT, "dist/cli/main.js"), "check", "--now", NOW.toISOString(), "--max-retries", "0", "--exemptions", exemptions, "--format", "html", "--output-file", file, ...args], {
            env: { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl },
        });
        assert.equal(r.code, expectedCode, r.stderr);
        return file;
    };

    /** The page made no request but for the file, and logged no error (a CSP violation would be one). */
    const assertQuiet = (opened: OpenedPage) => {
        assert.deepEqual(opened.requests, [opened.url], "no request but the file itself");
        assert.deepEqual(opened.errors, [], "no console error");
    };

    const assertRendered = async (png: Buffer) => {
        const { ink, colours } = await inkOf(browser, png);
        assert.ok(ink > 0.05 && colours > 50, `the screenshot looks blank: ${(ink * 100).toFixed(1)}% ink, ${colours} colours`);
    };

    it("draws the timeline at desktop width: a bar per certificate, the line at now, the bands, a legend; nothing loaded, no error", async () => {
        api().setState(organization());
        const opened = await openFile(browser, await report(), DESKTOP);
        const { page } = opened;
        assertQuiet(opened);

        const bars = await page.$$eval("svg.track rect.bar", (nodes) => nodes.map((n) => [n.getAttribute("data-certificate-id"), n.getAttribute("class")]));
        assert.deepEqual(bars, [
            ["cert_payments_api", "bar bar-fail"],
            ["cert_batch_worker", "bar bar-expired"],
            ["cert_gateway_2027", "bar bar-notYetValid"],
            ["cert_partner_feed", "bar bar-unknown"],
            ["cert_eu_edge", "bar bar-warn"],
            ["cert_legacy_eu", "bar bar-exempted"],
            ["cert_gateway_2026", "bar bar-ok"],
            ["cert_old_client", "bar bar-skipped"],
        ]);
        // Geometry as rendered: every bar visible and inside its track; payments (5 days left) ends right of now, batch (expired) left of it.
        const geometry = await page.$$eval("ol.rows li.row", (rows) =>
            rows.map((row) => {
                const box = (selector: string) => {
                    const r = row.querySelector(selector)!.getBoundingClientRect();
                    return { left: r.left, right: r.right, width: r.width, top: r.top, bottom: r.bottom };
                };
                return { track: box("svg.track"), bar: box("rect.bar"), now: box("line.now"), fail: box("rect.band-fail"), warn: box("rect.band-warn"), label: box(".label") };
            }),
        );
        for (const g of geometry) {
            assert.ok(g.bar.width >= 3 && g.bar.left >= g.track.left - 1 && g.bar.right <= g.track.right + 1, JSON.stringify(g));
            assert.ok(Math.abs(g.fail.left - g.now.left) < 2 && g.warn.left > g.fail.left && g.warn.width > g.fail.width * 0.9, "now, then the fail band, then the warn band");
        }
        assert.ok(geometry[0].bar.right > geometry[0].now.right && geometry[1].bar.right < geometry[1].now.left, "5 days left ends after now; expired ends before it");
        assert.ok(geometry[0].label.right <= geometry[0].track.left, "at desktop width the label is beside the bar");

        const legend = await page.$$eval("ul.legend li", (items) => items.map((i) => i.textContent!.trim()));
        for (const word of ["✖ FAIL", "✖ EXPIRED", "✖ NOT YET VALID", "? UNKNOWN", "⚠ WARN", "◇ EXEMPTED", "✔ OK", "– SKIPPED", "fail band", "warn band", "now", "end of an exemption"]) {
            assert.ok(
                legend.some((text) => text.includes(word)),
                `the legend says "${word}" in words: ${legend.join(" / ")}`,
            );
        }
        assert.equal(await page.locator("li.state-exempted line.exemption-end").count(), 1, "the exemption's end is marked");
        assert.match((await page.locator("li.state-exempted .label").textContent())!, /EXEMPTED/);
        assert.equal(await page.locator("script, img, link, iframe, object").count(), 0);

        assert.ok((await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)) <= DESKTOP.width, "no sideways scrolling");

        await assertRendered(await page.screenshot({ fullPage: true }));
        // `UPDATE_SCREENSHOTS=1` refreshes the README's picture from this very page: the verdict and the timeline.
        const timeline = (await page.locator("section[aria-labelledby=timeline-heading]").boundingBox())!;
        const picture = await page.screenshot({ clip: { x: 0, y: 0, width: DESKTOP.width, height: Math.ceil(timeline.y + timeline.height + 16) } });
        await assertRendered(picture);
        if (process.env.UPDATE_SCREENSHOTS === "1") fs.writeFileSync(path.join(REPO_ROOT, "docs/report-timeline.png"), picture);
        await page.close();
    });

    it("draws a renewed certificate's successor under its bar, running on past the old one's expiry (issue 25)", async () => {
        api().setState({
            certificates: [
                cert("payments-2025", 5, { commonName: "Payments CA", keyGroup: "payments", validAt: NOW_SECONDS - 300 * DAY }),
                cert("payments-2026", 200, { commonName: "Payments CA", keyGroup: "payments", validAt: NOW_SECONDS - 10 * DAY }),
            ],
        });
        const opened = await openFile(browser, await report([], 0), DESKTOP);
        const { page } = opened;
        assertQuiet(opened);
        const row = page.locator("li.row.state-renewed");
        assert.equal(await row.count(), 1);
        const bar = (await row.locator("rect.bar").boundingBox())!;
        const successor = (await row.locator("rect.successor").boundingBox())!;
        assert.equal(await row.locator("rect.successor").getAttribute("data-successor-id"), "cert_payments_2026");
        assert.ok(successor.y >= bar.y + bar.height - 1, "under the bar");
        assert.ok(successor.x > bar.x && successor.x + successor.width > bar.x + bar.width + 50, "it starts later and runs on well past the old one's expiry");
        assert.match((await row.locator(".label").textContent())!, /RENEWED.*↻ renewed by payments-2026 \(cert_payments_2026\)/);
        const legend = await page.$$eval("ul.legend li", (items) => items.map((i) => i.textContent!.trim()));
        assert.ok(legend.some((text) => text.includes("↻ RENEWED")) && legend.some((text) => text.includes("the successor that renews it")), legend.join(" / "));
        await assertRendered(await page.screenshot({ fullPage: true }));
        await page.close();
    });

    it("is readable at phone width: no sideways scrolling, labels above the bars, the table as cards", async () => {
        api().setState(organization());
        const opened = await openFile(browser, await report(), PHONE);
        const { page } = opened;
        assertQuiet(opened);
        assert.ok((await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)) <= PHONE.width, "no sideways scrolling");
        const rows = await page.$$eval("ol.rows li.row", (items) =>
            items.map((row) => {
                const label = row.querySelector(".label")!.getBoundingClientRect();
                const bar = row.querySelector("rect.bar")!.getBoundingClientRect();
                return { labelBottom: label.bottom, barTop: bar.top, barWidth: bar.width, fontSize: parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(row.querySelector(".label")!).fontSize) };
            }),
        );
        assert.equal(rows.length, 8);
        for (const r of rows) assert.ok(r.labelBottom <= r.barTop && r.barWidth >= 3 && r.fontSize >= 12, JSON.stringify(r));
        assert.equal(await page.locator("table.findings thead").evaluate((e) => (globalThis as unknown as PageGlobals).getComputedStyle(e).display), "none", "one card per certificate");
        assert.equal(await page.locator("table.findings td[data-label='Name']").first().evaluate((e) => (globalThis as unknown as PageGlobals).getComputedStyle(e, "::before").content), '"Name: "');
        await assertRendered(await page.screenshot({ fullPage: true }));
        await page.close();
    });

    it("keeps the timeline, its patterns and the whole table on an A4 page when printed", async () => {
        api().setState(organization());
        const opened = await openFile(browser, await report(), A4_PRINTABLE);
        const { page } = opened;
        await page.emulateMedia({ media: "print" });
        assertQuiet(opened);
        assert.ok((await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)) <= A4_PRINTABLE.width, "nothing cut off at the page's edge");
        assert.equal(await page.locator("svg.track rect.bar-fail").evaluate((e) => (globalThis as unknown as PageGlobals).getComputedStyle(e).fill), "url(\"#p-blocks\")", "the pattern, not colour alone");
        assert.equal(await page.locator("body").evaluate((e) => (globalThis as unknown as PageGlobals).getComputedStyle(e).printColorAdjust), "exact", "backgrounds and patterns are printed");
        assert.equal(await page.locator("ol.rows li.row").first().evaluate((e) => (globalThis as unknown as PageGlobals).getComputedStyle(e).breakInside), "avoid");
        await assertRendered(await page.screenshot({ fullPage: true }));
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
        await page.close();
    });

    it("says it could not check, with no timeline, when the API failed", async () => {
        api().injectFault({ action: { kind: "status", status: 500 } });
        const opened = await openFile(browser, await report([], 3), DESKTOP);
        const { page } = opened;
        assertQuiet(opened);
        assert.match((await page.locator("h1").textContent())!, /could not check/);
        assert.match((await page.locator("header .summary").textContent())!, /InternalServerError \(server_error\)/);
        assert.equal(await page.locator("rect.bar").count(), 0);
        await assertRendered(await page.screenshot());
        await page.close();
    });

    it("shows hostile names as text: no markup, no script, nothing loaded", async () => {
        const names = [
            ...HOSTILE_NAMES,
            `<img src="http://127.0.0.1:9/x.png" onerror="console.error('ran')">`,
            `</title><script>console.error("ran")</script>`,
            `"><svg onload="console.error('ran')">`,
            `<style>@import url(http://127.0.0.1:9/x.css)</style>`,
        ];
        api().setState({ certificates: names.map((name, i) => cert(`hostile-${i}`, i + 1, { name })) });
        const opened = await openFile(browser, await report(), DESKTOP);
        const { page } = opened;
        assertQuiet(opened);
        assert.equal(await page.locator("script, img, style:not(head style), link").count(), 0);
        const shown = await page.$$eval("ol.rows .label .name", (nodes) => nodes.map((n) => n.textContent));
        assert.deepEqual([...shown].sort(), names.map(escapeControlCharacters).sort(), "each name shown as its text, control characters made visible");
        await page.close();
    });
});

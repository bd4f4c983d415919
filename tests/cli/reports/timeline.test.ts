import { strict as assert } from "assert";
import { MAX_TIMELINE_BARS, MIN_BAR_PERCENT, TIMELINE_DAYS_BACK, timelineLayout } from "../../../cli/reports/timeline";
import { evaluateCertificateExpiry } from "../../../provider/expiry/evaluate-expiry";
import { DAY, NOW, NOW_SECONDS, cert } from "../../support/fixtures";


describe("the HTML report's timeline layout", () => {
    const judge = (certificates: ReturnType<typeof cert>[], options: { exemptions?: { id: string; reason: string; until: string }[] } = {}) =>
        evaluateCertificateExpiry(certificates, { now: NOW, warnWithin: "30d", failWithin: "14d", ...options });

    it("puts now, the fail band and the warn band in order, each as wide as its threshold", () => {
        const certificates = [cert({ id: "cert_a", expiresIn: "100d", validIn: "-20d" })];
        const layout = timelineLayout(judge(certificates), certificates);
        assert.ok(layout.from <= NOW_SECONDS - 30 * DAY && layout.to >= NOW_SECONDS + 45 * DAY);
        const perDay = 100 / ((layout.to - layout.from) / DAY);
        assert.ok(Math.abs(layout.failBand.x - layout.nowX) < 0.01);
        assert.ok(Math.abs(layout.failBand.width - 14 * perDay) < 0.05, `${layout.failBand.width} vs ${14 * perDay}`);
        assert.ok(Math.abs(layout.warnBand.x - (layout.nowX + layout.failBand.width)) < 0.05);
        assert.ok(Math.abs(layout.warnBand.width - 16 * perDay) < 0.05);
    });

    it("draws each validity from validAt to expiresAt, and an expiry 8 days apart as bars 8 days apart", () => {
        const certificates = [cert({ id: "cert_soon", expiresIn: "5d", validIn: "-40d" }), cert({ id: "cert_gone", expiresIn: "-3d", validIn: "-40d" })];
        const layout = timelineLayout(judge(certificates), certificates);
        const perDay = 100 / ((layout.to - layout.from) / DAY);
        const [soon, gone] = ["cert_soon", "cert_gone"].map((id) => layout.bars.find((b) => b.id === id)!);
        assert.equal(soon.from, NOW_SECONDS - 40 * DAY);
        assert.equal(soon.to, NOW_SECONDS + 5 * DAY);
        assert.ok(Math.abs(soon.x + soon.width - (gone.x + gone.width) - 8 * perDay) < 0.05);
        assert.ok(soon.x + soon.width > layout.nowX && gone.x + gone.width < layout.nowX, "one ends after now, the other before");
    });

    it("clips a long validity at the edges and says so, instead of squeezing the bands", () => {
        const certificates = [cert({ id: "cert_long", expiresIn: "3000d", validIn: "-2000d" })];
        const layout = timelineLayout(judge(certificates), certificates);
        const [bar] = layout.bars;
        assert.equal(layout.from, NOW_SECONDS - TIMELINE_DAYS_BACK * DAY);
        assert.deepEqual([bar.x, bar.x + bar.width, bar.clippedStart, bar.clippedEnd], [0, 100, true, true]);
        assert.ok(layout.failBand.width > 2, `the fail band is ${layout.failBand.width}% wide`);
    });

    it("keeps a certificate that expired long ago visible as a sliver at the left edge", () => {
        const certificates = [cert({ id: "cert_old", expiresIn: "-400d", validIn: "-800d" })];
        const [bar] = timelineLayout(judge(certificates), certificates).bars;
        assert.deepEqual([bar.x, bar.width], [0, MIN_BAR_PERCENT]);
    });

    it("runs a certificate without expiry to the right edge", () => {
        const certificates = [cert({ id: "cert_unknown", validIn: "-10d" })];
        const [bar] = timelineLayout(judge(certificates), certificates).bars;
        assert.equal(bar.to, undefined);
        assert.equal(bar.x + bar.width, 100);
    });

    it("marks where an exemption ends", () => {
        const certificates = [cert({ id: "cert_legacy", expiresIn: "9d" })];
        const until = new Date((NOW_SECONDS + 20 * DAY) * 1000).toISOString();
        const layout = timelineLayout(judge(certificates, { exemptions: [{ id: "cert_legacy", reason: "migrating", until }] }), certificates);
        const perDay = 100 / ((layout.to - layout.from) / DAY);
        assert.equal(layout.bars[0].state, "exempted");
        assert.ok(Math.abs(layout.bars[0].exemptionEndX! - (layout.nowX + 20 * perDay)) < 0.05);
    });

    it(`draws the ${MAX_TIMELINE_BARS} most urgent certificates and counts the rest`, () => {
        const certificates = Array.from({ length: MAX_TIMELINE_BARS + 5 }, (_, i) => cert({ id: `cert_${i}`, expiresIn: `${i + 1}d` }));
        const layout = timelineLayout(judge(certificates), certificates);
        assert.equal(layout.bars.length, MAX_TIMELINE_BARS);
        assert.equal(layout.omitted, 5);
        assert.equal(layout.bars[0].id, "cert_0");
    });

    it("puts month ticks inside the span, in order, at most 8", () => {
        const certificates = [cert({ id: "cert_a", expiresIn: "600d", validIn: "-300d" })];
        const layout = timelineLayout(judge(certificates), certificates);
        assert.ok(layout.ticks.length >= 3 && layout.ticks.length <= 8, `${layout.ticks.length} ticks`);
        for (let i = 0; i < layout.ticks.length; i++) {
            assert.ok(layout.ticks[i].x >= 0 && layout.ticks[i].x <= 100);
            if (i) assert.ok(layout.ticks[i].x > layout.ticks[i - 1].x);
            assert.match(layout.ticks[i].label, /^\d{4}(-\d{2})?$/);
        }
    });

    it("puts at most 8 ticks, years apart, on a timeline thousands of years long, and ends past the last date", () => {
        const certificates = [cert({ id: "cert_a", expiresIn: "5d" })];
        // The last one reaches past the year 275760, where dates end: no tick there, but an end.
        for (const [warnWithin, fewest] of [["10000w", 1], ["10000000w", 1], ["1000000000w", 0]] as const) {
            const report = evaluateCertificateExpiry(certificates, { now: NOW, warnWithin, failWithin: "14d" });
            const ticks = timelineLayout(report, certificates).ticks;
            assert.ok(ticks.length >= fewest && ticks.length <= 8, `${warnWithin}: ${ticks.length} ticks`);
            const years = ticks.map((t) => Number(t.label));
            assert.ok(years.every((y, i) => Number.isInteger(y) && (i === 0 || y > years[i - 1])), `${warnWithin}: ${ticks.map((t) => t.label).join(" ")}`);
        }
    });
});

import { printableText } from "../../provider/api/text-escape";
import type { CertificateState, ExpiryFinding } from "../../provider/expiry/evaluate-expiry";
import { CERTIFICATE_STATES } from "../../provider/expiry/evaluate-expiry";
import { describeSpan, formatDaysLeft } from "../../provider/api/duration";
import { isoFromUnixSeconds as iso } from "../../provider/api/iso-time";
import { CheckOutcome, STATE_LABELS, Scope, TOOL, describeScope } from "./check-outcome";
import { htmlText as h } from "./escape";
import { MAX_TIMELINE_BARS, TimelineBar, TimelineLayout, timelineLayout } from "./timeline";

/**
 * The HTML report of `openai-certs check --format html`: one self-contained file for a person
 * deciding what to rotate first. It holds the verdict, a timeline (each certificate's validity as a
 * bar from `valid_at` to `expires_at`, a line at now, the fail and warn bands, exemptions marked, a
 * renewed certificate's successor drawn under its bar)
 * and the findings table.
 *
 * - Self-contained: inline CSS and SVG only, no script, no font, image or stylesheet from anywhere;
 *   a Content-Security-Policy that allows none keeps it so in the browser.
 * - Not colour alone: each state has a symbol, a word and a fill pattern, in the legend and on
 *   every row.
 * - Readable printed (print styles keep the colours and patterns and avoid splitting a row) and at
 *   phone width (the timeline's labels go above the bars; the table becomes one card per certificate).
 *
 * @example
 * ```ts
 * fs.writeFileSync("certificates.html", htmlCheckReport(outcome));
 * ```
 */
export function htmlCheckReport(outcome: CheckOutcome): string {
    const body = outcome.kind === "unchecked" ? uncheckedBody(outcome.summary, outcome.scope, outcome.evaluatedAt) : checkedBody(outcome);
    const verdict = verdictOf(outcome);
    const page = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        // No script may run and nothing may load: the report is a file people open from CI artifacts.
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
        `<title>OpenAI certificate expiry: ${h(verdict.word)} (${h(describeScope(outcome.scope))})</title>`,
        `<style>${STYLE}</style>`,
        "</head>",
        `<body>`,
        PATTERNS,
        body,
        `<footer>Written by ${h(TOOL.name)} ${h(TOOL.version)}.</footer>`,
        "</body>",
        "</html>",
    ];
    // Values were escaped where they were put in; the guard keeps a CI log that shows the file safe.
    return `${printableText(page.join("\n"))}\n`;
}

function verdictOf(outcome: CheckOutcome): { word: string; symbol: string; tone: "pass" | "warn" | "fail" } {
    if (outcome.kind === "unchecked") return { word: "could not check", symbol: "✖", tone: "fail" };
    if (outcome.exitCode !== 0) return { word: "failed", symbol: "✖", tone: "fail" };
    return outcome.report.findings.some((f) => f.severity === "warn") ? { word: "passed with warnings", symbol: "⚠", tone: "warn" } : { word: "passed", symbol: "✔", tone: "pass" };
}

function header(verdict: ReturnType<typeof verdictOf>, summary: string, facts: [string, string][]): string {
    return [
        `<header class="verdict tone-${verdict.tone}">`,
        `<h1><span class="symbol" aria-hidden="true">${verdict.symbol}</span> OpenAI certificate expiry: ${h(verdict.word)}</h1>`,
        `<p class="summary">${h(summary)}</p>`,
        `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${h(v)}</dd></div>`).join("")}</dl>`,
        `</header>`,
    ].join("\n");
}

function uncheckedBody(summary: string, scope: Scope | undefined, at: number): string {
    return [
        header({ word: "could not check", symbol: "✖", tone: "fail" }, summary, [
            ["Scope", describeScope(scope)],
            ["At", iso(at)],
            ["Exit code", "3"],
        ]),
        "<main>",
        '<section class="unchecked">',
        "<h2>Nothing was checked</h2>",
        "<p>The certificates could not be read or judged, so this report holds no timeline and no findings. Treat it as a failure: fix the cause above and run the check again.</p>",
        "</section>",
        "</main>",
    ].join("\n");
}

function checkedBody(outcome: Extract<CheckOutcome, { kind: "checked" }>): string {
    const { report } = outcome;
    const layout = timelineLayout(report, outcome.certificates);
    const facts: [string, string][] = [
        ["Scope", describeScope(outcome.scope)],
        ["Judged at", iso(report.evaluatedAt)],
        ["Fail within", describeSpan(report.thresholds.failWithinSeconds)],
        ["Warn within", describeSpan(report.thresholds.warnWithinSeconds)],
        ["Renewals", report.thresholds.renewals],
        ["Exit code", String(outcome.exitCode)],
    ];
    const counts = CERTIFICATE_STATES.filter((s) => report.counts[s] > 0).map((s) => `<li class="count state-${s}">${STATE_LABELS[s].symbol} ${report.counts[s]} ${h(STATE_LABELS[s].word)}</li>`);
    return [
        header(verdictOf(outcome), outcome.summary, facts),
        "<main>",
        counts.length ? `<ul class="counts" aria-label="certificates per state">${counts.join("")}</ul>` : "",
        '<section aria-labelledby="timeline-heading">',
        '<h2 id="timeline-heading">Timeline</h2>',
        report.findings.length === 0 ? "<p>No certificates were found.</p>" : timeline(layout, report.findings.length),
        "</section>",
        '<section aria-labelledby="findings-heading">',
        '<h2 id="findings-heading">Findings</h2>',
        report.findings.length === 0 ? "<p>No certificates were found.</p>" : findingsTable(report.findings, outcome.certificates),
        "</section>",
        "</main>",
    ].join("\n");
}

function timeline(layout: TimelineLayout, total: number): string {
    const states = [...new Set(layout.bars.map((b) => b.state))];
    const legend = [
        ...CERTIFICATE_STATES.filter((s) => states.includes(s)).map(
            (s) => `<li><svg class="swatch" width="28" height="14" aria-hidden="true"><rect class="bar bar-${s}" x="1" y="1" width="26" height="12" rx="2"/></svg>${STATE_LABELS[s].symbol} ${h(STATE_LABELS[s].word)}</li>`,
        ),
        `<li><svg class="swatch" width="28" height="14" aria-hidden="true"><rect class="band band-fail" width="28" height="14"/></svg>fail band: expires within the fail threshold</li>`,
        `<li><svg class="swatch" width="28" height="14" aria-hidden="true"><rect class="band band-warn" width="28" height="14"/></svg>warn band: expires within the warn threshold</li>`,
        `<li><svg class="swatch" width="28" height="14" aria-hidden="true"><line class="now" x1="14" x2="14" y1="0" y2="14"/></svg>now</li>`,
        ...(layout.bars.some((b) => b.exemptionEndX !== undefined)
            ? [`<li><svg class="swatch" width="28" height="14" aria-hidden="true"><line class="exemption-end" x1="14" x2="14" y1="0" y2="14"/></svg>end of an exemption</li>`]
            : []),
        ...(layout.bars.some((b) => b.successor !== undefined)
            ? [`<li><svg class="swatch" width="28" height="14" aria-hidden="true"><rect class="successor" x="1" y="8" width="26" height="5" rx="1"/></svg>the successor that renews it (same subject and key)</li>`]
            : []),
    ];
    const rows = layout.bars.map((bar) => timelineRow(bar, layout));
    return [
        `<p class="explain">Each bar is a certificate's validity, from valid_at to expires_at (${iso(layout.from).slice(0, 10)} to ${iso(layout.to).slice(0, 10)} shown; a bar that runs on past an edge is marked ◂ or ▸).</p>`,
        `<ul class="legend" aria-label="legend">${legend.join("")}</ul>`,
        '<div class="timeline">',
        `<div class="row axis" aria-hidden="true"><div class="label"></div>${axis(layout)}</div>`,
        `<ol class="rows">`,
        ...rows,
        `</ol>`,
        `</div>`,
        layout.omitted > 0 ? `<p class="omitted">The timeline shows the ${MAX_TIMELINE_BARS} most urgent of ${total} certificates; the table lists them all.</p>` : "",
    ].join("\n");
}

function axis(layout: TimelineLayout): string {
    const ticks = layout.ticks.map(
        (t) => `<g class="tick${t.minor ? " minor" : ""}"><line x1="${t.x}%" x2="${t.x}%" y1="16" y2="24"/><text x="${t.x}%" y="12" text-anchor="${t.x < 5 ? "start" : t.x > 95 ? "end" : "middle"}">${h(t.label)}</text></g>`,
    );
    const now = `<g class="now-mark"><line class="now" x1="${layout.nowX}%" x2="${layout.nowX}%" y1="20" y2="40"/><text x="${layout.nowX}%" y="36" dx="4" text-anchor="start">now</text></g>`;
    return `<svg class="track axis-track" width="100%" height="40">${ticks.join("")}${now}</svg>`;
}

function timelineRow(bar: TimelineBar, layout: TimelineLayout): string {
    const label = STATE_LABELS[bar.state];
    const dates = `${bar.clippedStart ? "◂ " : ""}${iso(bar.from).slice(0, 10)} → ${bar.to === undefined ? "no expiry date" : iso(bar.to).slice(0, 10)}${bar.clippedEnd && bar.to !== undefined ? " ▸" : ""}`;
    const name = bar.name === null ? "(unnamed)" : bar.name;
    const exemptionEnd =
        bar.exemptionEndX === undefined ? "" : `<line class="exemption-end" x1="${bar.exemptionEndX}%" x2="${bar.exemptionEndX}%" y1="0" y2="100%"><title>end of the exemption</title></line>`;
    const s = bar.successor;
    const successorName = s ? (s.name === null ? "(unnamed)" : s.name) : "";
    const successorText = s ? `renewed by ${successorName} (${s.id}), ${iso(s.from).slice(0, 10)} → ${iso(s.to).slice(0, 10)}${s.clippedEnd ? " ▸" : ""}` : "";
    const successorBar = s
        ? `<rect class="successor" data-successor-id="${h(s.id)}" x="${s.x}%" width="${s.width}%" y="18" height="4" rx="1"><title>${h(successorText)}</title></rect>`
        : "";
    return [
        `<li class="row state-${bar.state}">`,
        `<div class="label"><span class="state">${label.symbol} ${h(label.word)}</span> <span class="name">${h(name)}</span> <span class="id">${h(bar.id)}</span> <span class="dates">${h(dates)}</span>${s ? `<span class="renewal">↻ ${h(successorText)}</span>` : ""}</div>`,
        `<svg class="track" width="100%" height="${s ? 24 : 22}" role="img" aria-label="${h(`${name}: ${label.word}, ${dates}${s ? `; ${successorText}` : ""}`)}">`,
        `<rect class="band band-fail" x="${layout.failBand.x}%" width="${layout.failBand.width}%" y="0" height="100%"/>`,
        `<rect class="band band-warn" x="${layout.warnBand.x}%" width="${layout.warnBand.width}%" y="0" height="100%"/>`,
        `<rect class="bar bar-${bar.state}" data-certificate-id="${h(bar.id)}" x="${bar.x}%" width="${bar.width}%" y="5" height="12" rx="2"><title>${h(`${name} (${bar.id}): ${label.word}, ${dates}`)}</title></rect>`,
        bar.clippedStart ? `<svg class="clipped" x="${bar.x}%" y="5" width="1" height="12" overflow="visible"><polygon points="0,6 7,0 7,12"/></svg>` : "",
        bar.clippedEnd && bar.to !== undefined ? `<svg class="clipped" x="${round2(bar.x + bar.width)}%" y="5" width="1" height="12" overflow="visible"><polygon points="0,6 -7,0 -7,12"/></svg>` : "",
        exemptionEnd,
        successorBar,
        `<line class="now" x1="${layout.nowX}%" x2="${layout.nowX}%" y1="0" y2="100%"/>`,
        `</svg>`,
        `</li>`,
    ].join("");
}

function round2(n: number): number {
    return Math.round(n * 100) / 100;
}

function findingsTable(findings: readonly ExpiryFinding[], certificates: Extract<CheckOutcome, { kind: "checked" }>["certificates"]): string {
    const validFrom = new Map<string, number | undefined>();
    for (const c of certificates) validFrom.set(c.id, c.validAt ?? c.createdAt);
    const head = ["State", "Name", "ID", "Valid from", "Expires", "Days left", "Projects", "What it means"];
    const rows = findings.map((f) => {
        const label = STATE_LABELS[f.state];
        const from = validFrom.get(f.id);
        const cells = [
            `${label.symbol} ${h(label.word)}`,
            f.name === null ? "<em>(unnamed)</em>" : h(f.name),
            h(f.id),
            from === undefined ? "-" : breakableIso(from),
            f.expiresAt === undefined ? "unknown" : breakableIso(f.expiresAt),
            formatDaysLeft(f.daysRemaining),
            h(f.projects?.join(", ") ?? ""),
            h(f.message),
        ];
        return `<tr class="state-${f.state}">${cells.map((c, i) => `<td class="${CELL_CLASSES[i]}" data-label="${head[i]}">${c}</td>`).join("")}</tr>`;
    });
    return [`<table class="findings">`, `<thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join("")}</tr></thead>`, "<tbody>", ...rows, "</tbody>", "</table>"].join("\n");
}

/** How each column of the findings table wraps: words anywhere, or dates and numbers kept whole. */
const CELL_CLASSES = ["state", "words name", "words id", "date", "date", "nowrap number", "words", "words message"];

/** An ISO time that may wrap after its `T` in a narrow column, and nowhere else. */
function breakableIso(seconds: number): string {
    return iso(seconds).replace("T", "T<wbr>");
}

/** The fill patterns of the bars: the second cue besides colour, kept when printed in black and white. */
const PATTERNS = `<svg class="patterns" width="0" height="0" aria-hidden="true" focusable="false"><defs>
<pattern id="p-blocks" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#b71c1c"/><rect width="2" height="6" fill="#ffffff" fill-opacity="0.55"/><rect width="6" height="2" fill="#ffffff" fill-opacity="0.55"/></pattern>
<pattern id="p-warn" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2b705"/><rect width="2" height="6" fill="#6d4c00"/></pattern>
<pattern id="p-unknown" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#e1bee7"/><circle cx="2.5" cy="2.5" r="1.2" fill="#6a1b9a"/></pattern>
<pattern id="p-exempted" width="6" height="4" patternUnits="userSpaceOnUse"><rect width="6" height="4" fill="#90caf9"/><rect width="6" height="1.5" fill="#0d47a1"/></pattern>
<pattern id="p-renewed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#80cbc4"/><rect width="1.5" height="6" fill="#004d40"/></pattern>
</defs></svg>`;

const STATE_FILL: Record<CertificateState, string> = {
    fail: "fill:url(#p-blocks);stroke:#7f0000",
    expired: "fill:url(#p-blocks);stroke:#000000;stroke-dasharray:3 2",
    notYetValid: "fill:url(#p-blocks);stroke:#7f0000",
    unknown: "fill:url(#p-unknown);stroke:#6a1b9a",
    warn: "fill:url(#p-warn);stroke:#6d4c00",
    exempted: "fill:url(#p-exempted);stroke:#0d47a1",
    renewed: "fill:url(#p-renewed);stroke:#004d40",
    ok: "fill:#2e7d32;stroke:#1b5e20",
    skipped: "fill:#ffffff;stroke:#616161;stroke-dasharray:4 2",
};

const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 76rem; padding: 1rem 1.25rem 2rem; font: 15px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.45rem; margin: 0 0 .4rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
header.verdict { border: 2px solid; border-left-width: .6rem; border-radius: 6px; padding: .8rem 1rem; }
.tone-pass { border-color: #2e7d32; background: #eef7ee; }
.tone-warn { border-color: #b26a00; background: #fff6e0; }
.tone-fail { border-color: #b71c1c; background: #fdecec; }
.summary { margin: 0 0 .6rem; overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; margin: 0; }
.facts div { display: flex; gap: .35rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.counts { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; margin: 1rem 0 0; }
.count { border: 1px solid var(--rule); border-radius: 999px; padding: .1rem .65rem; font-weight: 600; }
.explain, .omitted { color: var(--muted); margin: .2rem 0 .6rem; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .35rem 1.1rem; padding: 0; margin: 0 0 .8rem; font-size: .9rem; }
.legend li { display: flex; align-items: center; gap: .35rem; }
.patterns { position: absolute; width: 0; height: 0; overflow: hidden; }
.timeline { border-top: 1px solid var(--rule); }
.rows { list-style: none; margin: 0; padding: 0; }
.row { display: grid; grid-template-columns: minmax(14rem, 34%) 1fr; align-items: center; gap: .75rem; padding: .3rem 0; border-bottom: 1px solid #eee; }
.row .label { font-size: .88rem; overflow-wrap: anywhere; }
.row .state { font-weight: 700; white-space: nowrap; }
.row .id, .row .dates { color: var(--muted); }
.row .dates { display: block; font-size: .8rem; }
.track { display: block; overflow: visible; }
.axis-track text { font-size: 11px; fill: var(--muted); }
.axis-track line { stroke: #999; }
.band-fail { fill: #fbd5d5; }
.band-warn { fill: #fff0bf; }
.now { stroke: #000; stroke-width: 2; }
.now-mark text { font-size: 11px; font-weight: 700; fill: #000; }
.clipped polygon { fill: #000; stroke: #fff; stroke-width: 1; }
.exemption-end { stroke: #0d47a1; stroke-width: 2; stroke-dasharray: 3 2; }
.successor { fill: #004d40; stroke: #004d40; stroke-width: 0.5; }
.row .renewal { display: block; font-size: .8rem; color: #004d40; }
.bar { stroke-width: 1; }
${CERTIFICATE_STATES.map((s) => `.bar-${s} { ${STATE_FILL[s]}; }`).join("\n")}
.state-fail .state, .state-expired .state, .state-notYetValid .state { color: #b71c1c; }
.state-warn .state { color: #8a5300; }
.state-unknown .state { color: #6a1b9a; }
.state-exempted .state { color: #0d47a1; }
.state-renewed .state { color: #004d40; }
.state-ok .state { color: #1b5e20; }
.state-skipped .state { color: var(--muted); }
table.findings { border-collapse: collapse; width: 100%; font-size: .88rem; }
.findings th, .findings td { border-bottom: 1px solid var(--rule); padding: .35rem .45rem; text-align: left; vertical-align: top; }
.findings th { background: #f3f3f3; white-space: nowrap; }
.findings td.state { font-weight: 700; white-space: nowrap; }
.findings td.words { overflow-wrap: anywhere; }
.findings td.name, .findings td.id { min-width: 8rem; }
.findings td.message { min-width: 16rem; }
.findings td.nowrap { white-space: nowrap; }
.findings td.date { min-width: 7rem; }
.findings td.number { text-align: right; }
.findings tr.state-fail td:first-child, .findings tr.state-expired td:first-child, .findings tr.state-notYetValid td:first-child { color: #b71c1c; }
.findings tr.state-warn td:first-child { color: #8a5300; }
.unchecked { border: 2px dashed #b71c1c; border-radius: 6px; padding: .2rem 1rem; margin-top: 1rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 640px) {
  body { padding: .75rem; font-size: 15px; }
  .row { grid-template-columns: 1fr; gap: .2rem; }
  .row.axis .label { display: none; }
  .tick.minor { display: none; }
  table.findings thead { display: none; }
  table.findings, .findings tbody, .findings tr, .findings td { display: block; width: 100%; }
  .findings tr { border: 1px solid var(--rule); border-radius: 6px; margin: 0 0 .7rem; padding: .4rem .6rem; }
  .findings td, .findings td.state, .findings td.nowrap { border: 0; padding: .12rem 0; white-space: normal; min-width: 0; text-align: left; }
  .findings td::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
@media print {
  @page { margin: 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  header.verdict { background: none; }
  .row, .findings tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .row { grid-template-columns: 32% 1fr; }
  /* A page does not scroll: the table takes the page's width, each column its share, and wraps. */
  table.findings { table-layout: fixed; font-size: 8pt; }
  .findings th, .findings td, .findings td.state, .findings td.nowrap { white-space: normal; overflow-wrap: anywhere; min-width: 0; }
  .findings th:nth-child(1) { width: 12%; } .findings th:nth-child(2) { width: 13%; } .findings th:nth-child(3) { width: 13%; }
  .findings th:nth-child(4) { width: 11%; } .findings th:nth-child(5) { width: 11%; } .findings th:nth-child(6) { width: 7%; }
  .findings th:nth-child(7) { width: 9%; } .findings th:nth-child(8) { width: 24%; }
  footer { margin-top: 1rem; }
}
`;

// The public surface of each package entry, as @microsoft/api-extractor reports it from the built
// declarations: one report per entry in api-reports/, checked in, so that a change of surface is a
// reviewed diff. tests/api-reports.test.ts (static tier) fails when the built surface and a report
// differ; `npm run api-reports` (build first) writes the reports anew.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const REPORTS = path.join(ROOT, "api-reports");

/** Each entry of package.json `exports` with declarations, and its report's name. */
const ENTRIES = [
    { entry: ".", report: "root", types: "dist/sdk/index.d.ts" },
    { entry: "./api", report: "api", types: "dist/provider/api/index.d.ts" },
    { entry: "./provider", report: "provider", types: "dist/provider/index.d.ts" },
    { entry: "./fake-api", report: "fake-api", types: "dist/fake-api/index.d.ts" },
    { entry: "./policies", report: "policies", types: "dist/sdk/policies.d.ts" },
];

function configFor({ report, types }, tempFolder, reportFolder) {
    return {
        projectFolder: ROOT,
        newlineKind: "lf",
        mainEntryPointFilePath: path.join(ROOT, types),
        compiler: {
            overrideTsconfig: {
                compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node", types: ["node"], skipLibCheck: true, strict: true, esModuleInterop: true },
                files: [path.join(ROOT, types)],
            },
        },
        apiReport: { enabled: true, reportFileName: `${report}.api.md`, reportFolder, reportTempFolder: tempFolder },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
            compilerMessageReporting: { default: { logLevel: "warning" } },
            extractorMessageReporting: {
                default: { logLevel: "warning" },
                // Every release is public: there are no @beta or @internal tags to carry.
                "ae-missing-release-tag": { logLevel: "none" },
                // TSDoc is checked by the reviewers of the report, not by these two.
                "ae-undocumented": { logLevel: "none" },
                "ae-unresolved-link": { logLevel: "none" },
                // A type that a public signature names must itself be exported by that entry.
                "ae-forgotten-export": { logLevel: "error" },
            },
            tsdocMessageReporting: { default: { logLevel: "none" } },
        },
    };
}

/**
 * Runs api-extractor on every entry. `update`: write the reports (a local build); else compare
 * only. `reportFolder`: where the reports are (api-reports/). Returns, per entry, whether its report
 * changed and the messages worth reading.
 */
function apiReports({ update = false, reportFolder = REPORTS } = {}) {
    const { CompilerState, Extractor, ExtractorConfig } = require("@microsoft/api-extractor");
    const tempFolder = fs.mkdtempSync(path.join(os.tmpdir(), "api-reports-"));
    try {
        const configs = ENTRIES.map((e) =>
            ExtractorConfig.prepare({ configObject: configFor(e, tempFolder, reportFolder), configObjectFullPath: path.join(ROOT, "api-extractor.json"), packageJsonFullPath: path.join(ROOT, "package.json") }),
        );
        // One TypeScript program for all the entries: a fifth of the time of one each.
        const compilerState = CompilerState.create(configs[0], { additionalEntryPoints: configs.map((c) => c.mainEntryPointFilePath) });
        return ENTRIES.map((e, i) => {
            const messages = [];
            const result = Extractor.invoke(configs[i], {
                localBuild: update,
                compilerState,
                showVerboseMessages: false,
                messageCallback: (message) => {
                    if (message.logLevel === "error" || message.logLevel === "warning") messages.push(message.formatMessageWithLocation(ROOT));
                    message.handled = true;
                },
            });
            return { ...e, reportFile: path.join(reportFolder, `${e.report}.api.md`), changed: result.apiReportChanged, succeeded: result.succeeded, messages };
        });
    } finally {
        fs.rmSync(tempFolder, { recursive: true, force: true });
    }
}

module.exports = { ENTRIES, REPORTS, apiReports };

if (require.main === module) {
    const results = apiReports({ update: true });
    for (const r of results) {
        console.log(`${r.entry.padEnd(12)} api-reports/${r.report}.api.md ${r.changed ? "updated" : "unchanged"}`);
        for (const m of r.messages) console.log(`  ${m}`);
    }
    process.exitCode = results.every((r) => r.succeeded || (r.changed && r.messages.length === 0)) ? 0 : 1;
}

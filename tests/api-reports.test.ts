import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./support/processes";

/*
 * Each package entry's public surface, as @microsoft/api-extractor reports it from the built
 * declarations, against the report checked in under api-reports/: a change of surface is a diff a
 * reviewer reads. After a deliberate change: `npm run api-reports`, and commit the reports.
 */

interface ReportResult {
    entry: string;
    report: string;
    reportFile: string;
    changed: boolean;
    succeeded: boolean;
    messages: string[];
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ENTRIES, REPORTS, apiReports } = require(path.join(REPO_ROOT, "scripts/api-reports.js")) as {
    ENTRIES: Array<{ entry: string; report: string; types: string }>;
    REPORTS: string;
    apiReports(options?: { update?: boolean; reportFolder?: string }): ReportResult[];
};

describe("the API reports (api-reports/, @microsoft/api-extractor)", function () {
    this.timeout(120_000);

    it("cover every entry of package.json with declarations", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { exports: Record<string, string | { types?: string }> };
        const typed = Object.entries(manifest.exports).filter(([, target]) => typeof target === "object" && target.types);
        assert.deepEqual(typed.map(([entry]) => entry).sort(), ENTRIES.map((e) => e.entry).sort());
        for (const [entry, target] of typed) assert.equal(`./${ENTRIES.find((e) => e.entry === entry)!.types}`, (target as { types: string }).types, entry);
    });

    it("match the built surface of each entry, which names no type it does not export", () => {
        for (const result of apiReports()) {
            assert.ok(!result.changed, `the surface of ${result.entry} differs from api-reports/${result.report}.api.md: review the change, then run \`npm run api-reports\` and commit the report`);
            assert.deepEqual(result.messages, [], `${result.entry}: api-extractor says`);
        }
    });

    it("fail when the surface changes without its report: an export the report does not list", () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "api-reports-check-"));
        try {
            for (const file of fs.readdirSync(REPORTS)) fs.copyFileSync(path.join(REPORTS, file), path.join(folder, file));
            const report = path.join(folder, "api.api.md");
            const text = fs.readFileSync(report, "utf8");
            const dropped = text.replace(/\n\/\/ @public\nexport function listProjectCertificates\([^\n]*\n/, "\n");
            assert.notEqual(dropped, text, "the report lists listProjectCertificates");
            fs.writeFileSync(report, dropped);
            const results = apiReports({ reportFolder: folder });
            assert.deepEqual(results.filter((r) => r.changed).map((r) => r.entry), ["./api"]);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });
});

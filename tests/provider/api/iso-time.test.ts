import { strict as assert } from "assert";
import fc from "fast-check";
import { isoFromUnixSeconds } from "../../../provider/api/iso-time";

describe("isoFromUnixSeconds", () => {
    it("matches Date#toISOString without milliseconds for any time from 1970 to 5138", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 1e11 - 1 }), (seconds) => {
                assert.equal(isoFromUnixSeconds(seconds), new Date(seconds * 1000).toISOString().replace(/\.000Z$/, "Z"));
            }),
            { numRuns: 5000 },
        );
    });

    it("gets leap days and year ends right", () => {
        for (const iso of ["2024-02-29T23:59:59Z", "2100-03-01T00:00:00Z", "2000-02-29T12:00:00Z", "1999-12-31T23:59:59Z", "1970-01-01T00:00:00Z"]) {
            assert.equal(isoFromUnixSeconds(Date.parse(iso) / 1000), iso);
        }
    });
});

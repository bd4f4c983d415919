import { strict as assert } from "assert";
import { DAY, HOUR, invalidArgument } from "../../support/fixtures";
import { parseDurationSeconds, Duration } from "../../../provider/api/duration";



describe("parseDurationSeconds", () => {
    const cases: Array<[Duration, number]> = [
        ["30d", 30 * DAY],
        ["36h", 36 * HOUR],
        ["1d12h", 36 * HOUR],
        ["2w", 14 * DAY],
        ["90m", 90 * 60],
        ["45s", 45],
        ["1.5d", 36 * HOUR],
        [" 30d ", 30 * DAY],
        ["-3d", -3 * DAY],
        ["-1d12h", -36 * HOUR],
        [14, 14 * DAY],
        [0, 0],
        [0.5, 12 * HOUR],
        [-3, -3 * DAY],
    ];
    for (const [input, seconds] of cases) {
        it(`reads ${JSON.stringify(input)} as ${seconds} seconds`, () => {
            assert.equal(parseDurationSeconds(input, "warnWithin"), seconds);
        });
    }

    const bad: unknown[] = ["abc", "", "5x", "d", "30", "-", "3d-", "1 d", ".5d", "1.d", null, undefined, {}, NaN, Infinity];
    for (const input of bad) {
        it(`refuses ${String(input === "" ? '""' : typeof input === "string" ? JSON.stringify(input) : input)} naming the argument`, () => {
            assert.throws(() => parseDurationSeconds(input as Duration, "failWithin"), invalidArgument("failWithin"));
        });
    }

    // Units were case-folded: "1M" (a month, to whoever wrote it) read as one minute, so a gate with
    // --fail-within 1M passed a certificate five days from expiry.
    for (const input of ["1M", "30D", "36H", "2W", "45S", "1d12H", "1y", "1mo", "3 months", "1e3d"]) {
        it(`refuses ${JSON.stringify(input)}, listing the units it accepts`, () => {
            assert.throws(
                () => parseDurationSeconds(input, "failWithin"),
                (e: unknown) => invalidArgument("failWithin")(e) && /s \(seconds\), m \(minutes\), h \(hours\), d \(days\) and w \(weeks\), written in lower case/.test((e as Error).message),
            );
        });
    }

    it("refuses a duration too long to count", () => {
        assert.throws(() => parseDurationSeconds(`${"9".repeat(400)}d`, "failWithin"), invalidArgument("failWithin"));
    });

    it("says units are case-sensitive when the text has a capital letter", () => {
        assert.throws(() => parseDurationSeconds("1M", "failWithin"), /case-sensitive: there is no month unit/);
    });

    it("names whichever argument the caller passed", () => {
        assert.throws(() => parseDurationSeconds("soon", "expiresIn"), invalidArgument("expiresIn"));
    });
});

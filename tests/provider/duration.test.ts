import { strict as assert } from "assert";
import { invalidArgument } from "../support/fixtures";
import { parseDurationSeconds, Duration } from "../../provider/duration";

const HOUR = 3600;
const DAY = 86_400;


describe("parseDurationSeconds", () => {
    const cases: Array<[Duration, number]> = [
        ["30d", 30 * DAY],
        ["36h", 36 * HOUR],
        ["1d12h", 36 * HOUR],
        ["2w", 14 * DAY],
        ["90m", 90 * 60],
        ["45s", 45],
        ["1.5d", 36 * HOUR],
        [" 30D ", 30 * DAY],
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

    const bad: unknown[] = ["abc", "", "5x", "d", "30", "-", "3d-", "1 d", null, undefined, {}, NaN, Infinity];
    for (const input of bad) {
        it(`refuses ${String(input === "" ? '""' : typeof input === "string" ? JSON.stringify(input) : input)} naming the argument`, () => {
            assert.throws(() => parseDurationSeconds(input as Duration, "failWithin"), invalidArgument("failWithin"));
        });
    }

    it("names whichever argument the caller passed", () => {
        assert.throws(() => parseDurationSeconds("soon", "expiresIn"), invalidArgument("expiresIn"));
    });
});

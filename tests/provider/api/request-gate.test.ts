import { strict as assert } from "assert";
import { RequestGate } from "../../../provider/api/request-gate";
import { fakeClock } from "../../support/fixtures";

describe("RequestGate", () => {
    it("lets requests through at once when nothing paused it", async () => {
        const clock = fakeClock();
        await new RequestGate(clock.now, clock.sleep).ready();
        assert.deepEqual(clock.waits, []);
    });

    it("holds every request until the pause ends", async () => {
        const clock = fakeClock();
        const gate = new RequestGate(clock.now, clock.sleep);
        gate.pause(2000);
        await gate.ready();
        await gate.ready();
        assert.deepEqual(clock.waits, [2000], "the second caller arrives after the pause and does not wait");
    });

    it("extends a pause but never shortens it", async () => {
        const clock = fakeClock();
        const gate = new RequestGate(clock.now, clock.sleep);
        gate.pause(3000);
        gate.pause(1000);
        await gate.ready();
        assert.deepEqual(clock.waits, [3000]);
    });

    it("waits again when the pause is extended while it sleeps", async () => {
        const clock = fakeClock();
        const gate = new RequestGate(clock.now, (ms) => {
            if (clock.waits.length === 0) gate.pause(ms + 500);
            return clock.sleep(ms);
        });
        gate.pause(1000);
        await gate.ready();
        assert.deepEqual(clock.waits, [1000, 500]);
    });
});

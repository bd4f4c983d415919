import { strict as assert } from "assert";
import { dynamicOperations } from "../../../provider";
import { LEAK_CANARY_KEY, certificateSpecs, useFakeApi } from "../../support/fixtures";

/** Issue 25: a Certificates resource records when its list was read, and that alone is never a change. */
describe("readAt: when a Certificates resource read its list (issue 25)", () => {
    const api = useFakeApi();
    const settings = () => ({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
    const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

    it("check records the time of its read, in ISO-8601 UTC, and create and update store it as an output", async () => {
        api().setState({ certificates: certificateSpecs(2) });
        const before = Date.now();
        const { inputs, failures } = await dynamicOperations.checkCertificatesResource({}, settings());
        const after = Date.now();
        assert.equal(failures, undefined);
        assert.match(String(inputs.readAt), isoUtc);
        const readMs = Date.parse(String(inputs.readAt));
        assert.ok(readMs >= before - 1 && readMs <= after + 1, `${String(inputs.readAt)} is not between the call's start and end`);
        assert.equal(dynamicOperations.createCertificates(inputs).outs.readAt, inputs.readAt);
        assert.equal(dynamicOperations.updateCertificates(inputs).outs.readAt, inputs.readAt);
    });

    it("a list read again unchanged is no change, however far readAt moved; a changed list still is", async () => {
        api().setState({ certificates: certificateSpecs(2) });
        const first = (await dynamicOperations.checkCertificatesResource({}, settings())).inputs;
        const again = { ...(await dynamicOperations.checkCertificatesResource({}, settings())).inputs, readAt: "2099-01-01T00:00:00.000Z" };
        assert.notEqual(again.readAt, first.readAt);
        assert.equal(dynamicOperations.diffCertificates(first, again).changes, false);
        // A state stored before readAt existed, against a new read: no change either.
        const { readAt: _dropped, ...stored010 } = first;
        void _dropped;
        assert.equal(dynamicOperations.diffCertificates(stored010, again).changes, false);
        api().setState({ certificates: certificateSpecs(3) });
        const changed = (await dynamicOperations.checkCertificatesResource({}, settings())).inputs;
        assert.equal(dynamicOperations.diffCertificates(first, changed).changes, true);
    });

    it("read (refresh) records a new readAt in the outputs and the inputs, so a state stored without one gains it", async () => {
        api().setState({ certificates: certificateSpecs(2) });
        const { readAt: _dropped, ...stored010 } = (await dynamicOperations.checkCertificatesResource({}, settings())).inputs;
        void _dropped;
        const refreshed = await dynamicOperations.readCertificatesResource("organization", stored010, settings());
        assert.match(String(refreshed.props.readAt), isoUtc);
        assert.deepEqual(refreshed.inputs, refreshed.props);
    });

    it("records no readAt when the list could not be read and the error was tolerated: nothing was read", async () => {
        api().injectFault({ action: { kind: "status", status: 400, body: { error: { message: "refused", type: "invalid_request_error" } } } });
        const { inputs } = await dynamicOperations.checkCertificatesResource({ onReadError: "warn" }, settings());
        assert.ok(inputs.readError);
        assert.equal(inputs.readAt, undefined);
    });
});

import { strict as assert } from "assert";
import * as util from "util";
import * as pulumi from "@pulumi/pulumi";
import { CertificateExpiryError, NotFoundError, assertCertificateExpiry, evaluateCertificateExpiry, getCertificates } from "../../sdk";
import { NOW, cert, rejectionOf, useFakeApi } from "../support/fixtures";

/**
 * Errors of ours that leave a Pulumi program are Pulumi RunErrors, so a failed preview prints their
 * message alone (and never reaches Node's util.inspect loop of nodejs/node#64011).
 */
describe("errors leaving a Pulumi program", () => {
    const api = useFakeApi(() => ({ seed: { certificates: [{ id: "cert_gateway", name: "gateway", expiresIn: "5d" }] } }));

    it("the assertion's CertificateExpiryError is a Pulumi RunError that keeps its class, code and report", () => {
        let thrown: unknown;
        try {
            assertCertificateExpiry([cert({ id: "cert_soon", name: "soon", expiresIn: "3d" })], { now: NOW }, { warn: () => undefined, info: () => undefined });
        } catch (error) {
            thrown = error;
        }
        assert.ok(thrown instanceof CertificateExpiryError);
        assert.equal(pulumi.RunError.isInstance(thrown), true);
        assert.equal(thrown.code, "certificate_expiry");
        assert.equal(thrown.report.counts.fail, 1);
    });

    it("a data source's typed error is a RunError too; the marker shows in no JSON or inspection", async () => {
        const error = await rejectionOf(getCertificates({ adminKey: api().adminKey, baseUrl: api().baseUrl, projectId: "proj_missing" }));
        assert.ok(error instanceof NotFoundError, String(error));
        assert.equal(pulumi.RunError.isInstance(error), true);
        assert.doesNotMatch(JSON.stringify(error), /__pulumiRunError/);
        assert.doesNotMatch(util.inspect(error), /__pulumiRunError/);
    });

    it("inspects as its stack and code, even with the frames Pulumi's source maps write (nodejs/node#64011)", () => {
        const error = new CertificateExpiryError(evaluateCertificateExpiry([cert({ id: "cert_soon", name: "soon", expiresIn: "3d" })], { now: NOW }));
        // The frames of a program failing under Pulumi: Node's own formatting of these loops until
        // the string is too long (a minute, then a RangeError); the test's timeout would end it.
        error.stack = `${error.name}: ${error.message}\n    at Object.runProgram [as init] (/p/node_modules/@pulumi/cmd/run/run.ts:577:70)\n    at Stack.initialize (/p/node_modules/@pulumi/runtime/stack.ts:78:28)`;
        const shown = util.inspect(error, { colors: true });
        assert.ok(shown.startsWith("CertificateExpiryError: Certificate expiry check FAILED"), shown);
        assert.match(shown, /code: 'certificate_expiry'/);
        assert.doesNotMatch(shown, /earliestExpiring/, "the report is not dumped");
    });

    it("leaves errors that are not ours alone", async () => {
        const foreign = new TypeError("not ours");
        const { markProgramError } = await import("../../sdk/program-error");
        assert.equal(pulumi.RunError.isInstance(markProgramError(foreign)), false);
    });
});

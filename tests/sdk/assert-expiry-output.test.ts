import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    CERTIFICATES_TYPE,
    CertificateExpiryError,
    Certificates,
    InvalidArgumentError,
    UnknownDuringPreviewError,
    assertCertificateExpiryOutput,
    getCertificatesOutput,
} from "../../sdk";
import { NOW, cert } from "../support/fixtures";
import { outcomeOf } from "../support/outputs";

const HEALTHY = [cert({ id: "cert_gateway", name: "gateway", expiresIn: "90d" })];
const EXPIRING = [cert({ id: "cert_gateway", name: "gateway", expiresIn: "5d" })];

/**
 * A program's resources under Pulumi's mocks: a Certificates resource named "unknown" gets no
 * outputs, so during preview its `certificates` is unknown, as for a resource whose projectId comes
 * from a project created in the same update; the others hold `EXPIRING` or `HEALTHY`.
 */
async function program(preview: boolean): Promise<void> {
    await pulumi.runtime.setMocks(
        {
            newResource: async (args) => {
                assert.equal(args.type, CERTIFICATES_TYPE);
                if (args.name === "unknown") return { id: "project/proj_new", state: preview ? {} : { certificates: EXPIRING } };
                return { id: "organization", state: { certificates: args.name === "expiring" ? EXPIRING : HEALTHY } };
            },
            call: (args) => args.inputs,
        },
        "gate-output",
        "test",
        preview,
    );
}

function logger() {
    const warnings: string[] = [];
    return { warnings, warn: (m: string) => void warnings.push(m), info: () => undefined };
}

describe("assertCertificateExpiryOutput (issue 11)", () => {
    describe("during preview", () => {
        beforeEach(() => program(true));

        it("judges known certificates as the assertion does: a pass resolves to the report", async () => {
            const outcome = await outcomeOf(() => assertCertificateExpiryOutput(new Certificates("healthy").certificates, { now: NOW }, logger()));
            assert.equal(outcome.error, undefined);
            assert.equal(outcome.value?.passed, true);
            assert.deepEqual(outcome.unhandled, []);
        });

        it("fails on an expiring certificate, and fails the program even when the result is not used", async () => {
            const outcome = await outcomeOf(() => assertCertificateExpiryOutput(new Certificates("expiring").certificates, { now: NOW }, logger()));
            assert.ok(outcome.error instanceof CertificateExpiryError, String(outcome.error));
            assert.equal(pulumi.RunError.isInstance(outcome.error), true);
            assert.doesNotMatch(outcome.error.stack ?? "", /\n\s+at /);
            assert.ok(outcome.unhandled.includes(outcome.error), "Pulumi fails a program on an unhandled rejection");
        });

        it("fails closed by default on certificates unknown during preview, never skipping silently", async () => {
            const log = logger();
            const outcome = await outcomeOf(() => assertCertificateExpiryOutput(new Certificates("unknown").certificates, { now: NOW }, log));
            assert.ok(outcome.error instanceof UnknownDuringPreviewError, String(outcome.error));
            assert.equal(outcome.error.code, "unknown_during_preview");
            assert.equal(pulumi.RunError.isInstance(outcome.error), true);
            assert.match(outcome.error.message, /cannot run during preview.*failing closed.*earlier update.*unknownDuringPreview: "defer"/);
            assert.ok(outcome.unhandled.includes(outcome.error));
            // Pulumi prints `stack` for a rejection it sees after the program's main has ended: the class and message only.
            assert.equal(outcome.error.stack, outcome.error.message, "printed as the promise form prints it: the message alone");
            assert.deepEqual(log.warnings, []);
        });

        it('with unknownDuringPreview "defer", warns that the check runs in the update, and stays unknown', async () => {
            const log = logger();
            const outcome = await outcomeOf(() => assertCertificateExpiryOutput(new Certificates("unknown").certificates, { now: NOW, unknownDuringPreview: "defer" }, log));
            assert.equal(outcome.error, undefined);
            assert.equal(outcome.known, false);
            assert.deepEqual(outcome.unhandled, []);
            assert.equal(log.warnings.length, 1);
            assert.match(log.warnings[0], /expiry check is deferred.*runs in the update, once they are known/);
        });

        it("takes a getCertificatesOutput-style result and plain lists too", async () => {
            const asResult = await outcomeOf(() => assertCertificateExpiryOutput(pulumi.output({ certificates: HEALTHY }), { now: NOW }, logger()));
            assert.equal(asResult.value?.passed, true);
            const plain = await outcomeOf(() => assertCertificateExpiryOutput(EXPIRING, { now: NOW }, logger()));
            assert.ok(plain.error instanceof CertificateExpiryError);
        });
    });

    describe("during the update", () => {
        beforeEach(() => program(false));

        it("judges once the data is known, deferred or not: a certificate 5 days from expiry fails", async () => {
            for (const unknownDuringPreview of [undefined, "defer"] as const) {
                const log = logger();
                const outcome = await outcomeOf(() => assertCertificateExpiryOutput(new Certificates("unknown").certificates, { now: NOW, unknownDuringPreview }, log));
                assert.ok(outcome.error instanceof CertificateExpiryError, String(outcome.error));
                assert.deepEqual(log.warnings, [], "nothing is deferred in an update");
            }
        });
    });

    it("refuses invalid options at once, naming them", () => {
        assert.throws(
            () => assertCertificateExpiryOutput(HEALTHY, { unknownDuringPreview: "later" as never }),
            (e: unknown) => e instanceof InvalidArgumentError && e.argument === "unknownDuringPreview" && pulumi.RunError.isInstance(e),
        );
        assert.throws(() => assertCertificateExpiryOutput(HEALTHY, { failWithin: "40d" }), (e: unknown) => e instanceof InvalidArgumentError && e.argument === "warnWithin");
    });

    // Compile-time: the Outputs users hold are accepted as they are.
    void (() => {
        assertCertificateExpiryOutput(new Certificates("c").certificates);
        assertCertificateExpiryOutput(getCertificatesOutput({ projectId: pulumi.output("proj_abc") }));
    });
});

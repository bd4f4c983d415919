import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    GetCertificatesResult,
    InvalidArgumentError,
    UnknownDuringPreviewError,
    assertCertificateExpiryOutput,
    getCertificateUsage,
    getCertificateUsageOutput,
    getCertificates,
    getCertificatesOutput,
} from "../../sdk";
import { LEAK_CANARY_KEY, NOW, certificateSpecs, invalidArgument, rejectionOf, useFakeApi } from "../support/fixtures";
import { outcomeOf } from "../support/outputs";

/** A custom resource of the program; the mocks decide whether its id is known. */
class Thing extends pulumi.CustomResource {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Thing", name, {}, opts);
    }
}

/** A component with one custom child: `dependsOn` a component waits for its custom descendants. */
class Group extends pulumi.ComponentResource {
    constructor(name: string, child: string) {
        super("test:index:Group", name, {}, {});
        new Thing(child, { parent: this });
        this.registerOutputs({});
    }
}

/**
 * Pulumi's mocks as the engine answers: during preview, a resource named `creating*` is being
 * created, so its id is unknown; any other already exists. In an update, `onCreate` runs before a
 * resource named `slow` gets its id, as a real create does.
 */
async function program(preview: boolean, onCreate: () => Promise<void> = async () => undefined): Promise<void> {
    await pulumi.runtime.setMocks(
        {
            newResource: async (args) => {
                if (!preview && args.name === "slow") await onCreate();
                return { id: preview && args.name.startsWith("creating") ? "" : `${args.name}-id`, state: {} };
            },
            call: (args) => args.inputs,
        },
        "invoke-options",
        "test",
        preview,
    );
}

describe("data-source options: dependsOn honoured as Pulumi's invokes do, the rest refused (issue 13)", () => {
    const api = useFakeApi(() => ({ seed: { certificates: certificateSpecs(3) } }));
    const args = () => ({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });

    describe("dependsOn, during preview", () => {
        beforeEach(() => program(true));

        it("is unknown while a resource it depends on is being created, and reads nothing", async () => {
            const outcome = await outcomeOf(() => getCertificatesOutput(args(), { dependsOn: [new Thing("existing"), new Thing("creating")] }));
            assert.equal(outcome.known, false);
            assert.equal(outcome.error, undefined);
            assert.equal(api().requests.length, 0, "no request before the resource exists");
        });

        it("reads during preview when every resource it depends on already exists", async () => {
            const outcome = await outcomeOf(() => getCertificatesOutput(args(), { dependsOn: new Thing("existing") }));
            assert.equal(outcome.known, true);
            assert.equal(outcome.value?.certificates.length, 3);
        });

        it("waits for the custom children of a component, and takes dependsOn as an Output or a Promise", async () => {
            const group = await outcomeOf(() => getCertificatesOutput(args(), { dependsOn: [new Group("group", "creating-child")] }));
            assert.equal(group.known, false);
            const asOutput = await outcomeOf(() => getCertificatesOutput(args(), { dependsOn: pulumi.output([new Thing("creating-b")]) }));
            assert.equal(asOutput.known, false);
            const asPromise = await outcomeOf(() => getCertificateUsageOutput(args(), { dependsOn: Promise.resolve(new Thing("existing-b")) }));
            assert.equal(asPromise.known, true);
            assert.equal(asPromise.value?.id, "organization-usage");
        });

        it("never passes the gate unjudged: the Output gate fails closed on the unknown result, or defers when told", async () => {
            const failed = await outcomeOf(() => assertCertificateExpiryOutput(getCertificatesOutput(args(), { dependsOn: [new Thing("creating-c")] }), { now: NOW }));
            assert.ok(failed.error instanceof UnknownDuringPreviewError, String(failed.error));
            assert.ok(failed.unhandled.includes(failed.error), "the program fails even when it ignores the result");

            const warnings: string[] = [];
            const logger = { warn: (m: string) => void warnings.push(m), info: () => undefined };
            const deferred = await outcomeOf(() =>
                assertCertificateExpiryOutput(getCertificatesOutput(args(), { dependsOn: [new Thing("creating-d")] }), { now: NOW, unknownDuringPreview: "defer" }, logger),
            );
            assert.equal(deferred.known, false);
            assert.equal(warnings.length, 1);
            assert.match(warnings[0], /deferred/);
        });
    });

    describe("dependsOn, in the update", () => {
        it("reads only once the resource it depends on has been created", async () => {
            let requestsWhenCreated: number | undefined;
            await program(false, async () => {
                await new Promise((resolve) => setTimeout(resolve, 300));
                requestsWhenCreated = api().requests.length;
            });
            const outcome = await outcomeOf(() => getCertificatesOutput(args(), { dependsOn: [new Thing("slow")] }));
            assert.equal(outcome.known, true);
            assert.equal(requestsWhenCreated, 0, "the read waited for the create");
            assert.equal(outcome.value?.certificates.length, 3);
            assert.ok(api().requests.length > 0);
        });
    });

    describe("options that cannot apply", () => {
        beforeEach(() => program(true));

        const refused: Array<[string, Record<string, unknown>, RegExp]> = [
            ["provider", { provider: {} }, /no provider plugin/],
            ["providers", { providers: [] }, /no provider plugin/],
            ["parent", { parent: {} }, /picks the default provider.*use dependsOn/],
            ["version", { version: "1.0.0" }, /no provider plugin/],
            ["pluginDownloadURL", { pluginDownloadURL: "https://example.com" }, /no provider plugin/],
            ["async", { async: false }, /synchronous invoke/],
            ["retainOnDelete", { retainOnDelete: true }, /not an invoke option/],
        ];
        for (const [option, opts, why] of refused) {
            it(`refuses opts.${option} at once in the Output forms, and in the promise forms, naming it`, async () => {
                const named = (e: unknown) => invalidArgument(`opts.${option}`)(e) && why.test((e as Error).message) && pulumi.RunError.isInstance(e);
                assert.throws(() => getCertificatesOutput(args(), opts as pulumi.InvokeOutputOptions), named);
                assert.throws(() => getCertificateUsageOutput(args(), opts as pulumi.InvokeOutputOptions), named);
                assert.ok(named(await rejectionOf(getCertificates(args(), opts as pulumi.InvokeOptions))));
                assert.ok(named(await rejectionOf(getCertificateUsage(args(), opts as pulumi.InvokeOptions))));
                assert.equal(api().requests.length, 0);
            });
        }

        it("refuses dependsOn in the promise forms, pointing to the Output form", async () => {
            const opts = { dependsOn: [new Thing("existing")] } as pulumi.InvokeOptions;
            const error = await rejectionOf(getCertificates(args(), opts));
            assert.ok(invalidArgument("opts.dependsOn")(error));
            assert.match(error.message, /getCertificatesOutput\(args, \{ dependsOn \}\)/);
            assert.match((await rejectionOf(getCertificateUsage(args(), opts))).message, /getCertificateUsageOutput/);
        });

        it("refuses a dependsOn that holds something other than a resource", async () => {
            const outcome = await outcomeOf(() => getCertificatesOutput(args(), { dependsOn: ["urn:pulumi:x"] as never }));
            assert.ok(outcome.error instanceof InvalidArgumentError && outcome.error.argument === "opts.dependsOn", String(outcome.error));
        });

        it("accepts async: true and options left undefined", async () => {
            const result: GetCertificatesResult = await getCertificates(args(), { async: true, provider: undefined });
            assert.equal(result.certificates.length, 3);
            const outcome = await outcomeOf(() => getCertificatesOutput(args(), { async: true, parent: undefined, dependsOn: undefined }));
            assert.equal(outcome.value?.certificates.length, 3);
        });
    });
});

import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CERTIFICATES_TYPE, Certificates, OpenAICertificatesError, UnsupportedRuntimeError } from "../../sdk";

/** Runs `fn` as if on Bun, which sets `process.versions.bun`, then removes it again. */
function onBun<T>(fn: () => T): T {
    Object.defineProperty(process.versions, "bun", { value: "1.2.21", configurable: true, enumerable: true });
    try {
        return fn();
    } finally {
        delete (process.versions as Record<string, string | undefined>).bun;
    }
}

describe("the Certificates resource on Bun (issue 11, part 4)", () => {
    let registered: string[];

    beforeEach(async () => {
        registered = [];
        await pulumi.runtime.setMocks(
            {
                newResource: async (args) => {
                    registered.push(args.type);
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: (args) => args.inputs,
            },
            "bun-test",
            "test",
            true,
        );
    });

    it("throws at once a typed error that names what works on Bun, and registers nothing", async () => {
        let thrown: unknown;
        onBun(() => {
            try {
                new Certificates("org-certificates", {});
            } catch (error) {
                thrown = error;
            }
        });
        assert.ok(thrown instanceof UnsupportedRuntimeError, String(thrown));
        assert.ok(thrown instanceof OpenAICertificatesError);
        assert.equal(thrown.code, "unsupported_runtime");
        assert.equal(thrown.runtime, "bun");
        assert.match(thrown.message, /^Certificates "org-certificates" cannot run on Bun/);
        for (const works of ["getCertificates", "assertCertificateExpiry", "`openai-certs check`", "Node.js"]) assert.ok(thrown.message.includes(works), works);
        // Printed by Pulumi as its message alone, like our other program errors.
        assert.equal(pulumi.RunError.isInstance(thrown), true);
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(registered, []);
    });

    it("is refused before its arguments are looked at, so the runtime is the first thing named", () => {
        onBun(() => assert.throws(() => new Certificates("org", { pagesize: 1 } as never), UnsupportedRuntimeError));
    });

    it("still registers on Node.js", async () => {
        assert.equal(process.versions.bun, undefined);
        const resource = new Certificates("org-certificates", {});
        const urn = await new Promise<string>((resolve) => resource.urn.apply(resolve));
        assert.match(urn, /org-certificates$/);
        assert.deepEqual(registered, [CERTIFICATES_TYPE]);
    });
});

import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CERTIFICATES_TYPE, CERTIFICATE_ACTIVATION_TYPE, CERTIFICATE_TYPE, Certificate, CertificateActivation, Certificates, OpenAICertificatesError, UnsupportedRuntimeError } from "../../sdk";

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

describe("the Certificate and CertificateActivation resources in a program (issue 15)", () => {
    let registered: Array<{ type: string; inputs: Record<string, unknown> }>;

    beforeEach(async () => {
        registered = [];
        await pulumi.runtime.setMocks(
            {
                newResource: async (args) => {
                    registered.push({ type: args.type, inputs: args.inputs });
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: (args) => args.inputs,
            },
            "resources-test",
            "test",
            true,
        );
    });

    it("register under their tokens, recognisable by isInstance, with the import option carried as the importId input", async () => {
        const certificate = new Certificate("gateway", { certificate: "PEM", name: "gateway" }, { import: "cert_in_use" });
        const activation = new CertificateActivation("gateway", { certificateId: certificate.id, projectId: "proj_p" });
        await new Promise<string>((resolve) => activation.urn.apply(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(registered.map((r) => r.type), [CERTIFICATE_TYPE, CERTIFICATE_ACTIVATION_TYPE]);
        assert.equal(registered[0].inputs.importId, "cert_in_use", "the engine's import step cannot find a dynamic provider: create adopts instead");
        assert.equal(registered[0].inputs.certificate, "PEM");
        assert.equal(registered[1].inputs.certificateId, "gateway-id");
        assert.ok(Certificate.isInstance(certificate) && !Certificate.isInstance(activation) && CertificateActivation.isInstance(activation));
    });

    it("refuse unknown arguments by name, and Bun at once", () => {
        assert.throws(() => new Certificate("x", { certificate: "PEM", fingerprint: "AA" } as never), /fingerprint/);
        assert.throws(() => new CertificateActivation("x", { certificateId: "cert_a", project: "p" } as never), /project/);
        for (const make of [() => new Certificate("c", { certificate: "PEM" }), () => new CertificateActivation("a", { certificateId: "cert_a" })]) {
            onBun(() => assert.throws(make, (e: unknown) => e instanceof UnsupportedRuntimeError && /cannot run on Bun[\s\S]*runtime: nodejs in Pulumi.yaml/.test(e.message)));
        }
    });
});

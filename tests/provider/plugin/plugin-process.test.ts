import { strict as assert } from "assert";
import { PACKAGE_VERSION } from "../../../provider/api/version";
import { LEAK_CANARY_KEY, assertNoKeyIn, failedArguments, namedCertificate, useFakeApi } from "../../support/fixtures";
import { PluginProcess, startPluginProcess } from "../../support/plugin-process";
import { testCertificate } from "../../support/test-certificates";

/*
 * The provider plugin as the engine runs it: its launcher (pulumi-plugin/) spawned, spoken to over
 * gRPC with the generated stubs of @pulumi/pulumi, against the fake API over loopback. The door's
 * rules one by one are tests/provider/plugin/plugin-provider.test.ts (in process); this file proves
 * what only the process can: the launcher, the schema served, Configure read by the plugin although
 * @pulumi/pulumi's server answers it, secrets through the wire, and a key in no answer and no log.
 */

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: "1b47061264138c4ac30d75fd1eb44270", value });
const isSecretWrapped = (value: unknown) => value !== null && typeof value === "object" && SECRET_SIG_KEY in (value as object);
const now = () => Math.floor(Date.now() / 1000);
const urn = (type: string, name = "r") => `urn:pulumi:dev::proj::openai-certificates:index:${type}::${name}`;
const provider = (name: string) => ({ name, urn: `urn:pulumi:dev::proj::pulumi:providers:openai-certificates::${name}` });

/** The default organization's key, in the environment and in PULUMI_CONFIG, where an explicit provider must not look. */
const DEFAULT_ORG_KEY = "sk-admin-default-org-0a1b2c3d4e5f60718293a4b5";

describe("the provider plugin, spawned and spoken to over gRPC (issue 24)", function () {
    this.timeout(60_000);
    const api = useFakeApi(() => ({ nowSeconds: now(), seed: { certificates: [namedCertificate("gateway", 90, {}, now()), namedCertificate("dying", 5, { active: false }, now())] } }));
    let plugin: PluginProcess | undefined;
    const start = async (env: NodeJS.ProcessEnv = {}) => (plugin = await startPluginProcess({ env: { OPENAI_ADMIN_KEY: "", OPENAI_BASE_URL: "", ...env } }));
    afterEach(async () => {
        await plugin?.close();
        plugin = undefined;
    });

    it("serves its schema and its version, and accepts secrets", async () => {
        const p = await start();
        const schema = await p.getSchema();
        assert.equal(schema.name, "openai-certificates");
        assert.deepEqual(Object.keys(schema.resources as object).sort(), ["openai-certificates:index:Certificate", "openai-certificates:index:CertificateActivation", "openai-certificates:index:Certificates"]);
        assert.equal(await p.version(), PACKAGE_VERSION);
        assert.equal((await p.configure(provider("default"), {})).acceptSecrets, true);
    });

    it("an explicit provider uses its own key, read from Configure, though PULUMI_CONFIG and OPENAI_ADMIN_KEY hold the default organization's", async () => {
        const env = { OPENAI_ADMIN_KEY: DEFAULT_ORG_KEY, PULUMI_CONFIG: JSON.stringify({ "openai-certificates:adminApiKey": DEFAULT_ORG_KEY, adminApiKey: DEFAULT_ORG_KEY }) };
        const p = await start(env);
        await p.configure(provider("second-org"), { adminApiKey: secret(LEAK_CANARY_KEY), baseUrl: api().baseUrl });
        const result = await p.invoke("openai-certificates:index:getCertificates", { pageSize: 1 });
        assert.deepEqual(result.failures, []);
        assert.deepEqual((result.outputs.certificates as Array<{ id: string }>).map((c) => c.id).sort(), ["cert_dying", "cert_gateway"]);
        assert.ok(api().requests.length >= 2, "read page by page");
        assert.ok(!JSON.stringify(result.outputs).includes(SECRET_SIG_KEY), "the result is plain");
        assertNoKeyIn([result, p.stderr()]);
        assertNoKeyIn([result, p.stderr()], DEFAULT_ORG_KEY);
    });

    it("an explicit provider with no key of its own refuses, and sends the default organization's key nowhere", async () => {
        const p = await start({ OPENAI_ADMIN_KEY: DEFAULT_ORG_KEY, PULUMI_CONFIG: JSON.stringify({ adminApiKey: DEFAULT_ORG_KEY }) });
        await p.configure(provider("second-org"), { baseUrl: api().baseUrl });
        await assert.rejects(p.invoke("openai-certificates:index:getCertificates", {}), /adminApiKey property of the explicit provider "second-org"/);
        const checked = await p.check(urn("Certificates"), {});
        assert.match(checked.failures.map((f) => f.reason).join("\n"), /missing_admin_key/);
        assert.equal(api().requests.length, 0, "a request was sent with some key");
        assertNoKeyIn([checked, p.stderr()], DEFAULT_ORG_KEY);
    });

    it("the default provider reads its config from Configure, and falls back to OPENAI_ADMIN_KEY", async () => {
        const p = await start({ OPENAI_ADMIN_KEY: LEAK_CANARY_KEY });
        await p.configure(provider("default"), { baseUrl: api().baseUrl });
        const result = await p.invoke("openai-certificates:index:getCertificateUsage", {});
        assert.deepEqual(result.failures, []);
        assert.equal(result.outputs.id, "organization-usage");
        assertNoKeyIn([result, p.stderr()]);
    });

    it("uploads, refreshes, imports and deletes a certificate given as a secret, which stays a secret on the wire; refuses one 5 days from expiry", async () => {
        const p = await start();
        await p.configure(provider("default"), { adminApiKey: secret(LEAK_CANARY_KEY), baseUrl: api().baseUrl });
        const soon = await testCertificate({ subjectCN: "plugin-soon", expiresIn: "5d" });
        const refused = await p.check(urn("Certificate"), { certificate: soon.pem });
        assert.deepEqual(failedArguments(refused.failures), ["certificate"]);

        const made = await testCertificate({ subjectCN: "plugin-wire", expiresIn: "90d" });
        const checked = await p.check(urn("Certificate"), { certificate: secret(made.pem), name: "wire" });
        assert.deepEqual(checked.failures, []);
        assert.ok(isSecretWrapped(checked.inputs.certificate));
        const created = await p.create(urn("Certificate"), checked.inputs);
        assert.ok(isSecretWrapped(created.properties.certificate), "the state would hold the secret PEM in plain text");
        assert.equal(created.properties.fingerprintSha256, made.fingerprint256);
        const read = await p.read(urn("Certificate"), created.id, created.properties);
        assert.equal(read.id, created.id);
        // The engine's import step reads by id alone, sending no properties at all.
        const imported = await p.read(urn("Certificate"), created.id, undefined);
        assert.equal(imported.id, created.id);
        assert.deepEqual(imported.inputs, { certificate: made.pem, name: "wire" }, "an import needs the inputs that make the resource");
        await p.delete(urn("Certificate"), created.id, read.properties);
        assert.equal(api().state.certificates.length, 2, "the upload was deleted");

        const activation = await p.check(urn("CertificateActivation"), { certificateId: "cert_dying" });
        assert.match(activation.failures.map((f) => f.reason).join("\n"), /Nothing was activated/);
        assertNoKeyIn([checked, created, read, activation, p.stderr()]);
    });

    it("a refused key's error names where the plugin's key is set, and quotes no key", async () => {
        const p = await start();
        await p.configure(provider("default"), { adminApiKey: secret("sk-admin-wrong-0123456789abcdef01234567"), baseUrl: api().baseUrl });
        const error = await p.invoke("openai-certificates:index:getCertificates", {}).then(
            () => assert.fail("a wrong key read the list"),
            (e: Error) => e,
        );
        assert.match(error.message, /openai-certificates:adminApiKey/);
        assertNoKeyIn([error.message, p.stderr()], "sk-admin-wrong-0123456789abcdef01234567");
    });
});

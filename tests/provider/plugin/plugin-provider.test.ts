import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { createPluginProvider, PluginState } from "../../../provider/plugin/plugin-provider";
import { isDefaultProvider } from "../../../provider/plugin/plugin-config";
import { pluginSchema } from "../../../provider/plugin/schema";
import { CERTIFICATE_LIST_ARG_NAMES, CERTIFICATE_USAGE_ARG_NAMES } from "../../../provider/api/data-source-reads";
import { CERTIFICATES_INPUT_NAMES } from "../../../provider/dynamic/list-inputs";
import { CERTIFICATE_INPUT_NAMES } from "../../../provider/dynamic/upload-inputs";
import { ACTIVATION_INPUT_NAMES } from "../../../provider/dynamic/activation-inputs";
import { LEAK_CANARY_KEY, assertNoKeyIn, failedArguments, namedCertificate, useFakeApi } from "../../support/fixtures";
import { REPO_ROOT } from "../../support/processes";
import { testCertificate } from "../../support/test-certificates";

/*
 * The provider plugin's door, in this process: the Provider object `provider.main` serves, called as
 * its server calls it (URNs, property bags with the engine's secrets), against the fake API over
 * loopback. The spawned plugin and its gRPC surface are tests/provider/plugin/plugin-process.test.ts.
 */

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: "1b47061264138c4ac30d75fd1eb44270", value });
const isSecretWrapped = (value: unknown) => value !== null && typeof value === "object" && SECRET_SIG_KEY in (value as object);

const urn = (type: string, name = "r") => `urn:pulumi:dev::proj::openai-certificates:index:${type}::${name}`;
const DEFAULT_PROVIDER = { name: "default", urn: "urn:pulumi:dev::proj::pulumi:providers:openai-certificates::default" };
const EXPLICIT_PROVIDER = { name: "second-org", urn: "urn:pulumi:dev::proj::pulumi:providers:openai-certificates::second-org" };
/** The real clock: the operations the plugin calls judge expiry against it, as they do in a stack. */
const now = () => Math.floor(Date.now() / 1000);

/** Runs `body` with OPENAI_ADMIN_KEY and OPENAI_BASE_URL set as given (undefined: unset), then restores them. */
async function withEnvironment<T>(env: { OPENAI_ADMIN_KEY?: string; OPENAI_BASE_URL?: string }, body: () => Promise<T>): Promise<T> {
    const saved = { OPENAI_ADMIN_KEY: process.env.OPENAI_ADMIN_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };
    const apply = (values: Record<string, string | undefined>) => {
        for (const [k, v] of Object.entries(values)) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
    };
    apply({ OPENAI_ADMIN_KEY: undefined, OPENAI_BASE_URL: undefined, ...env });
    try {
        return await body();
    } finally {
        apply(saved);
    }
}

describe("the provider plugin's door (issue 24)", () => {
    describe("its schema", () => {
        it("is the shipped pulumi-plugin/schema.json (npm run plugin-schema writes it)", () => {
            const shipped = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "pulumi-plugin/schema.json"), "utf8"));
            assert.deepEqual(shipped, pluginSchema(), "pulumi-plugin/schema.json is out of date: run `npm run plugin-schema`");
        });

        it("declares exactly the inputs the operations check and the arguments the functions share, and no key among them", () => {
            const schema = pluginSchema() as any;
            const inputs = (type: string) => Object.keys(schema.resources[`openai-certificates:index:${type}`].inputProperties).sort();
            assert.deepEqual(inputs("Certificates"), [...CERTIFICATES_INPUT_NAMES].sort());
            assert.deepEqual(inputs("Certificate"), [...CERTIFICATE_INPUT_NAMES].sort());
            assert.deepEqual(inputs("CertificateActivation"), [...ACTIVATION_INPUT_NAMES].sort());
            const args = (fn: string) => Object.keys(schema.functions[`openai-certificates:index:${fn}`].inputs.properties).sort();
            assert.deepEqual(args("getCertificates"), [...CERTIFICATE_LIST_ARG_NAMES].sort());
            assert.deepEqual(args("getCertificateUsage"), [...CERTIFICATE_USAGE_ARG_NAMES].sort());
            assert.ok(!JSON.stringify(schema.functions).includes('"adminKey"'), "a function takes a key");
            assert.equal(schema.config.variables.adminApiKey.secret, true);
            assert.equal(schema.provider.inputProperties.adminApiKey.secret, true);
        });
    });

    describe("which provider a process is", () => {
        it("is the default one only when named default (or default_<version>) at the top of the stack", () => {
            assert.equal(isDefaultProvider(DEFAULT_PROVIDER), true);
            assert.equal(isDefaultProvider({ name: "default_0_2_0", urn: "urn:pulumi:dev::proj::pulumi:providers:openai-certificates::default_0_2_0" }), true);
            assert.equal(isDefaultProvider(EXPLICIT_PROVIDER), false);
            assert.equal(isDefaultProvider({ name: "default", urn: "urn:pulumi:dev::proj::my:component$pulumi:providers:openai-certificates::default" }), false);
            assert.equal(isDefaultProvider({}), false, "an engine that says nothing gets the explicit provider's rules");
        });
    });

    describe("functions", () => {
        const api = useFakeApi(() => ({ nowSeconds: now(), seed: { certificates: [namedCertificate("gateway", 90, {}, now()), namedCertificate("edge", 20, {}, now()), namedCertificate("legacy", 3, { active: false }, now())] } }));
        const provider = (configure: PluginState["configure"]) => createPluginProvider({ configure });
        const defaultProvider = () => provider({ ...DEFAULT_PROVIDER, args: { adminApiKey: secret(LEAK_CANARY_KEY), baseUrl: api().baseUrl } });

        it("getCertificates reads every page, with the arguments echoed and defaults applied, and nothing secret", async () => {
            const result = await defaultProvider().invoke!("openai-certificates:index:getCertificates", { pageSize: 2 });
            assert.equal(result.failures, undefined);
            const outputs = result.outputs as Record<string, unknown> & { certificates: Array<{ id: string }> };
            assert.deepEqual(outputs.certificates.map((c) => c.id).sort(), ["cert_edge", "cert_gateway", "cert_legacy"]);
            assert.equal(api().requests.filter((r) => r.path === "/organization/certificates").length, 2, "two pages of two");
            assert.equal(outputs.id, "organization");
            assert.equal(outputs.pageSize, 2);
            assert.equal(outputs.order, "desc");
            assert.equal(outputs.baseUrl, api().baseUrl);
            assert.ok(!JSON.stringify(outputs).includes(SECRET_SIG_KEY), "a result holding nothing secret is plain");
            assertNoKeyIn(result);
        });

        it("getCertificateUsage is the organization-wide view, and refuses projectId as getCertificateUsage does", async () => {
            const result = await defaultProvider().invoke!("openai-certificates:index:getCertificateUsage", { concurrency: 2 });
            const outputs = result.outputs as { id: string; concurrency: number; certificates: Array<{ activeAnywhere: boolean }> };
            assert.equal(outputs.id, "organization-usage");
            assert.equal(outputs.concurrency, 2);
            assert.equal(outputs.certificates.length, 3);
            const refused = await defaultProvider().invoke!("openai-certificates:index:getCertificateUsage", { projectId: "proj_a" });
            assert.deepEqual(failedArguments(refused.failures), ["projectId"]);
        });

        it("never takes a key as an argument, and does not quote the one given", async () => {
            const result = await defaultProvider().invoke!("openai-certificates:index:getCertificates", { adminKey: secret(LEAK_CANARY_KEY) });
            assert.deepEqual(failedArguments(result.failures), ["adminKey"]);
            assert.match(result.failures![0].reason, /openai-certificates:adminApiKey/);
            assert.equal(api().requests.length, 0, "nothing was sent");
            assertNoKeyIn(result);
        });

        it("refuses a bad argument by name, sending nothing", async () => {
            const result = await defaultProvider().invoke!("openai-certificates:index:getCertificates", { pageSize: 500 });
            assert.deepEqual(failedArguments(result.failures), ["pageSize"]);
            assert.equal(api().requests.length, 0);
        });

        it("the default provider falls back to OPENAI_ADMIN_KEY and OPENAI_BASE_URL, as the dynamic providers do", async () => {
            await withEnvironment({ OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl }, async () => {
                const result = await provider({ ...DEFAULT_PROVIDER, args: {} }).invoke!("openai-certificates:index:getCertificates", {});
                assert.equal((result.outputs as { certificates: unknown[] }).certificates.length, 3);
            });
        });

        it("an explicit provider never falls back to the environment: with no adminApiKey of its own it refuses, sending nothing anywhere", async () => {
            await withEnvironment({ OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl }, async () => {
                const explicit = provider({ ...EXPLICIT_PROVIDER, args: { baseUrl: api().baseUrl } });
                const error = await explicit.invoke!("openai-certificates:index:getCertificates", {}).then(
                    () => assert.fail("an explicit provider without a key read the list"),
                    (e: Error) => e,
                );
                assert.match(error.message, /adminApiKey property of the explicit provider "second-org"/);
                assert.equal(api().requests.length, 0, "the environment's key was sent");
                assertNoKeyIn(error);
            });
        });

        it("an explicit provider's own key and base URL are the ones used, whatever the environment says", async () => {
            await withEnvironment({ OPENAI_ADMIN_KEY: "sk-admin-the-default-organization", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }, async () => {
                const explicit = provider({ ...EXPLICIT_PROVIDER, args: { adminApiKey: secret(LEAK_CANARY_KEY), baseUrl: api().baseUrl } });
                const result = await explicit.invoke!("openai-certificates:index:getCertificates", {});
                assert.equal((result.outputs as { certificates: unknown[] }).certificates.length, 3);
            });
        });

        it("refuses every call until the engine has configured the process", async () => {
            const result = await createPluginProvider({}).invoke!("openai-certificates:index:getCertificates", {});
            assert.match(result.failures![0].reason, /not configured this provider/);
        });
    });

    describe("resources", () => {
        const api = useFakeApi(() => ({
            nowSeconds: now(),
            seed: { certificates: [namedCertificate("gateway", 90, {}, now()), namedCertificate("dying", 5, { active: false }, now())], projects: [{ id: "proj_x", name: "X", certificates: [] }] },
        }));
        const provider = () => createPluginProvider({ configure: { ...DEFAULT_PROVIDER, args: { adminApiKey: secret(LEAK_CANARY_KEY), baseUrl: api().baseUrl } } });

        it("Certificates reads in check, as the dynamic resource does, and its state has the dynamic resource's shape", async () => {
            const p = provider();
            const checked = await p.check!(urn("Certificates"), {}, { activeOnly: true });
            assert.equal(checked.failures, undefined);
            const inputs = checked.inputs as { certificates: Array<{ id: string }>; readAt: string; activeOnly: boolean; onReadError: string };
            assert.deepEqual(inputs.certificates.map((c) => c.id), ["cert_gateway"]);
            assert.equal(typeof inputs.readAt, "string");
            assert.equal(inputs.onReadError, "fail");
            const created = await p.create!(urn("Certificates"), inputs);
            assert.equal(created.id, "organization");
            assert.deepEqual(Object.keys(created.outs).sort(), Object.keys(inputs).sort());
            const diff = await p.diff!(created.id, urn("Certificates"), created.outs, { ...inputs, readAt: "later" });
            assert.equal(diff.changes, false, "a new read of the same list is no change");
            const read = await p.read!(created.id, urn("Certificates"), created.outs);
            assert.deepEqual((read.props as typeof inputs).certificates.map((c) => c.id), ["cert_gateway"]);
            await p.delete!(created.id, urn("Certificates"), created.outs);
            assertNoKeyIn([checked, created, read]);
        });

        it("Certificate: uploads, keeps a secret PEM secret in its inputs and outputs, renames in place, imports by id, and deletes", async () => {
            const p = provider();
            const made = await testCertificate({ subjectCN: "plugin-upload", expiresIn: "90d" });
            const checked = await p.check!(urn("Certificate"), {}, { certificate: secret(made.pem), name: "first" });
            assert.equal(checked.failures, undefined);
            assert.ok(isSecretWrapped(checked.inputs.certificate), "the secret PEM came back plain from check");
            assert.equal(checked.inputs.name, "first", "a plain input stays plain");
            const plainInputs = { ...checked.inputs, certificate: made.pem };
            const created = await p.create!(urn("Certificate"), checked.inputs);
            assert.ok(isSecretWrapped(created.outs.certificate), "the secret PEM is plain in the state");
            assert.equal(created.outs.fingerprintSha256, made.fingerprint256);
            assert.equal(created.outs.certificateId, created.id);
            const renamed = { ...plainInputs, name: "second" };
            const diff = await p.diff!(created.id, urn("Certificate"), { ...created.outs, certificate: made.pem }, renamed);
            assert.equal(diff.changes, true);
            assert.deepEqual(diff.replaces ?? [], [], "a new name is an update in place");
            const updated = await p.update!(created.id, urn("Certificate"), created.outs, renamed);
            assert.equal(updated.outs.name, "second");
            const read = await p.read!(created.id, urn("Certificate"), created.outs);
            assert.equal(read.props.name, "second");
            assert.ok(isSecretWrapped(read.props.certificate), "a refresh makes the secret PEM plain");
            const imported = await p.read!(created.id, urn("Certificate"), {});
            assert.deepEqual(imported.inputs, { certificate: made.pem, name: "second" }, "an import (a read by id alone) gives the inputs that make the resource");
            assert.equal(read.inputs, undefined, "a refresh keeps the program's inputs");
            await p.delete!(created.id, urn("Certificate"), read.props);
            assert.equal(api().state.certificates.length, 2, "the upload was deleted");
            assertNoKeyIn([checked, created, updated, read]);
        });

        it("Certificate: refuses key material and a PEM within minRemainingValidity, quoting neither, sending nothing", async () => {
            const p = provider();
            const made = await testCertificate({ subjectCN: "plugin-soon", expiresIn: "5d" });
            const soon = await p.check!(urn("Certificate"), {}, { certificate: made.pem });
            assert.deepEqual(failedArguments(soon.failures), ["certificate"]);
            assert.match(soon.failures![0].reason, /within minRemainingValidity/);
            const keyBody = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETKEYMATERIAL";
            const withKey = `${made.pem}-----BEGIN PRIVATE KEY-----\n${keyBody}\n-----END PRIVATE KEY-----\n`;
            const refused = await p.check!(urn("Certificate"), {}, { certificate: secret(withKey) });
            assert.deepEqual(failedArguments(refused.failures), ["certificate"]);
            assert.match(refused.failures![0].reason, /key material/);
            assert.ok(!JSON.stringify(refused).includes("SECRETKEYMATERIAL"), "the key material was echoed");
            assert.equal(api().requests.filter((r) => r.method === "POST").length, 0, "something was uploaded");
        });

        it("CertificateActivation: judged by the expiry rule, it refuses a certificate 5 days from expiry and activates a healthy one", async () => {
            const p = provider();
            const dying = await p.check!(urn("CertificateActivation"), {}, { certificateId: "cert_dying" });
            assert.deepEqual(failedArguments(dying.failures), ["certificateId"]);
            assert.match(dying.failures![0].reason, /Nothing was activated/);
            const projectId = "proj_x";
            const checked = await p.check!(urn("CertificateActivation"), {}, { certificateId: "cert_gateway", projectId });
            assert.equal(checked.failures, undefined);
            const created = await p.create!(urn("CertificateActivation"), checked.inputs);
            assert.equal(created.id, `project/${projectId}/cert_gateway`);
            assert.equal(created.outs.scope, "project");
            const diff = await p.diff!(created.id, urn("CertificateActivation"), created.outs, { ...checked.inputs, projectId: "proj_y" });
            assert.deepEqual(diff.replaces, ["projectId"], "another scope is another activation");
            await p.delete!(created.id, urn("CertificateActivation"), created.outs);
            const read = await p.read!(created.id, urn("CertificateActivation"), created.outs);
            assert.equal(read.id, "", "deactivated");
        });

        it("names the resource a URN asks for when the plugin has none", async () => {
            await assert.rejects(provider().check!("urn:pulumi:dev::proj::openai-certificates:index:Nope::r", {}, {}), /has no resource "openai-certificates:index:Nope"/);
        });
    });
});

import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import * as pulumi from "@pulumi/pulumi";
import { dynamicOperations } from "../../../provider";
import { certificatesProvider } from "../../../provider/dynamic/serialized-providers";
import { FakeOpenAI, startFakeOpenAI } from "../../../fake-api";
import { DAY, LEAK_CANARY_KEY, NOW_SECONDS, assertSafeForLogs, certificateSpecs, failedArguments, rejectionOf, useFakeApi } from "../../support/fixtures";
import { installPackedPackage } from "../../support/packed-package";
import { DIFF, DynamicProviderHost, UNKNOWN, secretValue, startDynamicProviderHost } from "../../support/provider-host";
import { REPO_ROOT } from "../../support/processes";
import { STORED_PROVIDER_CALLS } from "../../../provider/dynamic/stored-provider-calls";

const run = promisify(execFile);

/** Where the provider's code and the host come from: this repository, or a project that installed the packed tarball. */
interface Setup {
    name: string;
    /** The serialized provider, as the SDK stores it in `__provider`. */
    serialize: () => Promise<string>;
    hostScript: () => Promise<string>;
    cwd: () => Promise<string>;
}

const fromRepo: Setup = {
    name: "from this repository",
    serialize: async () => (await pulumi.runtime.serializeFunction(() => certificatesProvider, { allowSecrets: true })).text,
    hostScript: async () => require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js"),
    // A folder with no node_modules: the provider must find its operations without the package name.
    cwd: async () => fs.mkdtempSync(path.join(os.tmpdir(), "certs-program-")),
};

const fromPackedInstall: Setup = {
    name: "installed from npm pack into another project",
    serialize: async () => {
        const project = await installPackedPackage();
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const { certificatesProvider } = require("pulumi-openai-certificates/provider");
            pulumi.runtime.serializeFunction(() => certificatesProvider, { allowSecrets: true }).then((s) => process.stdout.write(s.text));`;
        const { stdout } = await run(process.execPath, ["-e", script], { cwd: project, maxBuffer: 8 * 1024 * 1024 });
        return stdout;
    },
    hostScript: async () => path.join(await installPackedPackage(), "node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"),
    cwd: installPackedPackage,
};

for (const setup of [fromRepo, fromPackedInstall]) {
    describe(`the Certificates dynamic provider through Pulumi's real provider host, ${setup.name}`, function () {
        this.timeout(240_000);
        let api: FakeOpenAI;
        // One host for the describe (starting one took 1.4 to 2.2 s a test). The host configures a
        // provider once per provider text (its providerCache), as the engine's host of one operation
        // does, so each test sends the serialized provider with a comment of its own: a fresh
        // provider, configured by that test's Configure. Tests about the process itself (its
        // environment, a restart after a key rotation) start hosts of their own.
        let sharedHost: DynamicProviderHost;
        let host: DynamicProviderHost;
        let serialized: string;
        let providerText: string;
        let testNumber = 0;
        const config = () => ({ "openai:adminKey": secretValue(LEAK_CANARY_KEY), "openai:baseUrl": api.baseUrl });
        const news = (extra: Record<string, unknown> = {}) => ({ __provider: providerText, ...extra });
        const startHost = async (env: NodeJS.ProcessEnv) => startDynamicProviderHost({ hostScript: await setup.hostScript(), cwd: await setup.cwd(), env });
        /** A host of this test's own, closed after it like the shared one. */
        const ownHost = async (env: NodeJS.ProcessEnv) => {
            if (host !== sharedHost) await closeChecked(host);
            host = await startHost(env);
            return host;
        };
        // Whatever happened, the key must not have been printed by the provider process.
        const closeChecked = async (h: DynamicProviderHost) => {
            const stderr = h.stderr();
            await h.close();
            assert.ok(!stderr.includes(LEAK_CANARY_KEY), "the admin key appeared in the provider host's output");
        };

        before(async () => {
            serialized = await setup.serialize();
            sharedHost = await startHost({ OPENAI_ADMIN_KEY: "" });
        });
        after(() => closeChecked(sharedHost));
        beforeEach(async () => {
            providerText = `${serialized}\n// test ${++testNumber}`;
            api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, nowSeconds: NOW_SECONDS, seed: { certificates: certificateSpecs(150) } });
            host = sharedHost;
        });
        afterEach(async () => {
            if (host !== sharedHost) await closeChecked(host);
            await api.close();
            assert.ok(!sharedHost.stderr().includes(LEAK_CANARY_KEY), "the admin key appeared in the provider host's output");
        });

        it("serializes a provider that holds no credentials and names no key", () => {
            assert.ok(serialized.includes("exports.handler"));
            assert.ok(!serialized.includes(LEAK_CANARY_KEY));
            assert.ok(!/sk-admin-/.test(serialized));
            assert.ok(serialized.length < 20_000, `the serialized provider should be a thin shim, got ${serialized.length} characters`);
        });

        it("reads the list in Check, with the key from Configure, so the data is known in preview", async () => {
            await host.configure(config());
            const { inputs, failures } = await host.check(news({ order: "asc" }));
            assert.deepEqual(failures, []);
            const certs = inputs.certificates as Array<{ id: string; subject?: string }>;
            assert.equal(certs.length, 150);
            assert.equal(certs[0].id, "cert_00000");
            assert.equal(inputs.baseUrl, api.baseUrl, "the base URL from openai:baseUrl is recorded");
            assert.equal(inputs.order, "asc");
            assert.equal(inputs.pageSize, 100);
            // Two pages of the list, then each active certificate's content once (its subject and key, for renewals).
            assert.equal(api.requests.filter((r) => r.path === "/organization/certificates").length, 2);
            const contentReads = api.requests.filter((r) => r.path.startsWith("/organization/certificates/cert_")).map((r) => r.path);
            assert.equal(contentReads.length, 150);
            assert.equal(new Set(contentReads).size, 150);
            assert.ok(api.requests.every((r) => r.auth === "valid"));
            assert.ok(!JSON.stringify(inputs).includes(LEAK_CANARY_KEY));
            assert.match(String(certs[0].subject), /^CN=/);
        });

        it("falls back to OPENAI_ADMIN_KEY in the provider's environment", async () => {
            await ownHost({ OPENAI_ADMIN_KEY: LEAK_CANARY_KEY });
            await host.configure({ "openai:baseUrl": api.baseUrl });
            const { inputs, failures } = await host.check(news());
            assert.deepEqual(failures, []);
            assert.equal((inputs.certificates as unknown[]).length, 150);
        });

        it("defers on an unknown input, without calling the API, and names it in the checked inputs", async () => {
            await host.configure(config());
            const { inputs, failures } = await host.check(news({ projectId: UNKNOWN, activeOnly: true }));
            assert.deepEqual(failures, []);
            assert.equal(inputs.certificates, UNKNOWN);
            assert.equal(inputs.projectId, UNKNOWN);
            // Known data, so a policy can name the input without reading an unknown value (issue 11).
            assert.deepEqual(inputs.unknownInputs, ["projectId"]);
            assert.equal(inputs.activeOnly, true);
            assert.equal(api.requests.length, 0);
        });

        it("reads openai:adminApiKey, the official provider's name, and openai:adminKey as its alias", async () => {
            for (const keys of [{ "openai:adminApiKey": secretValue(LEAK_CANARY_KEY) }, { "openai:adminApiKey": secretValue(LEAK_CANARY_KEY), "openai:adminKey": secretValue(`${LEAK_CANARY_KEY}\n`) }]) {
                // The provider reads its config once per process, as the engine starts one per operation.
                await ownHost({ OPENAI_ADMIN_KEY: "sk-admin-from-env-is-wrong" });
                await host.configure({ ...keys, "openai:baseUrl": api.baseUrl });
                const { failures } = await host.check(news());
                assert.deepEqual(failures, [], JSON.stringify(Object.keys(keys)));
            }
            assert.ok(api.requests.length > 0 && api.requests.every((r) => r.auth === "valid"));
        });

        it("fails Check when openai:adminApiKey and openai:adminKey hold different keys, naming both and neither value, even with onReadError warn", async () => {
            await host.configure({ "openai:adminApiKey": secretValue(LEAK_CANARY_KEY), "openai:adminKey": secretValue("sk-admin-the-old-one-0123"), "openai:baseUrl": api.baseUrl });
            const { failures } = await host.check(news({ onReadError: "warn" }));
            assert.equal(failures.length, 1);
            assert.match(failures[0].reason, /admin_key_conflict.*openai:adminApiKey and in openai:adminKey/);
            assert.ok(!failures[0].reason.includes(LEAK_CANARY_KEY) && !failures[0].reason.includes("sk-admin-the-old-one"));
            assert.equal(api.requests.length, 0);
        });

        it("says what to do when refresh sends a key the API no longer accepts (the config stored in the state)", async () => {
            await host.configure(config());
            const created = await host.create((await host.check(news())).inputs);
            // The key was rotated: a new provider process is configured with the stored, old one.
            await ownHost({ OPENAI_ADMIN_KEY: "" });
            await host.configure({ "openai:adminApiKey": secretValue("sk-admin-rotated-away-0123"), "openai:baseUrl": api.baseUrl });
            const error = await rejectionOf(host.read(created.id, created.properties));
            assert.match(error.message, /HTTP 401/);
            assert.match(error.message, /without `--run-program` use the stack configuration stored in the state/);
            assert.match(error.message, /`pulumi config set --secret openai:adminApiKey`, which prompts for it\), then run `pulumi refresh --run-program` \(or `pulumi up` first/);
            assert.ok(!error.message.includes("sk-admin-rotated-away"));
        });

        it("fails Check with the typed error when the API cannot be read, never a pass", async () => {
            await host.configure(config());
            api.injectFault({ action: { kind: "status", status: 500 } });
            const { failures, inputs } = await host.check(news({ maxRetries: 0 }));
            assert.equal(failures.length, 1);
            assert.equal(failures[0].property, "", "no property named: the engine would print its value");
            assert.match(failures[0].reason, /^Could not read the certificate list/);
            assert.match(failures[0].reason, /server_error/);
            assert.equal(inputs.certificates, undefined);
        });

        it("fails Check naming every place when there is no key anywhere, openai:adminApiKey with the prompting command", async () => {
            await host.configure({ "openai:baseUrl": api.baseUrl });
            const { failures } = await host.check(news());
            assert.equal(failures.length, 1);
            assert.match(failures[0].reason, /missing_admin_key/);
            assert.match(failures[0].reason, /the Pulumi secret openai:adminApiKey \(`pulumi config set --secret openai:adminApiKey` prompts for it; openai:adminKey is read as an alias\)/);
            assert.match(failures[0].reason, /OPENAI_ADMIN_KEY/);
            assert.equal(api.requests.length, 0);
        });

        it("records the read error instead when onReadError is warn", async () => {
            await host.configure(config());
            api.injectFault({ action: { kind: "reflect-credentials" } });
            const { failures, inputs } = await host.check(news({ onReadError: "warn" }));
            assert.deepEqual(failures, []);
            assert.deepEqual(inputs.certificates, []);
            const readError = inputs.readError as { code: string; message: string };
            assert.equal(readError.code, "authentication_failed");
            assert.ok(!readError.message.includes(LEAK_CANARY_KEY));
        });

        it("refuses a bad input in Check, naming it", async () => {
            await host.configure(config());
            const { failures } = await host.check(news({ pageSize: 500 }));
            assert.equal(failures.length, 1);
            assert.deepEqual(failedArguments(failures), ["pageSize"]);
        });

        it("creates with the query's id, diffs only on data, and reads again on refresh", async () => {
            await host.configure(config());
            const checked = (await host.check(news())).inputs;
            const created = await host.create(checked);
            assert.equal(created.id, "organization");
            assert.equal((created.properties.certificates as unknown[]).length, 150);
            assert.ok(!JSON.stringify(created).includes(LEAK_CANARY_KEY));

            const same = (await host.check(news(), created.properties)).inputs;
            assert.equal((await host.diff(created.id, created.properties, same)).changes, DIFF.NONE);

            // A different provider code text with the same data is no change either.
            const otherCode = { ...same, __provider: providerText + "\n// a newer version of the provider" };
            assert.equal((await host.diff(created.id, created.properties, otherCode)).changes, DIFF.NONE);

            api.setState({ certificates: [...certificateSpecs(150), { id: "cert_new", name: "new", createdAt: NOW_SECONDS, expiresAt: NOW_SECONDS + DAY }] });
            const changed = (await host.check(news(), created.properties)).inputs;
            const diff = await host.diff(created.id, created.properties, changed);
            assert.equal(diff.changes, DIFF.SOME);
            assert.deepEqual(diff.replaces, [], "reading never replaces anything");

            const refreshed = await host.read(created.id, created.properties);
            assert.equal(refreshed.id, "organization");
            assert.equal((refreshed.properties.certificates as unknown[]).length, 151);

            await host.delete(created.id, refreshed.properties);
        });

        it("filters by name pattern and active flag", async () => {
            api.setState({
                certificates: [
                    { id: "cert_a", name: "gateway-eu", createdAt: 1 },
                    { id: "cert_b", name: "gateway-us", createdAt: 2, active: false },
                    { id: "cert_c", name: "batch", createdAt: 3 },
                ],
            });
            await host.configure(config());
            const { inputs } = await host.check(news({ namePattern: "gateway-*", activeOnly: true }));
            assert.deepEqual(
                (inputs.certificates as Array<{ id: string }>).map((c) => c.id),
                ["cert_a"],
            );
        });
    });
}

describe("the names stored stacks call (STORED_PROVIDER_CALLS)", () => {
    // The compiled entry, as a program inside this repository loads it; the package tier installs
    // the tarball, and package.test.ts resolves the same names from there.
    const entry = require(path.join(REPO_ROOT, "dist/provider/index.js")) as Record<string, unknown>;
    const resolve = (from: Record<string, unknown>, name: string) => name.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], from);

    it("each resolve to a function of the built /provider entry", () => {
        assert.ok(STORED_PROVIDER_CALLS.length >= 19);
        for (const { name } of STORED_PROVIDER_CALLS) assert.equal(typeof resolve(entry, name), "function", name);
    });

    it("are everything the serialized providers of this version call, so a new call cannot go unlisted", () => {
        const shim = fs.readFileSync(path.join(REPO_ROOT, "dist/provider/dynamic/serialized-providers.js"), "utf8");
        const called = [...shim.matchAll(/load\("(\w+)"\)(?:\.(\w+))?/g)].map((m) => (m[2] ? `${m[1]}.${m[2]}` : m[1]));
        assert.ok(called.length >= 18, `found the calls: ${called.join(", ")}`);
        const listed = new Set(STORED_PROVIDER_CALLS.map((c) => c.name));
        for (const name of called) assert.ok(listed.has(name), `${name} is called but not in STORED_PROVIDER_CALLS`);
    });

    it("checks inputs and makes ids from the compiled entry, without the network", async () => {
        const fallback = entry.dynamicOperations as typeof dynamicOperations;
        const { failures } = await fallback.checkCertificatesResource({ pageSize: 500 }, {});
        assert.deepEqual(failedArguments(failures), ["pageSize"]);
        assert.deepEqual(fallback.createCertificates({ projectId: "proj_a", certificates: [] }).id, "project/proj_a");
    });

    it("keeps checkCertificates, the name providers stored by 0.1.0 call, as the same check step", () => {
        assert.equal(dynamicOperations.checkCertificates, dynamicOperations.checkCertificatesResource);
    });
});

describe("the Certificates operations, called directly", function () {
    this.timeout(30_000);
    const api = useFakeApi();

    it("reads with a stack-config key that ends in a newline, as the library and the command do", async () => {
        api().setState({ certificates: certificateSpecs(3) });
        const { inputs, failures } = await dynamicOperations.checkCertificatesResource({}, { adminKey: `${LEAK_CANARY_KEY}\n`, baseUrl: api().baseUrl });
        assert.equal(failures, undefined);
        assert.equal((inputs.certificates as unknown[]).length, 3);
        assert.equal(api().requests[0].auth, "valid");
    });

    it("gives the refresh advice to providers stored by 0.1.0 too, which call read with { adminKey, baseUrl }", async () => {
        api().setState({ certificates: certificateSpecs(3) });
        const stored = (await dynamicOperations.checkCertificatesResource({}, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl })).inputs;
        const settings010 = { adminKey: "sk-admin-rotated-away-0123", baseUrl: api().baseUrl };
        const error = await rejectionOf(dynamicOperations.readCertificatesResource("organization", stored, settings010));
        assert.equal((error as { code?: string }).code, "authentication_failed");
        assert.match(error.message, /`pulumi refresh --run-program`/);
        // With onReadError: warn the refusal is recorded, advice included, instead of failing the refresh.
        const tolerated = await dynamicOperations.readCertificatesResource("organization", { ...stored, onReadError: "warn" }, settings010);
        const readError = tolerated.props.readError as { code: string; message: string };
        assert.equal(readError.code, "authentication_failed");
        assert.match(readError.message, /`pulumi refresh --run-program`/);
        assert.ok(!JSON.stringify(tolerated).includes("sk-admin-rotated-away"));
    });

    it("records a tolerated read error on one visible line: a server's message cannot add lines or escape sequences", async () => {
        api().injectFault({ action: { kind: "status", status: 400, body: { error: { message: "bad\n::error::from the server\x1b[0m", type: "invalid_request_error" } } } });
        const { inputs, failures } = await dynamicOperations.checkCertificatesResource({ onReadError: "warn" }, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        assert.equal(failures, undefined);
        const readError = inputs.readError as { code: string; message: string };
        assert.equal(readError.code, "bad_request");
        assertSafeForLogs(readError.message);
        assert.match(readError.message, /bad\\n::error::from the server\\x1b\[0m/);
    });
});

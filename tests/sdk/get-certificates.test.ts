import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AdminKeyConflictError, AuthenticationError, InvalidArgumentError, MissingAdminKeyError, getCertificateUsage, getCertificates, getCertificatesOutput } from "../../sdk";
import { LEAK_CANARY_KEY, assertNoKeyIn, certificateSpecs, rejectionOf, useFakeApi } from "../support/fixtures";

/** Resolves an Output's value outside a Pulumi program. */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => void resolve(v)));
}

/** Runs `fn` with these environment variables and Pulumi config, then restores both. */
async function withSettings<T>(env: Record<string, string | undefined>, config: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    const savedEnv = { ...process.env };
    const savedConfig = pulumi.runtime.allConfig();
    for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    pulumi.runtime.setAllConfig(config, Object.keys(config));
    try {
        return await fn();
    } finally {
        process.env = savedEnv;
        pulumi.runtime.setAllConfig(savedConfig);
    }
}

describe("getCertificates", () => {
    const api = useFakeApi(() => ({ seed: { certificates: certificateSpecs(120) } }));

    it("returns every certificate with the query's id and every argument echoed back, never the key", async () => {
        const result = await getCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl + "/", order: "asc", pageSize: 50 });
        assert.equal(result.id, "organization");
        assert.equal(result.baseUrl, api().baseUrl);
        assert.equal(result.order, "asc");
        assert.equal(result.pageSize, 50);
        assert.equal(result.maxRetries, 2);
        assert.equal(result.timeoutMs, 30_000);
        assert.equal(result.certificates.length, 120);
        assert.equal(api().requests.length, 3);
        assert.ok(!JSON.stringify(result).includes(LEAK_CANARY_KEY));
        assert.ok(!("adminKey" in result));
        // Plain JSON: survives a round trip unchanged (no Date, no undefined).
        assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    });

    it("reads project scope with the id project/<projectId>", async () => {
        api().setState({ certificates: certificateSpecs(2), projects: [{ id: "proj_abc", certificates: [{ id: "cert_00001" }] }] });
        const result = await getCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, projectId: "proj_abc" });
        assert.equal(result.id, "project/proj_abc");
        assert.equal(result.projectId, "proj_abc");
        assert.deepEqual(
            result.certificates.map((c) => c.id),
            ["cert_00001"],
        );
    });

    describe("credentials and base URL", () => {
        it("takes the key and base URL from the environment when no argument or config is set", async () => {
            await withSettings({ OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl }, {}, async () => {
                const result = await getCertificates();
                assert.equal(result.certificates.length, 120);
                assert.equal(api().requests[0].auth, "valid");
            });
        });

        it("prefers the Pulumi config openai:adminKey and openai:baseUrl over the environment", async () => {
            await withSettings(
                { OPENAI_ADMIN_KEY: "sk-admin-from-env-is-wrong", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" },
                { "openai:adminKey": LEAK_CANARY_KEY, "openai:baseUrl": api().baseUrl },
                async () => {
                    const result = await getCertificates();
                    assert.equal(result.baseUrl, api().baseUrl);
                    assert.equal(api().requests[0].auth, "valid");
                },
            );
        });

        it("prefers the argument over config and environment", async () => {
            await withSettings({ OPENAI_ADMIN_KEY: "sk-admin-from-env-is-wrong" }, { "openai:adminKey": "sk-admin-from-config-wrong" }, async () => {
                await getCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
                assert.equal(api().requests[0].auth, "valid");
            });
        });

        it("accepts a key with a trailing newline from the argument, the config or the environment", async () => {
            await getCertificates({ adminKey: `${LEAK_CANARY_KEY}\n`, baseUrl: api().baseUrl });
            await withSettings({ OPENAI_ADMIN_KEY: undefined }, { "openai:adminKey": `${LEAK_CANARY_KEY}\n` }, () => getCertificates({ baseUrl: api().baseUrl }));
            await withSettings({ OPENAI_ADMIN_KEY: `  ${LEAK_CANARY_KEY}\r\n` }, {}, () => getCertificates({ baseUrl: api().baseUrl }));
            assert.ok(api().requests.length >= 3);
            assert.deepEqual(new Set(api().requests.map((r) => r.auth)), new Set(["valid"]));
        });

        it("counts an argument or environment key that is only whitespace as not set, and says so", async () => {
            await withSettings({ OPENAI_ADMIN_KEY: "\n" }, {}, async () => {
                const error = await rejectionOf(getCertificates({ adminKey: " ", baseUrl: api().baseUrl }));
                assert.ok(error instanceof MissingAdminKeyError);
                assert.match(error.message, /empty or only whitespace counts as not set/);
                assert.equal(api().requests.length, 0);
            });
        });

        // `pulumi config set --secret openai:adminApiKey` with nothing on stdin stores an empty secret
        // and exits 0; the first preview then said missing_admin_key (issue 16).
        it("names the config key that is set but empty, and how to set it, instead of saying no key was found", async () => {
            for (const key of ["openai:adminApiKey", "openai:adminKey"]) {
                await withSettings({ OPENAI_ADMIN_KEY: undefined }, { [key]: "  " }, async () => {
                    const error = await rejectionOf(getCertificates({ baseUrl: api().baseUrl }));
                    assert.ok(error instanceof InvalidArgumentError, String(error));
                    assert.equal((error as InvalidArgumentError).argument, key);
                    assert.match(error.message, /is set in the stack config but empty/);
                    assert.match(error.message, /pulumi config set --secret openai:adminApiKey/);
                    assert.equal(api().requests.length, 0);
                });
            }
        });

        it("an empty config key is refused even when OPENAI_ADMIN_KEY is set, saying how to use the environment's key instead (issue 23, item 6)", async () => {
            await withSettings({ OPENAI_ADMIN_KEY: LEAK_CANARY_KEY }, { "openai:adminApiKey": "" }, async () => {
                const error = await rejectionOf(getCertificates({ baseUrl: api().baseUrl }));
                assert.ok(error instanceof InvalidArgumentError, String(error));
                assert.match(error.message, /so no other key is used in its place[\s\S]*to use OPENAI_ADMIN_KEY instead, remove it: `pulumi config rm openai:adminApiKey`/);
                assert.equal(api().requests.length, 0);
            });
        });

        it("names every place when no key is found, openai:adminApiKey with the prompting command, and sends nothing", async () => {
            await withSettings({ OPENAI_ADMIN_KEY: undefined }, {}, async () => {
                const error = await rejectionOf(getCertificates({ baseUrl: api().baseUrl }));
                assert.ok(error instanceof MissingAdminKeyError);
                assert.equal(error.code, "missing_admin_key");
                for (const place of ["`adminKey`", "openai:adminApiKey", "openai:adminKey", "OPENAI_ADMIN_KEY"]) assert.ok(error.message.includes(place), place);
                // The prompting form: a key typed on the command line ends up in shell history.
                assert.match(error.message, /`pulumi config set --secret openai:adminApiKey` prompts for it/);
                assert.equal(api().requests.length, 0);
            });
        });
    });

    describe("the official provider's config names (issue 11)", () => {
        const WRONG = "sk-admin-wrong-0123456789";

        it("reads openai:adminApiKey, before openai:adminKey and the environment", async () => {
            await withSettings({ OPENAI_ADMIN_KEY: WRONG }, { "openai:adminApiKey": LEAK_CANARY_KEY, "openai:baseUrl": api().baseUrl }, () => getCertificates());
            await withSettings({ OPENAI_ADMIN_KEY: WRONG }, { "openai:adminApiKey": `${LEAK_CANARY_KEY}\n`, "openai:adminKey": LEAK_CANARY_KEY, "openai:baseUrl": api().baseUrl }, () => getCertificates());
            // A blank openai:adminApiKey counts as not set: the alias is read next.
            await withSettings({ OPENAI_ADMIN_KEY: WRONG }, { "openai:adminApiKey": " ", "openai:adminKey": LEAK_CANARY_KEY, "openai:baseUrl": api().baseUrl }, () => getCertificates());
            assert.equal(api().requests.length, 6, "two pages each");
            assert.deepEqual(new Set(api().requests.map((r) => r.auth)), new Set(["valid"]));
        });

        it("refuses both config keys set to different keys, naming both keys and neither value, and sends nothing", async () => {
            await withSettings({ OPENAI_ADMIN_KEY: undefined }, { "openai:adminApiKey": LEAK_CANARY_KEY, "openai:adminKey": WRONG, "openai:baseUrl": api().baseUrl }, async () => {
                for (const read of [() => getCertificates(), () => getCertificateUsage()]) {
                    const error = await rejectionOf(read());
                    assert.ok(error instanceof AdminKeyConflictError, String(error));
                    assert.equal(error.code, "admin_key_conflict");
                    assert.deepEqual(error.places, ["openai:adminApiKey", "openai:adminKey"]);
                    assert.match(error.message, /openai:adminApiKey and in openai:adminKey/);
                    assertNoKeyIn(error);
                    assertNoKeyIn(error, WRONG);
                }
                assert.equal(api().requests.length, 0);
            });
        });

        it("does not consult the config when the key is an argument", async () => {
            await withSettings({}, { "openai:adminApiKey": WRONG, "openai:adminKey": "sk-admin-other-0123456789" }, () => getCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl }));
            assert.equal(api().requests[0].auth, "valid");
        });

        it("says where a Pulumi program's key comes from when the API refuses it", async () => {
            await withSettings({ OPENAI_ADMIN_KEY: undefined }, { "openai:adminApiKey": WRONG, "openai:baseUrl": api().baseUrl }, async () => {
                const error = await rejectionOf(getCertificates());
                assert.ok(error instanceof AuthenticationError);
                assert.equal(error.code, "authentication_failed");
                assert.equal(error.status, 401);
                assert.match(error.message, /HTTP 401.*Check the admin key \(`adminKey`, or the Pulumi secret openai:adminApiKey/);
                assertNoKeyIn(error, WRONG);
            });
        });
    });

    describe("argument checks", () => {
        const cases: Array<[string, Record<string, unknown>, string]> = [
            ["an unknown argument", { pagesize: 10 }, "pagesize"],
            ["pageSize above 100", { pageSize: 101 }, "pageSize"],
            ["a fractional pageSize", { pageSize: 2.5 }, "pageSize"],
            ["an unknown order", { order: "random" }, "order"],
            ["negative maxRetries", { maxRetries: -1 }, "maxRetries"],
            ["zero timeoutMs", { timeoutMs: 0 }, "timeoutMs"],
            ["a non-string baseUrl", { baseUrl: 42 }, "baseUrl"],
            ["an http baseUrl off loopback", { baseUrl: "http://api.example.com/v1" }, "baseUrl"],
            ["an empty projectId", { projectId: "" }, "projectId"],
        ];
        for (const [what, args, argument] of cases) {
            it(`refuses ${what} with InvalidArgumentError naming "${argument}"`, async () => {
                const error = await rejectionOf(getCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, ...args } as never));
                assert.ok(error instanceof InvalidArgumentError, String(error));
                assert.equal(error.argument, argument);
                assertNoKeyIn(error);
                assert.equal(api().requests.length, 0);
            });
        }
    });
});

describe("getCertificatesOutput", () => {
    const api = useFakeApi(() => ({
        seed: { certificates: certificateSpecs(3), projects: [{ id: "proj_abc", certificates: [{ id: "cert_00002" }] }] },
    }));

    it("takes pulumi Inputs and resolves to the same result as getCertificates", async () => {
        const output = getCertificatesOutput({
            adminKey: pulumi.secret(LEAK_CANARY_KEY),
            baseUrl: pulumi.output(api().baseUrl),
            projectId: Promise.resolve("proj_abc"),
        });
        const result = await valueOf(output);
        const direct = await getCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, projectId: "proj_abc" });
        assert.deepEqual(result, direct);
        assert.equal(result.id, "project/proj_abc");
    });

    it("does not mark the result secret because of the key, since the key is not in it", async () => {
        const output = getCertificatesOutput({ adminKey: pulumi.secret(LEAK_CANARY_KEY), baseUrl: api().baseUrl });
        assert.equal(await pulumi.isSecret(output), false);
        assert.equal((await valueOf(output)).certificates.length, 3);
    });
});

import { strict as assert } from "assert";
import { invalidArgument } from "../../support/fixtures";
import {
    DEFAULT_BASE_URL,
    DEFAULT_MAX_LIST_BYTES,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT_MS,
    isLoopbackHost,
    normalizeBaseUrl,
    resolveClientOptions,
} from "../../../provider/api/client-options";
import { DEFAULT_MAX_PAGES } from "../../../provider/api/cursor";
import { InvalidArgumentError, MissingAdminKeyError } from "../../../provider/api/errors";

const ADMIN_KEY = "sk-admin-test-0123456789abcdef";


describe("client options", () => {
    describe("resolveClientOptions", () => {
        it("applies every default when only adminKey is given", () => {
            const resolved = resolveClientOptions({ adminKey: ADMIN_KEY });
            assert.equal(resolved.adminKey, ADMIN_KEY);
            assert.equal(resolved.baseUrl, "https://api.openai.com/v1");
            assert.equal(resolved.maxRetries, 2);
            assert.equal(resolved.timeoutMs, 30_000);
            assert.equal(resolved.maxResponseBytes, 8 * 1024 * 1024);
            assert.equal(resolved.maxListBytes, 64 * 1024 * 1024);
            assert.equal(resolved.maxPages, 1000);
            assert.equal(resolved.signal, undefined);
            assert.equal(resolved.random, Math.random);
            assert.equal(resolved.now, Date.now);
            assert.equal(typeof resolved.sleep, "function");
        });

        it("exports the defaults it applies", () => {
            assert.equal(DEFAULT_BASE_URL, "https://api.openai.com/v1");
            assert.equal(DEFAULT_MAX_RETRIES, 2);
            assert.equal(DEFAULT_TIMEOUT_MS, 30_000);
            assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 8_388_608);
            assert.equal(DEFAULT_MAX_LIST_BYTES, 67_108_864);
            assert.equal(DEFAULT_MAX_PAGES, 1000);
        });

        it("keeps the values and injected functions it is given", () => {
            const random = (): number => 0.25;
            const now = (): number => 42;
            const sleep = async (): Promise<void> => undefined;
            const signal = new AbortController().signal;
            const resolved = resolveClientOptions({
                adminKey: ADMIN_KEY,
                baseUrl: "http://127.0.0.1:8080/v1/",
                maxRetries: 0,
                timeoutMs: 1,
                maxResponseBytes: 1024,
                maxListBytes: 2048,
                maxPages: 5,
                signal,
                sleep,
                random,
                now,
            });
            assert.equal(resolved.baseUrl, "http://127.0.0.1:8080/v1");
            assert.equal(resolved.maxRetries, 0);
            assert.equal(resolved.timeoutMs, 1);
            assert.equal(resolved.maxResponseBytes, 1024);
            assert.equal(resolved.maxListBytes, 2048);
            assert.equal(resolved.maxPages, 5);
            assert.equal(resolved.signal, signal);
            assert.equal(resolved.sleep, sleep);
            assert.equal(resolved.random, random);
            assert.equal(resolved.now, now);
        });

        it("accepts the bounds of maxRetries (0 to 10) and timeoutMs (1 to 600000)", () => {
            assert.equal(resolveClientOptions({ adminKey: ADMIN_KEY, maxRetries: 10 }).maxRetries, 10);
            assert.equal(resolveClientOptions({ adminKey: ADMIN_KEY, timeoutMs: 600_000 }).timeoutMs, 600_000);
        });

        const outOfRange: Array<[string, number | string]> = [
            ["maxRetries", -1],
            ["maxRetries", 11],
            ["maxRetries", 1.5],
            ["maxRetries", NaN],
            ["maxRetries", "3"],
            ["timeoutMs", 0],
            ["timeoutMs", 600_001],
            ["timeoutMs", -5],
            ["timeoutMs", Infinity],
            ["maxResponseBytes", 1023],
            ["maxListBytes", 1023],
            ["maxListBytes", 2 ** 40 + 1],
            ["maxListBytes", "64MiB"],
            ["maxPages", 0],
        ];
        for (const [argument, value] of outOfRange) {
            it(`refuses ${argument} = ${JSON.stringify(value) ?? String(value)}, naming ${argument}`, () => {
                assert.throws(
                    () => resolveClientOptions({ adminKey: ADMIN_KEY, [argument]: value as number }),
                    invalidArgument(argument),
                );
            });
        }

        it("refuses an empty admin key", () => {
            assert.throws(() => resolveClientOptions({ adminKey: "" }), invalidArgument("adminKey"));
            assert.throws(() => resolveClientOptions({ adminKey: "   " }), invalidArgument("adminKey"));
        });

        it("refuses an admin key that is not a string", () => {
            assert.throws(() => resolveClientOptions({ adminKey: 42 as unknown as string }), invalidArgument("adminKey"));
        });

        // getCertificates fell back to OPENAI_ADMIN_KEY and OPENAI_BASE_URL, iterateCertificates and
        // certificatePages did not (issue 16): one rule for every entry point.
        it("falls back to OPENAI_ADMIN_KEY and OPENAI_BASE_URL when no key or URL is given", () => {
            const saved = { key: process.env.OPENAI_ADMIN_KEY, url: process.env.OPENAI_BASE_URL };
            try {
                process.env.OPENAI_ADMIN_KEY = `${ADMIN_KEY}\n`;
                process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1";
                const resolved = resolveClientOptions({});
                assert.equal(resolved.adminKey, ADMIN_KEY);
                assert.equal(resolved.baseUrl, "http://127.0.0.1:9/v1");
                delete process.env.OPENAI_ADMIN_KEY;
                assert.throws(() => resolveClientOptions({}), (e: Error) => e instanceof MissingAdminKeyError);
            } finally {
                for (const [name, value] of [["OPENAI_ADMIN_KEY", saved.key], ["OPENAI_BASE_URL", saved.url]] as const) {
                    if (value === undefined) delete process.env[name];
                    else process.env[name] = value;
                }
            }
        });

        it("trims whitespace around the admin key", () => {
            assert.equal(resolveClientOptions({ adminKey: `  ${ADMIN_KEY}  ` }).adminKey, ADMIN_KEY);
        });

        // The command trimmed a key read with its trailing newline; the library refused it (issue 12).
        it("accepts a key with a trailing newline, as the command does", () => {
            assert.equal(resolveClientOptions({ adminKey: `${ADMIN_KEY}\n` }).adminKey, ADMIN_KEY);
            assert.equal(resolveClientOptions({ adminKey: `${ADMIN_KEY}\r\n` }).adminKey, ADMIN_KEY);
        });

        it("says a key that is only whitespace is empty", () => {
            assert.throws(() => resolveClientOptions({ adminKey: " \n" }), (e: unknown) => invalidArgument("adminKey")(e) && /is empty once the whitespace around it is dropped/.test((e as Error).message));
        });

        const brokenKeys: Array<[string, string]> = [
            ["a newline inside", "sk-admin-SECRETPART1\nSECRETPART2"],
            ["a carriage return inside", "sk-admin-SECRETPART1\r\nSECRETPART2"],
            ["a tab inside", "sk-admin-SECRETPART1\tSECRETPART2"],
            ["an escape character inside", "sk-admin-SECRETPART1\x1bSECRETPART2"],
            ["a non-ASCII character inside", "sk-admin-SECRETPART1éSECRETPART2"],
            ["a space inside", "sk-admin-SECRETPART1 SECRETPART2"],
        ];
        for (const [what, key] of brokenKeys) {
            it(`refuses an admin key with ${what}, without quoting the key`, () => {
                assert.throws(
                    () => resolveClientOptions({ adminKey: key }),
                    (e: unknown) =>
                        invalidArgument("adminKey")(e) &&
                        !(e as Error).message.includes("SECRETPART1") &&
                        !(e as Error).message.includes("SECRETPART2") &&
                        !(e as Error).message.includes("sk-admin") &&
                        !(e as Error).stack?.includes("SECRETPART1"),
                );
            });
        }

        it("checks baseUrl when resolving", () => {
            assert.throws(
                () => resolveClientOptions({ adminKey: ADMIN_KEY, baseUrl: "http://example.com/v1" }),
                invalidArgument("baseUrl"),
            );
        });
    });

    describe("normalizeBaseUrl", () => {
        for (const raw of ["sk-admin-SECRETPART1SECRETPART2", "https://u:sk-admin-SECRETPART1SECRETPART2@exa mple.com/v1"]) {
            it(`does not echo an unparseable value that may hold a key (regression): ${raw.slice(0, 12)}...`, () => {
                assert.throws(
                    () => normalizeBaseUrl(raw),
                    (e: unknown) => e instanceof InvalidArgumentError && e.argument === "baseUrl" && !e.message.includes("SECRETPART1") && !(e.stack ?? "").includes("SECRETPART1"),
                );
            });
        }

        it("strips a trailing slash", () => {
            assert.equal(normalizeBaseUrl("https://api.openai.com/v1/"), "https://api.openai.com/v1");
        });

        it("strips several trailing slashes", () => {
            assert.equal(normalizeBaseUrl("https://api.openai.com/v1///"), "https://api.openai.com/v1");
        });

        it("leaves a URL without a trailing slash as it is", () => {
            assert.equal(normalizeBaseUrl("https://api.openai.com/v1"), "https://api.openai.com/v1");
        });

        it("accepts https to any host, keeping the port", () => {
            assert.equal(normalizeBaseUrl("https://proxy.example.com:8443/openai/v1"), "https://proxy.example.com:8443/openai/v1");
        });

        const loopback = [
            ["http://127.0.0.1:4010/v1", "http://127.0.0.1:4010/v1"],
            ["http://127.8.9.10/v1/", "http://127.8.9.10/v1"],
            ["http://localhost:4010/v1", "http://localhost:4010/v1"],
            ["http://LOCALHOST/v1", "http://localhost/v1"],
            ["http://[::1]:4010/v1", "http://[::1]:4010/v1"],
        ];
        for (const [input, expected] of loopback) {
            it(`accepts plain http to loopback host ${input}`, () => {
                assert.equal(normalizeBaseUrl(input), expected);
            });
        }

        const remote = [
            "http://example.com/v1",
            "http://10.0.0.1",
            "http://192.168.1.1/v1",
            "http://api.openai.com/v1",
            "http://127.0.0.1.example.com/v1",
            "http://localhost.example.com/v1",
            "http://[::2]/v1",
        ];
        for (const input of remote) {
            it(`refuses plain http to non-loopback ${input}`, () => {
                assert.throws(
                    () => normalizeBaseUrl(input),
                    (e: unknown) => invalidArgument("baseUrl")(e) && (e as Error).message.includes("https://"),
                );
            });
        }

        it("refuses credentials in the URL, without quoting them", () => {
            assert.throws(
                () => normalizeBaseUrl("https://user:sk-admin-hunter2hunter2@api.openai.com/v1"),
                (e: unknown) => invalidArgument("baseUrl")(e) && !(e as Error).message.includes("hunter2"),
            );
            assert.throws(() => normalizeBaseUrl("https://sk-admin-abc@api.openai.com/v1"), invalidArgument("baseUrl"));
        });

        it("refuses protocols other than http and https", () => {
            assert.throws(() => normalizeBaseUrl("ftp://example.com/v1"), invalidArgument("baseUrl"));
            assert.throws(() => normalizeBaseUrl("file:///etc/passwd"), invalidArgument("baseUrl"));
        });

        it("refuses a query string or fragment", () => {
            assert.throws(() => normalizeBaseUrl("https://api.openai.com/v1?x=1"), invalidArgument("baseUrl"));
            assert.throws(() => normalizeBaseUrl("https://api.openai.com/v1#top"), invalidArgument("baseUrl"));
        });

        it("refuses text that is not a URL, and empty text", () => {
            assert.throws(() => normalizeBaseUrl("api.openai.com/v1"), invalidArgument("baseUrl"));
            assert.throws(() => normalizeBaseUrl(""), invalidArgument("baseUrl"));
            assert.throws(() => normalizeBaseUrl("  "), invalidArgument("baseUrl"));
        });
    });

    describe("isLoopbackHost", () => {
        it("knows loopback hosts as URL.hostname spells them", () => {
            for (const host of ["localhost", "127.0.0.1", "127.255.255.254", "[::1]", "::1", "app.localhost"]) {
                assert.equal(isLoopbackHost(host), true, host);
            }
        });

        it("knows hosts that are not loopback", () => {
            for (const host of ["example.com", "10.0.0.1", "128.0.0.1", "[::2]", "localhost.example.com", "0.0.0.0"]) {
                assert.equal(isLoopbackHost(host), false, host);
            }
        });
    });
});

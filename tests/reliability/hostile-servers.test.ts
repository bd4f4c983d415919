import { strict as assert } from "assert";
import { FaultAction, startFakeOpenAI } from "../../fake-api";
import {
    APIConnectionError,
    AuthenticationError,
    CredentialInResponseError,
    InternalServerError,
    InvalidArgumentError,
    ListTooLargeError,
    OpenAICertificatesError,
    PaginationError,
    RateLimitError,
    RedirectRefusedError,
    ResponseParseError,
    ResponseTooDeepError,
    ResponseTooLargeError,
    ResponseValidationError,
    RetryAfterTooLongError,
    listCertificateUsage,
    listCertificates,
} from "../../provider";
import { evaluateCertificateExpiry } from "../../sdk";
import { runNode } from "../support/processes";
import { DAY, LEAK_CANARY_KEY, NOW, NOW_SECONDS, assertNoKeyIn, certificateSpecs, fakeClock, rejectionOf, useFakeApi } from "../support/fixtures";

/**
 * A server that misbehaves in every way we could think of. Each case must end in a typed error
 * that never holds the key: never a hang, never a partial list, never a pass.
 */
describe("hostile servers", function () {
    this.timeout(30_000);
    const api = useFakeApi(() => ({ seed: { certificates: certificateSpecs(5) } }));
    const read = (extra: Record<string, unknown> = {}) => {
        const clock = fakeClock();
        return listCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, pageSize: 2, sleep: clock.sleep, now: clock.now, ...extra });
    };
    /** Reads through the fault and returns the typed error, checked for the key. */
    const failure = async (action: FaultAction, extra: Record<string, unknown> = {}) => {
        api().injectFault({ action });
        const error = await rejectionOf(read(extra));
        assert.ok(error instanceof OpenAICertificatesError, `not a typed error: ${error}`);
        assertNoKeyIn(error);
        return error;
    };
    const transform = (fn: (body: any) => unknown): FaultAction => ({ kind: "transform", transform: fn });
    /** A certificate as the wire has it. */
    const wire = (id: string, name = id) => ({ object: "organization.certificate", id, name, created_at: NOW_SECONDS, certificate_details: {}, active: true });

    it("an HTML error page with 502: InternalServerError that says the body was not JSON", async () => {
        const error = await failure({ kind: "raw", status: 502, contentType: "text/html", body: `<html><body>Bad gateway ${LEAK_CANARY_KEY}</body></html>` });
        assert.ok(error instanceof InternalServerError);
        assert.equal((error as InternalServerError).status, 502);
        assert.match(error.message, /non-JSON body \(text\/html/);
    });

    it("a content-type that claims JSON over an HTML body: ResponseParseError", async () => {
        const error = await failure({ kind: "raw", status: 200, contentType: "application/json", body: "<html>maintenance</html>" });
        assert.ok(error instanceof ResponseParseError);
    });

    it("a content-type that claims HTML over a valid JSON list: the body decides, and decodes", async () => {
        api().setState({ certificates: certificateSpecs(1) });
        const body = JSON.stringify({ object: "list", data: [], first_id: null, last_id: null, has_more: false });
        api().injectFault({ times: 1, action: { kind: "raw", status: 200, contentType: "text/html", body } });
        assert.deepEqual(await read(), []);
    });

    it("a truncated body: ResponseParseError", async () => {
        assert.ok((await failure({ kind: "truncated" })) instanceof ResponseParseError);
    });

    it("an oversized body: ResponseTooLargeError at the cap", async () => {
        const error = await failure({ kind: "oversize", bytes: 4 * 1024 * 1024 }, { maxResponseBytes: 64 * 1024 });
        assert.ok(error instanceof ResponseTooLargeError);
        assert.equal((error as ResponseTooLargeError).limitBytes, 64 * 1024);
    });

    it("a connection reset mid-body: APIConnectionError at once (regression: node-fetch 2 waited for the timeout)", async () => {
        // With a 20 s timeout the old behaviour would have ended in APITimeoutError; the type tells them apart.
        const error = await failure({ kind: "reset-mid-body" }, { timeoutMs: 20_000, maxRetries: 1 });
        assert.ok(error instanceof APIConnectionError);
        assert.equal(error.code, "connection_failed");
        assert.match(error.message, /closed before the whole response arrived/);
    });

    it("a 429 without Retry-After: backoff, then RateLimitError", async () => {
        const clock = fakeClock();
        api().injectFault({ action: { kind: "status", status: 429 } });
        const error = await rejectionOf(listCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, sleep: clock.sleep, now: clock.now, random: () => 0 }));
        assert.ok(error instanceof RateLimitError);
        assert.deepEqual(clock.waits, [500, 1000], "0.5 s then 1 s of backoff");
    });

    it("a Retry-After of an hour: fails fast", async () => {
        const error = await failure({ kind: "status", status: 503, headers: { "retry-after": "3600" } });
        assert.ok(error instanceof RetryAfterTooLongError);
        assert.equal(api().requests.length, 1);
    });

    it("x-should-retry: false on a 503: no retry", async () => {
        const error = await failure({ kind: "status", status: 503, headers: { "x-should-retry": "false" } });
        assert.ok(error instanceof InternalServerError);
        assert.equal(api().requests.length, 1);
    });

    for (const status of [301, 302, 307, 308]) {
        it(`a ${status} to another origin: RedirectRefusedError, and the other origin gets nothing`, async () => {
            const elsewhere = await startFakeOpenAI();
            try {
                const error = await failure({ kind: "redirect", status, location: `${elsewhere.baseUrl}/organization/certificates` });
                assert.ok(error instanceof RedirectRefusedError);
                assert.equal(elsewhere.requests.length, 0);
            } finally {
                await elsewhere.close();
            }
        });
    }

    it("duplicate ids across pages: PaginationError", async () => {
        const error = await failure(transform((body) => ({ ...body, data: body.data.map((c: object) => ({ ...c, id: "cert_same" })) })));
        assert.ok(error instanceof PaginationError);
        assert.equal(error.code, "pagination_duplicate_id");
    });

    it("has_more without last_id on a page with items: follows the last item's id, and returns everything", async () => {
        api().injectFault({ action: transform((body) => ({ ...body, last_id: undefined })) });
        assert.equal((await read()).length, 5);
    });

    it("has_more without last_id and without items: PaginationError", async () => {
        const error = await failure(transform((body) => ({ ...body, data: [], last_id: null, has_more: true })));
        assert.ok(error instanceof PaginationError);
        assert.equal(error.code, "pagination_empty_page");
    });

    const badFields: Array<[string, (c: any) => object, string]> = [
        ["an object type that does not belong", (c) => ({ ...c, object: "organization.project" }), "data.0.object"],
        ["a negative timestamp", (c) => ({ ...c, created_at: -5 }), "data.0.created_at"],
        ["a fractional timestamp", (c) => ({ ...c, certificate_details: { expires_at: 1_800_000_000.5 } }), "data.0.certificate_details.expires_at"],
        ["a timestamp in milliseconds", (c) => ({ ...c, certificate_details: { expires_at: 1_800_000_000_000 } }), "data.0.certificate_details.expires_at"],
        ["a null active flag", (c) => ({ ...c, active: null }), "data.0.active"],
    ];
    for (const [what, mutate, path] of badFields) {
        it(`${what}: ResponseValidationError naming ${path}`, async () => {
            const error = await failure(transform((body) => ({ ...body, data: body.data.map(mutate) })));
            assert.ok(error instanceof ResponseValidationError);
            assert.deepEqual(
                (error as ResponseValidationError).issues.map((i) => i.path),
                [path, "data.1." + path.slice("data.0.".length)],
            );
        });
    }

    describe("echoing the key into places no one redacts by habit (regression: only the error envelope was redacted)", () => {
        const echo: Array<[string, FaultAction, new (...args: never[]) => Error]> = [
            ["the content-type of a non-JSON 200", { kind: "raw", status: 200, contentType: `text/html; ${LEAK_CANARY_KEY}`, body: "<html>" }, ResponseParseError],
            ["the content-type of a non-JSON 502", { kind: "raw", status: 502, contentType: `text/html; Bearer ${LEAK_CANARY_KEY}`, body: "<html>" }, InternalServerError],
            // A key in a 2xx body is refused before any codec or cursor error could quote it (item 5).
            ["a field value that fails the schema", transform((body) => ({ ...body, object: LEAK_CANARY_KEY })), CredentialInResponseError],
            ["a certificate id delivered twice", transform((body) => ({ ...body, data: body.data.map((c: object) => ({ ...c, id: LEAK_CANARY_KEY })) })), CredentialInResponseError],
            ["the host of a cross-origin redirect", { kind: "redirect", status: 302, location: `https://${LEAK_CANARY_KEY.toLowerCase()}.example.com/v1/organization/certificates` }, RedirectRefusedError],
        ];
        for (const [where, action, type] of echo) {
            it(`in ${where}`, async () => {
                const error = await failure(action, { maxRetries: 0 });
                assert.ok(error instanceof type, `${error.name}: ${error.message}`);
                if (type !== CredentialInResponseError) assert.match(error.message, /\[REDACTED\]/);
            });
        }
    });

    describe("reflecting the key in other forms (issue 12, item 7; regression: a second line and base64 passed unchanged)", () => {
        for (const encoding of ["split", "base64", "url"] as const) {
            it(`a 401 that quotes the Authorization header ${encoding === "split" ? "across two lines" : `${encoding}-encoded`}: AuthenticationError without any fragment of the key`, async () => {
                const error = await failure({ kind: "reflect-credentials", encoding }, { maxRetries: 0 });
                assert.ok(error instanceof AuthenticationError, `${error.name}: ${error.message}`);
                assert.match(error.message, /\[REDACTED\]/);
            });
        }
    });

    describe("pages larger than the limit asked for (issue 12, item 9; regression: accepted, so a list had no bound)", () => {
        /**
         * Every page holds `size` certificates of its own, and says more follow for `morePages` pages.
         * Its cursor is a certificate the fake knows (the seed's `cert_0000N`), so the fake answers the
         * next page instead of refusing the cursor: a client that accepts big pages reads them all.
         */
        const inflate = (size: number, morePages: number): FaultAction => {
            let pages = 0;
            return transform(() => {
                pages += 1;
                const data = Array.from({ length: size }, (_, i) => wire(`cert_p${pages}_${i}`));
                return { object: "list", data, first_id: data[0].id, last_id: `cert_0000${pages - 1}`, has_more: pages <= morePages };
            });
        };

        it("one more item than asked for: PaginationError pagination_page_too_large at page 1, and no second request", async () => {
            const error = await failure(inflate(3, 0));
            assert.ok(error instanceof PaginationError, `${error.name}: ${error.message}`);
            assert.equal(error.code, "pagination_page_too_large");
            assert.equal((error as PaginationError).page, 1);
            assert.equal(api().requests.length, 1);
        });

        it("a project's list of the organization-wide view: the same error", async () => {
            api().setState({ certificates: certificateSpecs(2), projects: [{ id: "proj_a", certificates: [{ id: "cert_00000" }] }] });
            api().injectFault({ path: "/organization/projects/proj_a/", action: inflate(3, 0) });
            const error = await rejectionOf(listCertificateUsage({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, pageSize: 2 }));
            assert.ok(error instanceof PaginationError, `${error.name}: ${error.message}`);
            assert.equal(error.code, "pagination_page_too_large");
        });

        it("24,000 certificates a page with more to come: openai-certs exits 3 at the first page, not killed by a signal", async function () {
            this.timeout(120_000);
            api().injectFault({ path: "/organization/certificates", action: inflate(24_000, 1) });
            const env = { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl };
            for (const format of ["table", "json"]) {
                const run = await runNode(["dist/cli/main.js", "check", "--format", format, "--now", NOW.toISOString()], { env, timeoutMs: 100_000 });
                assert.equal(run.signal, null, `killed by ${run.signal}`);
                assert.equal(run.code, 3, run.stderr || run.stdout.slice(0, 500));
                assert.match(run.stderr, /^openai-certs: .*pagination_page_too_large/m);
                assertNoKeyIn([run.stdout, run.stderr]);
            }
        });
    });

    describe("lists bounded in bytes, not only in items (issue 20, item 12; regression: 1,000 pages of 8 MiB were accepted)", () => {
        /** Every certificate's name padded to `length` characters: a page of two weighs twice that. */
        const heavyNames = (length: number): FaultAction => transform((body) => ({ ...body, data: body.data.map((c: object) => ({ ...c, name: "x".repeat(length) })) }));

        it("pages that add up to more than maxListBytes: ListTooLargeError list_too_large, and the page past the bound is the last asked for", async () => {
            // Three pages of about 20 KB, 20 KB and 10 KB: the second one passes 32 KiB.
            const error = await failure(heavyNames(10_000), { maxListBytes: 32 * 1024 });
            assert.ok(error instanceof ListTooLargeError, `${error.name}: ${error.message}`);
            assert.equal(error.code, "list_too_large");
            assert.equal(error.limitBytes, 32 * 1024);
            assert.ok(error.bytesRead > 20_000 && error.bytesRead <= 32 * 1024, `bytesRead ${error.bytesRead}`);
            assert.equal(error.list, "GET /organization/certificates");
            assert.match(error.message, /option maxListBytes/);
            assert.equal(api().requests.length, 2, "no third page is asked for");
        });

        it("pages that add up to less than maxListBytes: the whole list", async () => {
            api().injectFault({ action: heavyNames(10_000) });
            assert.equal((await read({ maxListBytes: 64 * 1024 })).length, 5);
        });

        it("the organization-wide view: each project's list under the bound, all of them together over it: ListTooLargeError, and no further project is read", async () => {
            const projects = Array.from({ length: 8 }, (_, i) => ({ id: `proj_${i}`, certificates: [{ id: "cert_00000" }] }));
            api().setState({ certificates: certificateSpecs(2), projects });
            // One certificate of 12,000 characters a project: about 12 KB a list, 96 KB for the eight.
            api().injectFault({ path: "/organization/projects/", action: heavyNames(12_000) });
            const error = await rejectionOf(listCertificateUsage({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, maxListBytes: 32 * 1024, concurrency: 1 }));
            assert.ok(error instanceof ListTooLargeError, `${error.name}: ${error.message}`);
            assert.equal(error.list, "the organization-wide view");
            assert.equal(error.limitBytes, 32 * 1024);
            assertNoKeyIn(error);
            const projectLists = api().requestsTo("/organization/projects/").length;
            assert.ok(projectLists >= 2 && projectLists < 8, `${projectLists} project lists were read`);
        });

        it("pages of 7.9 MB with more to come: openai-certs exits 3 with list_too_large at the default 64 MiB, not killed for memory", async function () {
            this.timeout(120_000);
            // The cursor is a certificate the fake knows, so it keeps answering: 12 pages, 95 MB, if asked.
            api().setState({ certificates: certificateSpecs(20) });
            const name = "x".repeat(79_000);
            let pages = 0;
            api().injectFault({
                path: /^\/organization\/certificates$/,
                action: transform(() => {
                    pages += 1;
                    const data = Array.from({ length: 100 }, (_, i) => wire(`cert_p${pages}_${i}`, name));
                    return { object: "list", data, first_id: data[0].id, last_id: `cert_${String(pages).padStart(5, "0")}`, has_more: pages < 12 };
                }),
            });
            const env = { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl };
            const run = await runNode(["dist/cli/main.js", "check", "--format", "json", "--now", NOW.toISOString()], { env, timeoutMs: 100_000 });
            assert.equal(run.signal, null, `killed by ${run.signal}`);
            assert.equal(run.code, 3, run.stderr.slice(0, 500) || run.stdout.slice(0, 500));
            assert.match(run.stderr, /^openai-certs: .*list_too_large/m);
            assert.equal(pages, 9, "eight pages fit in 64 MiB, the ninth passes it, and no tenth is asked for");
            assertNoKeyIn([run.stdout, run.stderr]);
        });
    });

    describe("plain http to a name (issue 12, item 8; regression: *.localhost counted as loopback without being resolved)", () => {
        /** The fake's base URL with its address replaced by `host`. */
        const at = (host: string) => api().baseUrl.replace("127.0.0.1", host);
        /** A resolver that answers `first`, then `later` on every further call, and counts its calls. */
        const resolver = (first: string[], later: string[] = first) => {
            const calls: string[] = [];
            const lookup = async (hostname: string) => {
                calls.push(hostname);
                return (calls.length === 1 ? first : later).map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) }));
            };
            return { lookup, calls };
        };

        it("localhost, through the system resolver: reads the list", async () => {
            assert.equal((await read({ baseUrl: at("localhost") })).length, 5);
        });

        it("a *.localhost name that resolves to loopback: reads every page over the checked address, resolving once", async () => {
            // A second resolution would answer a non-loopback address; the client never asks again.
            const dns = resolver(["127.0.0.1"], ["192.0.2.1"]);
            assert.equal((await read({ baseUrl: at("certs.localhost"), lookup: dns.lookup })).length, 5);
            assert.deepEqual(dns.calls, ["certs.localhost"]);
            assert.equal(api().requests.length, 3, "three pages of two");
        });

        for (const addresses of [["10.20.30.40"], ["127.0.0.1", "192.0.2.1"]]) {
            it(`a *.localhost name that resolves to ${addresses.join(" and ")}: InvalidArgumentError about baseUrl, and nothing sent`, async () => {
                const error = await failure({ kind: "status", status: 500 }, { baseUrl: at("certs.localhost"), lookup: resolver(addresses).lookup, maxRetries: 0 });
                assert.ok(error instanceof InvalidArgumentError, `${error.name}: ${error.message}`);
                assert.equal((error as InvalidArgumentError).argument, "baseUrl");
                assert.equal(api().requests.length, 0);
            });
        }

        it("a *.localhost name that does not resolve: APIConnectionError, retried, and nothing sent", async () => {
            const lookup = async () => {
                throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.localhost"), { code: "ENOTFOUND" });
            };
            const error = await failure({ kind: "status", status: 500 }, { baseUrl: at("nowhere.localhost"), lookup, maxRetries: 1 });
            assert.ok(error instanceof APIConnectionError, `${error.name}: ${error.message}`);
            assert.equal(api().requests.length, 0);
        });
    });

    describe("project ids from the server that do not fit a path (issue 12, items 6 and 13)", () => {
        const usage = () => listCertificateUsage({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, maxRetries: 0 });
        const withProject = (id: string) => api().setState({ certificates: certificateSpecs(2), projects: [{ id, certificates: [{ id: "cert_00000" }] }] });

        // Regression: ".." read the organization's list as the project's, "." another endpoint.
        for (const id of ["..", ".", "proj a", "../../organization/certificates", "proj_a?limit=1"]) {
            it(`${JSON.stringify(id)}: ResponseValidationError about the project list, and no project's list is read`, async () => {
                withProject(id);
                const error = await rejectionOf(usage());
                assert.ok(error instanceof ResponseValidationError, `${error.name}: ${error.message}`);
                assert.match(error.message, /^Unexpected response from GET \/organization\/projects \(page 1\): data\.0\.id expected PathSafeId/);
                assert.deepEqual(api().requestsTo("/organization/projects/"), []);
            });
        }

        it("one that holds the key: refused without quoting it, and not blamed on an argument (regression: InvalidArgumentError quoted it)", async () => {
            withProject(` ${LEAK_CANARY_KEY}`);
            const error = await rejectionOf(usage());
            assert.ok(error instanceof OpenAICertificatesError && !(error instanceof InvalidArgumentError), `${error.name}: ${error.message}`);
            assert.doesNotMatch(error.message, /projectId|--project/);
            assertNoKeyIn(error);
        });
    });

    describe("reflecting the key into successful data (issue 12, item 5; regression: names and ids carried it into every output)", () => {
        for (const field of ["name", "id"] as const) {
            for (const encoding of ["plain", "base64", "url"] as const) {
                it(`into every certificate's ${field}, ${encoding}: CredentialInResponseError naming where, without the key`, async () => {
                    const error = await failure({ kind: "reflect-credentials-in-data", field, encoding }, { maxRetries: 0 });
                    assert.ok(error instanceof CredentialInResponseError, `${error.name}: ${error.message}`);
                    assert.equal(error.code, "credential_in_response");
                    assert.equal((error as CredentialInResponseError).path, `data.0.${field}`);
                });
            }
        }

        it("into project ids: the organization-wide view fails with CredentialInResponseError and reads no project", async () => {
            api().setState({ certificates: certificateSpecs(2), projects: [{ id: "proj_a", certificates: [{ id: "cert_00000" }] }] });
            api().injectFault({ path: /^\/organization\/projects$/, action: { kind: "reflect-credentials-in-data", field: "id" } });
            const error = await rejectionOf(listCertificateUsage({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, maxRetries: 0 }));
            assert.ok(error instanceof CredentialInResponseError, `${error.name}: ${error.message}`);
            assertNoKeyIn(error);
            assert.deepEqual(api().requestsTo("/organization/projects/"), [], "no project list was read");
        });

        it("a name that only looks like a key, or holds a few characters of ours, is kept", async () => {
            const names = ["sk-test-gateway-rotation", `gateway-${LEAK_CANARY_KEY.slice(-6)}`];
            api().setState({ certificates: names.map((name, i) => ({ id: `cert_${i}`, name, createdAt: NOW_SECONDS - i })) });
            assert.deepEqual((await read()).map((c) => c.name), names);
        });
    });

    describe("deeply nested JSON (issue 12, item 11; regression: a raw RangeError without a code)", () => {
        const deep = "[".repeat(200_000) + "]".repeat(200_000);
        const page = (name: string) =>
            `{"object":"list","has_more":false,"first_id":"cert_a","last_id":"cert_a","data":[{"object":"organization.certificate","id":"cert_a","name":${name},"created_at":1,"certificate_details":{},"active":true}]}`;

        it("in a certificate's name: ResponseTooDeepError", async () => {
            const error = await failure({ kind: "raw", status: 200, contentType: "application/json", body: page(deep) });
            assert.ok(error instanceof ResponseTooDeepError, `${error.name}: ${error.message}`);
            assert.equal(error.code, "response_too_deep");
        });

        it("as a whole item of the list: ResponseTooDeepError", async () => {
            const error = await failure({ kind: "raw", status: 200, contentType: "application/json", body: `{"object":"list","has_more":false,"data":[${deep}]}` });
            assert.ok(error instanceof ResponseTooDeepError, `${error.name}: ${error.message}`);
        });

        it("in an error body: the status's error, saying the body was too deep", async () => {
            const error = await failure({ kind: "raw", status: 401, contentType: "application/json", body: `{"error":{"message":${deep}}}` });
            assert.ok(error instanceof AuthenticationError, `${error.name}: ${error.message}`);
            assert.match(error.message, /nests more than 64 levels/);
        });
    });

    it("stops downloading a body past the size cap (regression: the socket kept the process alive)", async () => {
        const error = await failure({ kind: "endless", intervalMs: 2, chunkBytes: 8192 }, { maxResponseBytes: 16 * 1024, maxRetries: 0 });
        assert.ok(error instanceof ResponseTooLargeError);
        // The server sees the connection close: nothing is left in flight.
        for (let i = 0; i < 100 && api().concurrency.current > 0; i++) await new Promise((r) => setTimeout(r, 20));
        assert.equal(api().concurrency.current, 0, "the oversized download is still running");
    });

    it("expires_at before valid_at: read as sent, then flagged by the evaluation without crashing it", async () => {
        api().setState({ certificates: [{ id: "cert_odd", name: "odd", createdAt: NOW_SECONDS - 100, validAt: NOW_SECONDS + 40 * DAY, expiresAt: NOW_SECONDS + 35 * DAY }] });
        const certs = await read();
        const report = evaluateCertificateExpiry(certs, { now: NOW });
        assert.equal(report.findings[0].anomalies?.length, 1);
        assert.equal(report.passed, false, "active but not valid for 40 days");
    });
});

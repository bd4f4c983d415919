import { strict as assert } from "assert";
import { startFakeOpenAI } from "../../../fake-api";
import {
    APITimeoutError,
    AuthenticationError,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
    PaginationError,
    RedirectRefusedError,
    RequestAbortedError,
    ResponseParseError,
    ResponseTooLargeError,
    ResponseValidationError,
    RetryAfterTooLongError,
    certificatePages,
    iterateCertificates,
    listCertificates,
    listProjectCertificates,
} from "../../../provider";
import { LEAK_CANARY_KEY, assertNoKeyIn, certificateSpecs, fakeClock, recordingSleep, rejectionOf, useFakeApi } from "../../support/fixtures";

describe("listCertificates over loopback HTTP against the fake API", () => {
    const api = useFakeApi();
    const client = (extra: Record<string, unknown> = {}) => ({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, ...extra });

    for (const n of [0, 1, 100, 101, 250]) {
        for (const order of ["asc", "desc"] as const) {
            it(`returns all ${n} certificates exactly once in ${order} order with ceil(N/100) requests`, async () => {
                api().setState({ certificates: certificateSpecs(n) });
                const certs = await listCertificates(client({ order }));

                const expected = certificateSpecs(n).map((c) => c.id!);
                if (order === "desc") expected.reverse();
                assert.deepEqual(
                    certs.map((c) => c.id),
                    expected,
                );
                assert.equal(api().requests.length, Math.max(1, Math.ceil(n / 100)));
                assert.ok(api().requests.every((r) => r.query.limit === "100" && r.query.order === order));
            });
        }
    }

    it("follows last_id as the after cursor until has_more is false", async () => {
        api().setState({ certificates: certificateSpecs(20) });
        await listCertificates(client({ pageSize: 7, order: "asc" }));
        assert.deepEqual(
            api().requests.map((r) => r.query.after),
            [undefined, "cert_00006", "cert_00013"],
        );
    });

    it("falls back to the last item's id when last_id is null", async () => {
        api().setState({ certificates: certificateSpecs(5) });
        api().injectFault({ action: { kind: "transform", transform: (body) => ({ ...body, last_id: null }) } });
        const certs = await listCertificates(client({ pageSize: 2, order: "asc" }));
        assert.equal(certs.length, 5);
        assert.deepEqual(
            api().requests.map((r) => r.query.after),
            [undefined, "cert_00001", "cert_00003"],
        );
    });

    it("maps the wire format to camelCase certificates, keeping null names and missing expiries", async () => {
        api().setState({
            certificates: [
                { id: "cert_named", name: "gateway", createdAt: 1000, validAt: 1000, expiresAt: 2000, active: true },
                { id: "cert_anon", name: null, createdAt: 900, active: false },
            ],
        });
        api().state.certificates[1].validAt = undefined;
        api().injectFault({
            action: {
                kind: "transform",
                transform: (body) => ({ ...body, brand_new_field: 1, data: body.data.map((c: object) => ({ ...c, future_field: "x" })) }),
            },
        });
        const certs = await listCertificates(client());
        assert.deepEqual(certs, [
            { id: "cert_named", object: "organization.certificate", name: "gateway", active: true, createdAt: 1000, validAt: 1000, expiresAt: 2000 },
            { id: "cert_anon", object: "organization.certificate", name: null, active: false, createdAt: 900 },
        ]);
    });

    it("reads a project's list at its path, with the project-level active flag", async () => {
        api().setState({
            certificates: certificateSpecs(3),
            projects: [{ id: "proj_A-b", certificates: [{ id: "cert_00001", active: false }, { id: "cert_00002", active: true }] }],
        });
        const certs = await listProjectCertificates("proj_A-b", client({ order: "asc" }));
        assert.deepEqual(
            certs.map((c) => [c.id, c.active, c.object]),
            [
                ["cert_00001", false, "organization.project.certificate"],
                ["cert_00002", true, "organization.project.certificate"],
            ],
        );
        // Project ids are path-safe (letters, digits, "_" and "-"), so they go into the path as they are.
        assert.equal(api().requests[0].path, "/organization/projects/proj_A-b/certificates");
    });

    it("reports an unknown project as NotFoundError with the request id", async () => {
        const error = await rejectionOf(listProjectCertificates("proj_missing", client()));
        assert.ok(error instanceof NotFoundError);
        assert.equal(error.status, 404);
        assert.match(error.requestId ?? "", /^req_fake_/);
        assert.match(error.message, /proj_missing/);
    });

    it("streams pages and items, and stops requesting when the caller stops", async () => {
        api().setState({ certificates: certificateSpecs(30) });
        const sizes: number[] = [];
        for await (const page of certificatePages(client({ pageSize: 10 }))) sizes.push(page.items.length);
        assert.deepEqual(sizes, [10, 10, 10]);

        api().resetStats();
        let seen = 0;
        for await (const cert of iterateCertificates(client({ pageSize: 10 }))) {
            assert.ok(cert.id.startsWith("cert_"));
            if (++seen === 5) break;
        }
        assert.equal(api().requests.length, 1, "a consumer that breaks early costs one page");
    });

    describe("retries", () => {
        it("retries a 429 then a 500 and then succeeds with the whole list", async () => {
            api().setState({ certificates: certificateSpecs(150) });
            api().injectFault(
                { skip: 1, times: 1, action: { kind: "status", status: 429, headers: { "retry-after-ms": "5" } } },
                { skip: 2, times: 1, action: { kind: "status", status: 500 } },
            );
            const { sleep, now, waits } = fakeClock();
            const certs = await listCertificates(client({ sleep, now, random: () => 0 }));
            assert.equal(certs.length, 150);
            assert.equal(new Set(certs.map((c) => c.id)).size, 150);
            assert.deepEqual(
                api().requests.map((r) => r.status),
                [200, 429, 500, 200],
            );
            assert.deepEqual(waits, [5, 1000], "Retry-After honoured, then backoff for the second retry");
        });

        it("gives up after maxRetries with InternalServerError carrying status and request id", async () => {
            api().injectFault({ action: { kind: "status", status: 503 } });
            const { sleep } = recordingSleep();
            const error = await rejectionOf(listCertificates(client({ sleep, maxRetries: 2 })));
            assert.ok(error instanceof InternalServerError);
            assert.equal(error.status, 503);
            assert.equal(error.code, "server_error");
            assert.equal(error.requestId, "req_fake_3");
            assert.equal(api().requests.length, 3);
        });

        it("fails fast when Retry-After is longer than 60 seconds", async () => {
            api().injectFault({ action: { kind: "status", status: 429, headers: { "retry-after": "3600" } } });
            const { sleep, waits } = recordingSleep();
            const error = await rejectionOf(listCertificates(client({ sleep })));
            assert.ok(error instanceof RetryAfterTooLongError);
            assert.equal(error.retryAfterMs, 3_600_000);
            assert.equal(api().requests.length, 1);
            assert.deepEqual(waits, []);
        });

        it("obeys x-should-retry: false on a 500", async () => {
            api().injectFault({ times: 1, action: { kind: "status", status: 500, headers: { "x-should-retry": "false" } } });
            const error = await rejectionOf(listCertificates(client({ sleep: recordingSleep().sleep })));
            assert.ok(error instanceof InternalServerError);
            assert.equal(api().requests.length, 1);
        });

        it("obeys x-should-retry: true on a 400", async () => {
            api().injectFault({ times: 1, action: { kind: "status", status: 400, headers: { "x-should-retry": "true" } } });
            const certs = await listCertificates(client({ sleep: recordingSleep().sleep }));
            assert.deepEqual(certs, []);
            assert.equal(api().requests.length, 2);
        });

        it("retries a dropped connection", async () => {
            api().setState({ certificates: certificateSpecs(3) });
            api().injectFault({ times: 1, action: { kind: "drop" } });
            const certs = await listCertificates(client({ sleep: recordingSleep().sleep }));
            assert.equal(certs.length, 3);
            assert.equal(api().requests.length, 2);
        });

        it("times out a slow answer with APITimeoutError after its retries", async () => {
            api().injectFault({ action: { kind: "delay", ms: 400 } });
            const error = await rejectionOf(listCertificates(client({ timeoutMs: 50, maxRetries: 1, sleep: recordingSleep().sleep })));
            assert.ok(error instanceof APITimeoutError);
            assert.equal(error.timeoutMs, 50);
            assert.equal(api().requests.length, 2);
        });

        it("times out a body that trickles in slower than the timeout", async () => {
            api().setState({ certificates: certificateSpecs(3) });
            api().injectFault({ action: { kind: "trickle", intervalMs: 30, chunkBytes: 8 } });
            const error = await rejectionOf(listCertificates(client({ timeoutMs: 150, maxRetries: 0 })));
            assert.ok(error instanceof APITimeoutError);
        });

        it("stops at once when the caller aborts, without further retries", async () => {
            api().injectFault({ action: { kind: "delay", ms: 2000 } });
            const controller = new AbortController();
            setTimeout(() => controller.abort(), 50);
            const started = Date.now();
            const error = await rejectionOf(listCertificates(client({ signal: controller.signal })));
            assert.ok(error instanceof RequestAbortedError);
            assert.ok(Date.now() - started < 1500, "abort must not wait for the slow answer");
            assert.equal(api().requests.length, 1);
        });
    });

    describe("bad answers", () => {
        it("refuses a 401 with AuthenticationError and never shows the key", async () => {
            const error = await rejectionOf(listCertificates({ adminKey: "sk-admin-wrong-key-0123456789", baseUrl: api().baseUrl }));
            assert.ok(error instanceof AuthenticationError);
            assert.equal(error.apiCode, "invalid_api_key");
            assert.match(error.message, /OPENAI_ADMIN_KEY/);
            assertNoKeyIn(error, "sk-admin-wrong-key-0123456789");
        });

        it("restates a 401 with an entry point's own advice, keeping its class, data and frames (withAdvice)", async () => {
            const error = await rejectionOf(listCertificates({ adminKey: "sk-admin-wrong-key-0123456789", baseUrl: api().baseUrl }));
            assert.ok(error instanceof AuthenticationError);
            const restated = error.withAdvice("Check OPENAI_ADMIN_KEY");
            assert.ok(restated instanceof AuthenticationError);
            assert.equal(restated.code, "authentication_failed");
            assert.equal(restated.status, 401);
            assert.equal(restated.requestId, error.requestId);
            assert.equal(restated.apiCode, "invalid_api_key");
            assert.match(restated.message, /^OpenAI API returned HTTP 401 for GET \/organization\/certificates \(page 1\).*\. Check OPENAI_ADMIN_KEY$/);
            assert.doesNotMatch(restated.message, /certificate endpoints need/, "the generic advice is replaced, not repeated");
            assert.equal(restated.stack?.split("\n").slice(1).join("\n"), error.stack?.split("\n").slice(1).join("\n"));
            assertNoKeyIn(restated, "sk-admin-wrong-key-0123456789");
        });

        it("redacts credentials that the server reflects back in its error body", async () => {
            api().injectFault({ action: { kind: "reflect-credentials" } });
            const error = await rejectionOf(listCertificates(client()));
            assert.ok(error instanceof AuthenticationError);
            assert.match(error.message, /\[REDACTED\]/);
            assertNoKeyIn(error);
        });

        it("refuses a cursor that comes back on a later page", async () => {
            api().setState({ certificates: certificateSpecs(10) });
            api().injectFault({ skip: 1, action: { kind: "transform", transform: (body) => ({ ...body, last_id: "cert_00001" }) } });
            const error = await rejectionOf(listCertificates(client({ pageSize: 2, order: "asc" })));
            assert.ok(error instanceof PaginationError);
            assert.equal(error.code, "pagination_cursor_repeated");
            assert.equal(error.page, 2);
        });

        it("refuses has_more on an empty page", async () => {
            api().injectFault({ action: { kind: "transform", transform: (body) => ({ ...body, has_more: true }) } });
            const error = await rejectionOf(listCertificates(client()));
            assert.ok(error instanceof PaginationError);
            assert.equal(error.code, "pagination_empty_page");
        });

        it("refuses an id delivered twice", async () => {
            api().setState({ certificates: certificateSpecs(4) });
            api().injectFault({
                skip: 1,
                action: { kind: "transform", transform: (body) => ({ ...body, data: [{ ...body.data[0], id: "cert_00000" }, ...body.data.slice(1)] }) },
            });
            const error = await rejectionOf(listCertificates(client({ pageSize: 2, order: "asc" })));
            assert.ok(error instanceof PaginationError);
            assert.equal(error.code, "pagination_duplicate_id");
        });

        it("stops at maxPages with a typed error, never a short list", async () => {
            api().setState({ certificates: certificateSpecs(10) });
            const error = await rejectionOf(listCertificates(client({ pageSize: 2, maxPages: 3 })));
            assert.ok(error instanceof PaginationError);
            assert.equal(error.code, "pagination_page_limit");
            assert.equal(api().requests.length, 3);
        });

        it("names the field path and page when a field has the wrong type", async () => {
            api().setState({ certificates: certificateSpecs(3) });
            api().injectFault({
                skip: 1,
                action: { kind: "transform", transform: (body) => ({ ...body, data: [{ ...body.data[0], created_at: "yesterday" }] }) },
            });
            const error = await rejectionOf(listCertificates(client({ pageSize: 1 })));
            assert.ok(error instanceof ResponseValidationError);
            assert.deepEqual(
                error.issues.map((i) => i.path),
                ["data.0.created_at"],
            );
            assert.match(error.message, /page 2/);
        });

        it("reports truncated JSON as ResponseParseError", async () => {
            api().injectFault({ action: { kind: "truncated" } });
            const error = await rejectionOf(listCertificates(client()));
            assert.ok(error instanceof ResponseParseError);
            assert.equal(error.contentType, "application/json");
            assert.match(error.message, /page 1/);
        });

        it("reports an HTML page answered with 200 as ResponseParseError without quoting a reflected key", async () => {
            api().injectFault({ action: { kind: "raw", body: `<html>Bearer ${LEAK_CANARY_KEY}</html>` } });
            const error = await rejectionOf(listCertificates(client()));
            assert.ok(error instanceof ResponseParseError);
            assertNoKeyIn(error);
        });

        it("caps the response body size", async () => {
            api().injectFault({ action: { kind: "oversize", bytes: 64 * 1024 } });
            const error = await rejectionOf(listCertificates(client({ maxResponseBytes: 16 * 1024 })));
            assert.ok(error instanceof ResponseTooLargeError);
            assert.equal(error.limitBytes, 16 * 1024);
        });

        it("does not follow a redirect to another origin, so the key never reaches it", async () => {
            const elsewhere = await startFakeOpenAI();
            try {
                api().injectFault({ action: { kind: "redirect", status: 307, location: `${elsewhere.baseUrl}/organization/certificates` } });
                const error = await rejectionOf(listCertificates(client()));
                assert.ok(error instanceof RedirectRefusedError);
                assert.equal(error.targetOrigin, new URL(elsewhere.baseUrl).origin);
                assert.equal(elsewhere.requests.length, 0);
            } finally {
                await elsewhere.close();
            }
        });

        it("follows a same-origin redirect", async () => {
            api().setState({ certificates: certificateSpecs(2) });
            api().injectFault({ times: 1, action: { kind: "redirect", status: 308, location: "/v1/organization/certificates?limit=100&order=desc" } });
            const certs = await listCertificates(client());
            assert.equal(certs.length, 2);
        });
    });

    describe("arguments", () => {
        it("refuses plain http to a non-loopback host before sending anything", async () => {
            const error = await rejectionOf(listCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: "http://example.com/v1" }));
            assert.ok(error instanceof InvalidArgumentError);
            assert.equal(error.argument, "baseUrl");
        });

        for (const [name, value] of [
            ["pageSize", 0],
            ["pageSize", 101],
            ["order", "newest"],
            ["projectId", ""],
        ] as const) {
            it(`refuses ${name}=${JSON.stringify(value)} with InvalidArgumentError and sends nothing`, async () => {
                const error = await rejectionOf(listCertificates({ ...client(), [name]: value }));
                assert.ok(error instanceof InvalidArgumentError);
                assert.equal(error.argument, name);
                assert.equal(api().requests.length, 0);
            });
        }
    });
});

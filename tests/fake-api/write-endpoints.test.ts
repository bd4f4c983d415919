import { strict as assert } from "assert";
import * as http from "http";
import { X509Certificate } from "crypto";
import { FAKE_API_LIMITS, FakeOpenAI, FaultAction, startFakeOpenAI } from "../../fake-api";
import { HOUR, LEAK_CANARY_KEY, NOW_SECONDS, assertNoKeyIn, namedCertificate, useFakeApi } from "../support/fixtures";
import { TestCertificate, testCertificate, testCertificateChain } from "../support/test-certificates";

/** The fake's clock for uploads: one hour after the fixtures' NOW, so uploads sort after the seed. */
const UPLOAD_TIME = NOW_SECONDS + HOUR;

interface Reply {
    status: number;
    body: any;
    headers: Headers;
}

/** One request over loopback HTTP, with the fake's key unless `key` says otherwise (null: no key). */
async function call(api: FakeOpenAI, method: string, path: string, body?: unknown, key: string | null = api.adminKey): Promise<Reply> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (key !== null) headers.authorization = `Bearer ${key}`;
    const response = await fetch(`${api.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Asserts an answer is the API's error envelope with this status (and param, when given). */
function assertError(reply: Reply, status: number, param?: string | null, message?: RegExp): void {
    assert.equal(reply.status, status, JSON.stringify(reply.body));
    const error = reply.body?.error;
    assert.ok(error, `no error envelope: ${JSON.stringify(reply.body)}`);
    assert.deepEqual(Object.keys(error).sort(), ["code", "message", "param", "type"]);
    assert.equal(typeof error.message, "string");
    // The API types a 429 and a 5xx on their own; every other refusal is an invalid request.
    if (status < 500 && status !== 429) assert.equal(error.type, "invalid_request_error");
    if (param !== undefined) assert.equal(error.param, param);
    if (message) assert.match(error.message, message);
}

/** The whole served state, to show a refused request changed nothing. */
function snapshot(api: FakeOpenAI): string {
    return JSON.stringify(api.state);
}

async function listAll(api: FakeOpenAI, path: string): Promise<any[]> {
    const reply = await call(api, "GET", `${path}?limit=100`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.data;
}

async function upload(api: FakeOpenAI, pem: string, name?: string): Promise<any> {
    const reply = await call(api, "POST", "/organization/certificates", name === undefined ? { certificate: pem } : { certificate: pem, name });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body;
}

/** A raw request, for bodies fetch will not send as they are. */
function rawRequest(api: FakeOpenAI, options: { method: string; path: string; headers?: Record<string, string>; write: (req: http.ClientRequest) => void }): Promise<Reply> {
    const url = new URL(`${api.baseUrl}${options.path}`);
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method: options.method, headers: { authorization: `Bearer ${api.adminKey}`, ...options.headers } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")), headers: new Headers() }));
            res.on("error", reject);
        });
        req.on("error", reject);
        options.write(req);
    });
}

describe("the fake API's write endpoints", () => {
    let valid: TestCertificate;
    let expiringSoon: TestCertificate;
    let expired: TestCertificate;
    let notYetValid: TestCertificate;
    before(async () => {
        valid = await testCertificate({ subjectCN: "gateway", now: NOW_SECONDS, validFrom: "-30d", expiresIn: "300d" });
        expiringSoon = await testCertificate({ subjectCN: "edge", now: NOW_SECONDS, expiresIn: "5d" });
        expired = await testCertificate({ subjectCN: "old", now: NOW_SECONDS, validFrom: "-400d", expiresIn: "-3d" });
        notYetValid = await testCertificate({ subjectCN: "future", now: NOW_SECONDS, validFrom: "2d", expiresIn: "90d" });
    });

    const api = useFakeApi(() => ({
        clock: () => UPLOAD_TIME,
        seed: {
            certificates: [namedCertificate("seeded", 60), namedCertificate("seeded-inactive", 90, { active: false })],
            projects: [{ id: "proj_payments", certificates: [{ id: "cert_seeded_inactive", active: true }] }, { id: "proj_empty" }],
        },
    }));

    describe("POST /organization/certificates (upload)", () => {
        it("stores the certificate inactive, with valid_at and expires_at read from the PEM and created_at from the server clock", async () => {
            const reply = await call(api(), "POST", "/organization/certificates", { certificate: valid.pem, name: "gateway" });
            assert.equal(reply.status, 200, JSON.stringify(reply.body));
            assert.deepEqual(Object.keys(reply.body).sort(), ["certificate_details", "created_at", "id", "name", "object"]);
            assert.equal(reply.body.object, "certificate");
            assert.match(reply.body.id, /^cert_/);
            assert.equal(reply.body.name, "gateway");
            assert.equal(reply.body.created_at, UPLOAD_TIME);
            assert.deepEqual(reply.body.certificate_details, { valid_at: valid.validAt, expires_at: valid.expiresAt });

            const listed = (await listAll(api(), "/organization/certificates")).find((c) => c.id === reply.body.id);
            assert.equal(listed?.active, false, "an upload does not activate");
            assert.equal(listed?.object, "organization.certificate");
        });

        it("reads the times of soon-expiring and not yet valid certificates as they are: judging them is the gate's work", async () => {
            for (const cert of [expiringSoon, notYetValid]) {
                const body = await upload(api(), cert.pem);
                assert.deepEqual(body.certificate_details, { valid_at: cert.validAt, expires_at: cert.expiresAt }, cert.subjectCN);
            }
        });

        it("refuses what OpenAI's mutual TLS refuses: expired or expiring within a day, a client certificate, a CA without its key usage or key identifiers (issue 20, item 5)", async () => {
            const refused: Array<[TestCertificate, RegExp]> = [
                [expired, /expires within a day/],
                [await testCertificate({ now: NOW_SECONDS, expiresIn: "20h" }), /expires within a day/],
                [await testCertificate({ kind: "client", now: NOW_SECONDS }), /not a CA certificate[\s\S]*issuing CA certificate/],
                [await testCertificate({ now: NOW_SECONDS, without: ["keyUsage"] }), /lacks the key usage keyCertSign and cRLSign/],
                [await testCertificate({ now: NOW_SECONDS, without: ["subjectKeyIdentifier"] }), /Subject Key Identifier/],
                [await testCertificate({ now: NOW_SECONDS, without: ["authorityKeyIdentifier"] }), /Authority Key Identifier/],
            ];
            for (const [cert, message] of refused) {
                const before = snapshot(api());
                assertError(await call(api(), "POST", "/organization/certificates", { certificate: cert.pem }), 400, "certificate", message);
                assert.equal(snapshot(api()), before);
            }
            const large = `${"an explanatory line\n".repeat(1000)}${valid.pem}`;
            assertError(await call(api(), "POST", "/organization/certificates", { certificate: large }), 400, "certificate", /under 16 KB/);
        });

        it("names the certificate null when the upload gives no name", async () => {
            assert.equal((await upload(api(), valid.pem)).name, null);
        });

        const refusals: Array<[string, () => unknown, string | null, RegExp]> = [
            ["a body that is not JSON", () => "{certificate:", null, /not valid JSON/],
            ["an empty body", () => "", null, /empty/],
            ["a JSON array", () => [valid.pem], null, /JSON object/],
            ["a missing certificate", () => ({ name: "x" }), "certificate", /Missing required parameter: 'certificate'/],
            ["a certificate that is not a string", () => ({ certificate: 42 }), "certificate", /expected a string/],
            ["a name that is not a string", () => ({ certificate: valid.pem, name: ["x"] }), "name", /expected a string/],
            ["an unknown field", () => ({ certificate: valid.pem, nmae: "x" }), "nmae", /Unrecognized request argument supplied: nmae/],
            ["text with no PEM block", () => ({ certificate: "hello" }), "certificate", /not a PEM certificate/],
            ["a PEM block that does not parse", () => ({ certificate: "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n" }), "certificate", /could not be read as an X\.509 certificate/],
            ["a private key", () => ({ certificate: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }), "certificate", /key material/],
            ["a private key beside the certificate", () => ({ certificate: `${valid.pem}-----BEGIN private key-----\nAAAA\n-----END private key-----\n` }), "certificate", /key material/],
        ];
        for (const [what, body, param, message] of refusals) {
            it(`refuses ${what} with a 400 in the error envelope, storing nothing`, async () => {
                const before = snapshot(api());
                assertError(await call(api(), "POST", "/organization/certificates", body()), 400, param, message);
                assert.equal(snapshot(api()), before);
            });
        }

        it("refuses a PEM with a chain of two certificates, which X509Certificate alone would read as its first", async () => {
            const chain = await testCertificateChain({ subjectCN: "gateway", issuerCN: "Test CA", now: NOW_SECONDS });
            assert.equal(chain.pem.match(/BEGIN CERTIFICATE/g)?.length, 2);
            const before = snapshot(api());
            assertError(await call(api(), "POST", "/organization/certificates", { certificate: chain.pem }), 400, "certificate", /2 certificates/);
            assert.equal(snapshot(api()), before);
            // The issuing CA alone is the upload OpenAI takes; the leaf (a client certificate) is not.
            assert.equal((await upload(api(), chain.issuer.pem)).certificate_details.expires_at, chain.issuer.expiresAt);
            assertError(await call(api(), "POST", "/organization/certificates", { certificate: chain.leaf.pem }), 400, "certificate", /not a CA certificate/);
        });

        it(`refuses an upload beyond ${FAKE_API_LIMITS.certificatesPerOrganization} certificates in the organization`, async () => {
            const room = FAKE_API_LIMITS.certificatesPerOrganization - api().state.certificates.length;
            for (let i = 0; i < room; i++) await upload(api(), valid.pem, `n${i}`);
            assert.equal(api().state.certificates.length, 50);
            assertError(await call(api(), "POST", "/organization/certificates", { certificate: valid.pem }), 400, null, /50 certificates/);
            assert.equal(api().state.certificates.length, 50);
        });
    });

    describe("GET /organization/certificates/{id}", () => {
        it("answers the certificate object without active, and with the uploaded PEM for include[]=content or include=content", async () => {
            const { id } = await upload(api(), valid.pem, "gateway");
            const plain = await call(api(), "GET", `/organization/certificates/${id}`);
            assert.equal(plain.status, 200);
            assert.equal(plain.body.object, "certificate");
            assert.equal("active" in plain.body, false);
            assert.equal("content" in plain.body.certificate_details, false);
            for (const query of ["include[]=content", "include=content", "include%5B%5D=content"]) {
                const withContent = await call(api(), "GET", `/organization/certificates/${id}?${query}`);
                assert.equal(withContent.body.certificate_details.content, valid.pem, query);
                assert.equal(new X509Certificate(withContent.body.certificate_details.content).fingerprint256, valid.fingerprint256);
            }
        });

        it("answers a real certificate for a seeded one, minted with its dates, and the same one every time", async () => {
            const reply = await call(api(), "GET", "/organization/certificates/cert_seeded?include[]=content");
            assert.equal(reply.status, 200);
            const parsed = new X509Certificate(reply.body.certificate_details.content);
            assert.equal(Date.parse(parsed.validTo) / 1000, reply.body.certificate_details.expires_at);
            assert.equal(Date.parse(parsed.validFrom) / 1000, reply.body.certificate_details.valid_at);
            const again = await call(api(), "GET", "/organization/certificates/cert_seeded?include[]=content");
            assert.equal(again.body.certificate_details.content, reply.body.certificate_details.content);
        });

        it("answers 404 in the envelope for an unknown id", async () => {
            assertError(await call(api(), "GET", "/organization/certificates/cert_nope"), 404, "certificate_id", /cert_nope/);
        });
    });

    describe("POST /organization/certificates/{id} (modify)", () => {
        it("renames the certificate, and the lists show the new name", async () => {
            const { id } = await upload(api(), valid.pem, "before");
            const reply = await call(api(), "POST", `/organization/certificates/${id}`, { name: "after" });
            assert.equal(reply.status, 200);
            assert.equal(reply.body.object, "certificate");
            assert.equal(reply.body.name, "after");
            assert.deepEqual(reply.body.certificate_details, { valid_at: valid.validAt, expires_at: valid.expiresAt });
            assert.equal((await listAll(api(), "/organization/certificates")).find((c) => c.id === id).name, "after");
            assert.equal((await call(api(), "GET", `/organization/certificates/${id}`)).body.name, "after");
        });

        it("renames a seeded certificate and leaves it unchanged for an empty body object", async () => {
            assert.equal((await call(api(), "POST", "/organization/certificates/cert_seeded", { name: "renamed" })).body.name, "renamed");
            assert.equal((await call(api(), "POST", "/organization/certificates/cert_seeded", {})).body.name, "renamed");
        });

        it("answers 404 for an unknown id and 400 for a name that is not a string or a body that is not JSON", async () => {
            const before = snapshot(api());
            assertError(await call(api(), "POST", "/organization/certificates/cert_nope", { name: "x" }), 404, "certificate_id");
            assertError(await call(api(), "POST", "/organization/certificates/cert_seeded", { name: 7 }), 400, "name");
            assertError(await call(api(), "POST", "/organization/certificates/cert_seeded", { name: null }), 400, "name");
            assertError(await call(api(), "POST", "/organization/certificates/cert_seeded", "name=x"), 400, null, /not valid JSON/);
            assert.equal(snapshot(api()), before);
        });
    });

    describe("DELETE /organization/certificates/{id}", () => {
        it("deletes an inactive certificate: certificate.deleted, then 404 and gone from the list", async () => {
            const { id } = await upload(api(), valid.pem);
            const reply = await call(api(), "DELETE", `/organization/certificates/${id}`);
            assert.equal(reply.status, 200);
            assert.deepEqual(reply.body, { object: "certificate.deleted", id });
            assertError(await call(api(), "GET", `/organization/certificates/${id}`), 404);
            assert.equal((await listAll(api(), "/organization/certificates")).some((c) => c.id === id), false);
            assertError(await call(api(), "DELETE", `/organization/certificates/${id}`), 404, "certificate_id");
        });

        it("refuses while the certificate is active for the organization, saying where", async () => {
            const before = snapshot(api());
            assertError(await call(api(), "DELETE", "/organization/certificates/cert_seeded"), 400, "certificate_id", /active for the organization; deactivate it/);
            assert.equal(snapshot(api()), before);
        });

        it("refuses while the certificate is active in a project, naming the project; deletes once it is inactive everywhere", async () => {
            const refused = await call(api(), "DELETE", "/organization/certificates/cert_seeded_inactive");
            assertError(refused, 400, "certificate_id", /active for project proj_payments/);

            const { id } = await upload(api(), valid.pem);
            await call(api(), "POST", "/organization/certificates/activate", { certificate_ids: [id] });
            await call(api(), "POST", "/organization/projects/proj_empty/certificates/activate", { certificate_ids: [id] });
            assertError(await call(api(), "DELETE", `/organization/certificates/${id}`), 400, "certificate_id", /the organization and project proj_empty/);

            await call(api(), "POST", "/organization/certificates/deactivate", { certificate_ids: [id] });
            assertError(await call(api(), "DELETE", `/organization/certificates/${id}`), 400, "certificate_id", /project proj_empty/);
            await call(api(), "POST", "/organization/projects/proj_empty/certificates/deactivate", { certificate_ids: [id] });
            assert.equal((await call(api(), "DELETE", `/organization/certificates/${id}`)).status, 200);
            assert.deepEqual(await listAll(api(), "/organization/projects/proj_empty/certificates"), [], "the project no longer lists it");
        });
    });

    describe("activation and deactivation", () => {
        it("activates and deactivates at the organization, answering organization.certificate objects; the list follows", async () => {
            const a = await upload(api(), valid.pem, "a");
            const b = await upload(api(), expiringSoon.pem, "b");
            const on = await call(api(), "POST", "/organization/certificates/activate", { certificate_ids: [a.id, b.id] });
            assert.equal(on.status, 200);
            assert.equal(on.body.object, "organization.certificate.activation");
            assert.deepEqual(
                on.body.data.map((c: any) => [c.object, c.id, c.name, c.active, c.created_at, c.certificate_details]),
                [
                    ["organization.certificate", a.id, "a", true, UPLOAD_TIME, a.certificate_details],
                    ["organization.certificate", b.id, "b", true, UPLOAD_TIME, b.certificate_details],
                ],
            );
            const listed = await listAll(api(), "/organization/certificates");
            assert.deepEqual(listed.filter((c) => [a.id, b.id].includes(c.id)).map((c) => c.active), [true, true]);

            const off = await call(api(), "POST", "/organization/certificates/deactivate", { certificate_ids: [a.id] });
            assert.equal(off.body.object, "organization.certificate.deactivation");
            assert.deepEqual(off.body.data.map((c: any) => [c.id, c.active]), [[a.id, false]]);
            const after = await listAll(api(), "/organization/certificates");
            assert.equal(after.find((c) => c.id === a.id).active, false);
            assert.equal(after.find((c) => c.id === b.id).active, true);
        });

        it("activates in one project only: the project's list shows it active, other scopes are untouched", async () => {
            const { id } = await upload(api(), valid.pem);
            const on = await call(api(), "POST", "/organization/projects/proj_empty/certificates/activate", { certificate_ids: [id] });
            assert.equal(on.status, 200);
            assert.equal(on.body.object, "organization.project.certificate.activation");
            assert.deepEqual(on.body.data.map((c: any) => [c.object, c.id, c.active]), [["organization.project.certificate", id, true]]);
            assert.deepEqual((await listAll(api(), "/organization/projects/proj_empty/certificates")).map((c) => [c.id, c.active]), [[id, true]]);
            assert.equal((await listAll(api(), "/organization/projects/proj_payments/certificates")).some((c) => c.id === id), false);
            assert.equal((await listAll(api(), "/organization/certificates")).find((c) => c.id === id).active, false);

            const off = await call(api(), "POST", "/organization/projects/proj_empty/certificates/deactivate", { certificate_ids: [id] });
            assert.equal(off.body.object, "organization.project.certificate.deactivation");
            assert.deepEqual(off.body.data.map((c: any) => [c.id, c.active]), [[id, false]]);
            assert.deepEqual((await listAll(api(), "/organization/projects/proj_empty/certificates")).map((c) => [c.id, c.active]), [[id, false]]);
        });

        it("deactivates the seeded project certificate and leaves a never-attached one unattached", async () => {
            const off = await call(api(), "POST", "/organization/projects/proj_payments/certificates/deactivate", { certificate_ids: ["cert_seeded_inactive", "cert_seeded"] });
            assert.equal(off.status, 200);
            assert.deepEqual(off.body.data.map((c: any) => [c.id, c.active]), [["cert_seeded_inactive", false], ["cert_seeded", false]]);
            assert.deepEqual((await listAll(api(), "/organization/projects/proj_payments/certificates")).map((c) => [c.id, c.active]), [["cert_seeded_inactive", false]]);
        });

        it("is idempotent: the same activation twice answers the same and changes nothing more; a repeated id counts once", async () => {
            const { id } = await upload(api(), valid.pem);
            const first = await call(api(), "POST", "/organization/certificates/activate", { certificate_ids: [id, id] });
            const state = snapshot(api());
            const second = await call(api(), "POST", "/organization/certificates/activate", { certificate_ids: [id] });
            assert.deepEqual(second.body, first.body);
            assert.equal(first.body.data.length, 1);
            assert.equal(snapshot(api()), state);
            const project = await call(api(), "POST", "/organization/projects/proj_payments/certificates/activate", { certificate_ids: ["cert_seeded_inactive"] });
            assert.deepEqual(project.body.data.map((c: any) => c.active), [true]);
            const off1 = await call(api(), "POST", "/organization/certificates/deactivate", { certificate_ids: [id] });
            const off2 = await call(api(), "POST", "/organization/certificates/deactivate", { certificate_ids: [id] });
            assert.deepEqual(off2.body, off1.body);
        });

        for (const path of ["/organization/certificates/activate", "/organization/certificates/deactivate", "/organization/projects/proj_payments/certificates/activate", "/organization/projects/proj_payments/certificates/deactivate"]) {
            it(`is atomic on ${path}: one unknown id refuses all with a 404 and changes nothing`, async () => {
                const { id } = await upload(api(), valid.pem);
                const before = snapshot(api());
                const reply = await call(api(), "POST", path, { certificate_ids: [id, "cert_seeded", "cert_unknown", "cert_inactive"] });
                assertError(reply, 404, "certificate_ids", /'cert_unknown', 'cert_inactive'; nothing was changed/);
                assert.equal(snapshot(api()), before);
            });

            it(`refuses 0 ids, ${FAKE_API_LIMITS.certificateIdsPerRequest + 1} ids and ids that are not strings on ${path}, and takes ${FAKE_API_LIMITS.certificateIdsPerRequest}`, async () => {
                const before = snapshot(api());
                const eleven = Array.from({ length: FAKE_API_LIMITS.certificateIdsPerRequest + 1 }, () => "cert_seeded");
                assertError(await call(api(), "POST", path, { certificate_ids: [] }), 400, "certificate_ids", /1 to 10 certificate ids, got 0/);
                assertError(await call(api(), "POST", path, { certificate_ids: eleven }), 400, "certificate_ids", /got 11/);
                assertError(await call(api(), "POST", path, { certificate_ids: "cert_seeded" }), 400, "certificate_ids", /array/);
                assertError(await call(api(), "POST", path, { certificate_ids: ["cert_seeded", 3] }), 400, "certificate_ids[1]");
                assertError(await call(api(), "POST", path, {}), 400, "certificate_ids", /Missing required parameter/);
                assertError(await call(api(), "POST", path, "not json"), 400, null, /not valid JSON/);
                assert.equal(snapshot(api()), before);
                const ten = (await call(api(), "POST", path, { certificate_ids: eleven.slice(1) })).status;
                assert.equal(ten, 200);
            });
        }

        it("answers 404 for an unknown project, changing nothing", async () => {
            const before = snapshot(api());
            for (const verb of ["activate", "deactivate"]) {
                assertError(await call(api(), "POST", `/organization/projects/proj_nope/certificates/${verb}`, { certificate_ids: ["cert_seeded"] }), 404, "project_id", /proj_nope/);
            }
            assert.equal(snapshot(api()), before);
        });
    });

    describe("what every write route shares with the reads", () => {
        const writes: Array<[string, string, unknown]> = [
            ["POST", "/organization/certificates", { certificate: "x" }],
            ["POST", "/organization/certificates/cert_seeded", { name: "x" }],
            ["DELETE", "/organization/certificates/cert_seeded_inactive", undefined],
            ["POST", "/organization/certificates/activate", { certificate_ids: ["cert_seeded_inactive"] }],
            ["POST", "/organization/certificates/deactivate", { certificate_ids: ["cert_seeded"] }],
            ["POST", "/organization/projects/proj_payments/certificates/activate", { certificate_ids: ["cert_seeded"] }],
            ["POST", "/organization/projects/proj_payments/certificates/deactivate", { certificate_ids: ["cert_seeded_inactive"] }],
        ];

        it("refuses a missing or wrong key with 401 on every write route, changing nothing, and never echoes the key", async () => {
            const before = snapshot(api());
            for (const [method, path, body] of writes) {
                assertError(await call(api(), method, path, body, null), 401, null, /didn't provide an API key/);
                const wrong = await call(api(), method, path, body, "sk-admin-wrong-key-123456");
                assertError(wrong, 401);
                assert.equal(wrong.body.error.code, "invalid_api_key");
            }
            assert.equal(snapshot(api()), before);
            assert.deepEqual([...new Set(api().requests.map((r) => r.auth))].sort(), ["invalid", "missing"]);
            assertNoKeyIn(api().requests);
        });

        it("answers 405 for a method a path does not take, and 404 for a path it does not have", async () => {
            assertError(await call(api(), "PUT", "/organization/certificates", {}), 405, null, /takes GET, POST/);
            assertError(await call(api(), "DELETE", "/organization/certificates/activate/now"), 404, null, /Unknown path/);
            assertError(await call(api(), "PATCH", "/organization/projects/proj_payments/certificates/activate", {}), 405, null, /takes POST/);
        });

        it("records each write with its method and JSON body, and never the key", async () => {
            const { id } = await upload(api(), valid.pem, "recorded");
            await call(api(), "POST", "/organization/certificates/activate", { certificate_ids: [id] });
            await call(api(), "POST", "/organization/certificates", "{broken");
            assert.deepEqual(
                api().requests.map((r) => [r.method, r.path, r.status, r.auth]),
                [
                    ["POST", "/organization/certificates", 200, "valid"],
                    ["POST", "/organization/certificates/activate", 200, "valid"],
                    ["POST", "/organization/certificates", 400, "valid"],
                ],
            );
            assert.deepEqual(api().requests[0].body, { certificate: valid.pem, name: "recorded" });
            assert.deepEqual(api().requests[1].body, { certificate_ids: [id] });
            assert.equal(api().requests[2].body, undefined);
            assertNoKeyIn(api().requests);
        });

        it(`answers 413 for a body over ${FAKE_API_LIMITS.requestBodyBytes} bytes, declared or streamed, then serves the next request`, async () => {
            const huge = JSON.stringify({ certificate: "x".repeat(FAKE_API_LIMITS.requestBodyBytes + 10) });
            assertError(await call(api(), "POST", "/organization/certificates", huge), 413, null, /larger than 1048576 bytes/);
            const chunked = await rawRequest(api(), {
                method: "POST",
                path: "/organization/certificates/activate",
                headers: { "content-type": "application/json" },
                write: (req) => {
                    // No content-length: the fake finds the size while reading.
                    for (let i = 0; i < 20; i++) req.write("x".repeat(100_000));
                    req.end();
                },
            });
            assertError(chunked, 413);
            const before = snapshot(api());
            assert.equal((await call(api(), "GET", "/organization/certificates")).status, 200);
            assert.equal(snapshot(api()), before);
        });

        it("keeps serving after a client hangs up in the middle of a body, and records no body for it", async () => {
            await new Promise<void>((resolve) => {
                const req = http.request(`${api().baseUrl}/organization/certificates`, {
                    method: "POST",
                    headers: { authorization: `Bearer ${api().adminKey}`, "content-length": "1000" },
                });
                req.on("error", () => resolve());
                req.write('{"certificate":', () => setTimeout(() => req.destroy(), 20));
            });
            assert.equal((await call(api(), "GET", "/organization/certificates")).status, 200);
            assert.equal(api().requests[0].body, undefined);
        });
    });

    describe("latency and faults on write routes", () => {
        it("adds the configured latency to writes", async () => {
            const slow = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, latencyMs: 150, clock: () => UPLOAD_TIME });
            try {
                const started = Date.now();
                const reply = await call(slow, "POST", "/organization/certificates", { certificate: valid.pem });
                assert.equal(reply.status, 200);
                assert.ok(Date.now() - started >= 140, `answered in ${Date.now() - started} ms`);
            } finally {
                await slow.close();
            }
        });

        it("a fault that answers in the API's place (429 on POST only) stores nothing; reads beside it are served; the retry stores once", async () => {
            api().injectFault({ method: "post", path: "/organization/certificates", times: 1, action: { kind: "status", status: 429, headers: { "retry-after": "1" } } });
            const before = snapshot(api());
            assert.equal((await call(api(), "GET", "/organization/certificates")).status, 200, "the fault is for POST only");
            const limited = await call(api(), "POST", "/organization/certificates", { certificate: valid.pem });
            assertError(limited, 429);
            assert.equal(limited.body.error.type, "rate_limit_exceeded");
            assert.equal(limited.headers.get("retry-after"), "1");
            assert.equal(snapshot(api()), before);
            await upload(api(), valid.pem);
            assert.equal(api().state.certificates.length, 3);
        });

        it("a dropped connection on an activation leaves the state as it was", async () => {
            api().injectFault({ path: "/organization/certificates/activate", times: 1, action: { kind: "drop" } });
            const before = snapshot(api());
            await assert.rejects(call(api(), "POST", "/organization/certificates/activate", { certificate_ids: ["cert_seeded_inactive"] }));
            assert.equal(snapshot(api()), before);
        });

        it("faults that let the request through (delay, transform) apply the write", async () => {
            api().injectFault(
                { method: "POST", path: /^\/organization\/certificates$/, times: 1, action: { kind: "delay", ms: 50 } },
                { method: "POST", path: "/organization/certificates/cert_seeded", times: 1, action: { kind: "transform", transform: (body) => ({ ...body, name: 12 }) } },
            );
            const started = Date.now();
            const uploaded = await upload(api(), valid.pem, "delayed");
            assert.ok(Date.now() - started >= 45);
            assert.ok(api().state.certificates.some((c) => c.id === uploaded.id));
            const renamed = await call(api(), "POST", "/organization/certificates/cert_seeded", { name: "real" });
            assert.equal(renamed.body.name, 12, "the client saw the transformed body");
            assert.equal(api().state.certificates.find((c) => c.id === "cert_seeded")?.name, "real", "the write happened");
        });

        it("answers a fault kind it does not know (from JavaScript) with a 500, never a hang", async () => {
            api().injectFault({ times: 1, action: { kind: "no-such-kind" } as unknown as FaultAction });
            const reply = await call(api(), "POST", "/organization/certificates/activate", { certificate_ids: ["cert_seeded"] });
            assertError(reply, 500, null, /no answer for the fault kind "no-such-kind"/);
        });
    });
});

import { strict as assert } from "assert";
import { X509Certificate } from "crypto";
import OpenAI from "openai";
import { listCertificates } from "../../provider";
import { LEAK_CANARY_KEY, NOW_SECONDS, certificateSpecs, useFakeApi } from "../support/fixtures";
import { TestCertificate, testCertificate, testCertificateChain } from "../support/test-certificates";

/**
 * The official openai SDK is an independent client: if it walks our fake and sees exactly what our
 * client sees, the fake speaks the API's dialect (paths, auth header, cursor, envelope).
 */
describe("the fake API, read by the official openai SDK", () => {
    const api = useFakeApi(() => ({
        seed: {
            certificates: certificateSpecs(57),
            projects: [{ id: "proj_shared", certificates: certificateSpecs(23).map((c, i) => ({ id: c.id!, active: i % 2 === 0 })) }],
        },
    }));
    const sdk = () => new OpenAI({ adminAPIKey: LEAK_CANARY_KEY, apiKey: null, baseURL: api().baseUrl, maxRetries: 0 });

    for (const order of ["asc", "desc"] as const) {
        it(`lists the organization's certificates exactly as our client does (${order}, default page size)`, async () => {
            const theirs = [];
            for await (const cert of sdk().admin.organization.certificates.list({ order })) theirs.push(cert);
            const sdkRequests = api().requests.length;
            const ours = await listCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, order });

            assert.equal(theirs.length, 57);
            assert.deepEqual(
                theirs.map((c) => [c.id, c.name, c.active, c.created_at, c.certificate_details.expires_at]),
                ours.map((c) => [c.id, c.name, c.active, c.createdAt, c.expiresAt]),
            );
            assert.equal(sdkRequests, Math.ceil(57 / 20), "the SDK's default page size is the API's 20");
        });
    }

    it("lists a project's certificates exactly as our client does", async () => {
        const theirs = [];
        for await (const cert of sdk().admin.organization.projects.certificates.list("proj_shared", { limit: 5 })) theirs.push(cert);
        const ours = await listCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, projectId: "proj_shared" });
        assert.equal(theirs.length, 23);
        assert.deepEqual(
            theirs.map((c) => [c.id, c.active, c.object]),
            ours.map((c) => [c.id, c.active, c.object]),
        );
    });

    it("retrieves one certificate with its content", async () => {
        const cert = await sdk().admin.organization.certificates.retrieve("cert_00003", { include: ["content"] });
        assert.equal(cert.id, "cert_00003");
        assert.equal(cert.object, "certificate");
        // A real certificate, minted for the seed: its dates are the seed's, as the list gives them.
        const parsed = new X509Certificate(cert.certificate_details.content ?? "");
        assert.equal(Date.parse(parsed.validTo) / 1000, cert.certificate_details.expires_at);
        assert.equal(parsed.subject, "CN=cert-3");
    });

    it("lists projects, leaving archived ones out unless asked", async () => {
        api().setState({ projects: [{ id: "proj_live" }, { id: "proj_old", archived: true }] });
        const live = [];
        for await (const p of sdk().admin.organization.projects.list()) live.push(p.id);
        const all = [];
        for await (const p of sdk().admin.organization.projects.list({ include_archived: true })) all.push(p.id);
        assert.deepEqual(live, ["proj_live"]);
        assert.deepEqual(all.sort(), ["proj_live", "proj_old"]);
    });

    it("answers a wrong key with the API's 401 error envelope, which the SDK understands", async () => {
        const client = new OpenAI({ adminAPIKey: "sk-admin-not-the-right-one", apiKey: null, baseURL: api().baseUrl, maxRetries: 0 });
        await assert.rejects(
            async () => {
                for await (const cert of client.admin.organization.certificates.list()) void cert;
            },
            (e: unknown) => e instanceof OpenAI.AuthenticationError && e.status === 401 && e.code === "invalid_api_key",
        );
    });
});

/**
 * The write endpoints through the SDK's own admin certificate methods (create, retrieve, update,
 * activate, deactivate, delete at both scopes): the SDK builds the paths, bodies and query (its
 * `include` array) as the real API expects them, so if our fake answers it, the fake took the
 * real wire format.
 */
describe("the fake API's write endpoints, driven by the official openai SDK", () => {
    let cert: TestCertificate;
    before(async () => {
        cert = await testCertificate({ subjectCN: "sdk-gateway", now: NOW_SECONDS, expiresIn: "45d" });
    });
    // The certificate's dates count from the fixed fixture clock, and so does the server's upload check.
    const api = useFakeApi(() => ({ clock: () => NOW_SECONDS, seed: { projects: [{ id: "proj_payments" }] } }));
    const sdk = () => new OpenAI({ adminAPIKey: LEAK_CANARY_KEY, apiKey: null, baseURL: api().baseUrl, maxRetries: 0 });
    const certificates = () => sdk().admin.organization.certificates;
    const projectCertificates = () => sdk().admin.organization.projects.certificates;

    it("uploads, retrieves with content, renames, activates at both scopes, deactivates and deletes", async () => {
        const created = await certificates().create({ certificate: cert.pem, name: "sdk" });
        assert.equal(created.object, "certificate");
        assert.deepEqual(created.certificate_details, { valid_at: cert.validAt, expires_at: cert.expiresAt });

        const retrieved = await certificates().retrieve(created.id, { include: ["content"] });
        assert.equal(retrieved.certificate_details.content, cert.pem);
        assert.equal(retrieved.active, undefined);

        assert.equal((await certificates().update(created.id, { name: "sdk-renamed" })).name, "sdk-renamed");

        const activated = [];
        for await (const c of certificates().activate({ certificate_ids: [created.id] })) activated.push(c);
        assert.deepEqual(activated.map((c) => [c.object, c.id, c.active, c.name]), [["organization.certificate", created.id, true, "sdk-renamed"]]);
        const inProject = [];
        for await (const c of projectCertificates().activate("proj_payments", { certificate_ids: [created.id] })) inProject.push(c);
        assert.deepEqual(inProject.map((c) => [c.object, c.active]), [["organization.project.certificate", true]]);

        const listed = [];
        for await (const c of certificates().list()) listed.push(c);
        assert.deepEqual(listed.map((c) => [c.id, c.active]), [[created.id, true]]);
        const projectListed = [];
        for await (const c of projectCertificates().list("proj_payments")) projectListed.push(c);
        assert.deepEqual(projectListed.map((c) => [c.id, c.active]), [[created.id, true]]);

        await assert.rejects(certificates().delete(created.id), (e: unknown) => e instanceof OpenAI.BadRequestError && /active for the organization and project proj_payments/.test(e.message));
        const page = await certificates().deactivate({ certificate_ids: [created.id] });
        assert.equal((page as unknown as { object: string }).object, "organization.certificate.deactivation");
        assert.deepEqual(page.data.map((c) => c.active), [false]);
        for await (const c of projectCertificates().deactivate("proj_payments", { certificate_ids: [created.id] })) assert.equal(c.active, false);

        assert.deepEqual(await certificates().delete(created.id), { object: "certificate.deleted", id: created.id });
        await assert.rejects(certificates().retrieve(created.id), (e: unknown) => e instanceof OpenAI.NotFoundError && e.param === "certificate_id");
    });

    it("gets the refusals as the SDK's typed errors: a chain is a BadRequestError, an unknown id a NotFoundError, an oversized body a 413", async () => {
        const chain = await testCertificateChain({ now: NOW_SECONDS });
        await assert.rejects(certificates().create({ certificate: chain.pem }), (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "certificate");
        await assert.rejects(
            certificates().activate({ certificate_ids: ["cert_nope"] }),
            (e: unknown) => e instanceof OpenAI.NotFoundError && e.param === "certificate_ids",
        );
        await assert.rejects(
            projectCertificates().activate("proj_nope", { certificate_ids: ["cert_nope"] }),
            (e: unknown) => e instanceof OpenAI.NotFoundError && e.param === "project_id",
        );
        await assert.rejects(
            certificates().create({ certificate: "x".repeat(2 * 1024 * 1024) }),
            (e: unknown) => e instanceof OpenAI.APIError && e.status === 413 && e.code === "request_too_large",
        );
        assert.deepEqual(api().state.certificates, []);
    });
});

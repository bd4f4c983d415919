import { strict as assert } from "assert";
import OpenAI from "openai";
import { listCertificates } from "../../provider";
import { LEAK_CANARY_KEY, certificateSpecs, useFakeApi } from "../support/fixtures";

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
        assert.match(cert.certificate_details.content ?? "", /BEGIN CERTIFICATE/);
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

import { strict as assert } from "assert";
import {
    AuthenticationError,
    CertificateMismatchError,
    CertificateStillActiveError,
    MissingAdminKeyError,
    createCertificatesClient,
} from "../../../provider/api";
import { certificateActivationOperations as activations, certificateOperations as certificates } from "../../../provider";
import { UNKNOWN } from "../../../provider/dynamic/list-inputs";
import { activationId, parseActivationId } from "../../../provider/dynamic/activation-inputs";
import { LEAK_CANARY_KEY, assertNoKeyIn, failedArguments, rejectionOf, useFakeApi } from "../../support/fixtures";
import { testCertificate } from "../../support/test-certificates";

describe("the Certificate resource's operations", () => {
    describe("check: the PEM is judged before anything is sent", () => {
        it("adds what the PEM says to the checked inputs, so that preview shows it", async () => {
            const made = await testCertificate({ subjectCN: "gateway", expiresIn: "90d" });
            const { inputs, failures } = certificates.checkCertificateResource({}, { certificate: made.pem, name: "gateway" });
            assert.equal(failures, undefined);
            assert.deepEqual(inputs, { certificate: made.pem, name: "gateway", fingerprintSha256: made.fingerprint256, subject: "CN=gateway", issuer: "CN=gateway", validAt: made.validAt, expiresAt: made.expiresAt });
        });

        it("refuses an expired PEM, and one expiring within minRemainingValidity (14 days unless told)", async () => {
            const expired = await testCertificate({ subjectCN: "old", validFrom: "-90d", expiresIn: "-2d" });
            const expiredCheck = certificates.checkCertificateResource({}, { certificate: expired.pem });
            assert.deepEqual(failedArguments(expiredCheck.failures), ["certificate"]);
            assert.match(expiredCheck.failures![0].reason, /"CN=old" expired on .*, 2 days ago: nothing was uploaded/);

            const soon = await testCertificate({ subjectCN: "soon", expiresIn: "5d" });
            const soonCheck = certificates.checkCertificateResource({}, { certificate: soon.pem });
            assert.match(soonCheck.failures![0].reason, /expires on .*, in 4 days 23 hours|in 5 days/);
            assert.match(soonCheck.failures![0].reason, /within minRemainingValidity \("14d"\)[\s\S]*Nothing was uploaded/);

            assert.equal(certificates.checkCertificateResource({}, { certificate: soon.pem, minRemainingValidity: "3d" }).failures, undefined);
            assert.match(certificates.checkCertificateResource({}, { certificate: soon.pem, minRemainingValidity: "7d" }).failures![0].reason, /\("7d"\)/);
        });

        it("does not judge a PEM already uploaded, nor one adopted with the import option", async () => {
            const soon = await testCertificate({ expiresIn: "5d" });
            const stored = certificates.checkCertificateResource({}, { certificate: soon.pem, minRemainingValidity: "1d" }).inputs;
            assert.equal(certificates.checkCertificateResource(stored, { certificate: soon.pem, name: "renamed" }).failures, undefined);
            assert.equal(certificates.checkCertificateResource({}, { certificate: soon.pem, importId: "cert_old" }).failures, undefined);
            assert.deepEqual(failedArguments(certificates.checkCertificateResource({}, { certificate: soon.pem, importId: "../x" }).failures), ["import"]);
            // The import option left in the program after the adoption: a new PEM is an upload, judged as one.
            const replacement = certificates.checkCertificateResource(stored, { certificate: (await testCertificate({ expiresIn: "6d" })).pem, importId: "cert_old" });
            assert.match(replacement.failures?.[0].reason ?? "", /within minRemainingValidity/);
            assert.equal(replacement.inputs.importId, undefined, "no adoption for a replacement");
            assert.equal(certificates.checkCertificateResource(stored, { certificate: soon.pem, importId: "cert_old" }).inputs.importId, undefined);
        });

        it("lets an unknown PEM through during preview, and refuses bad inputs by name", async () => {
            assert.deepEqual(certificates.checkCertificateResource({}, { certificate: UNKNOWN, name: "n" }), { inputs: { certificate: UNKNOWN, name: "n" } });
            const made = await testCertificate();
            const bad = certificates.checkCertificateResource({}, { certificate: made.pem, name: 7, minRemainingValidity: "1M" });
            assert.deepEqual(failedArguments(bad.failures).sort(), ["minRemainingValidity", "name"]);
            assert.match(certificates.checkCertificateResource({}, { certificate: "nope" }).failures![0].reason, /no "-----BEGIN CERTIFICATE-----" \.\.\. "-----END CERTIFICATE-----" block/);
        });
    });

    describe("diff", () => {
        const olds = { certificate: "PEM-A", name: "a", fingerprintSha256: "AA", minRemainingValidity: "14d" };
        it("replaces for a new fingerprint (or an unknown PEM), creating the new one first", () => {
            assert.deepEqual(certificates.diffCertificate(olds, { ...olds, certificate: "PEM-B", fingerprintSha256: "BB" }), { changes: true, replaces: ["certificate"], deleteBeforeReplace: false });
            assert.deepEqual(certificates.diffCertificate(olds, { ...olds, certificate: UNKNOWN, fingerprintSha256: undefined }).replaces, ["certificate"]);
        });
        it("updates in place for a new name, and for the same certificate written differently; no change otherwise", () => {
            assert.deepEqual(certificates.diffCertificate(olds, { ...olds, name: "b" }), { changes: true, replaces: [], deleteBeforeReplace: false });
            assert.deepEqual(certificates.diffCertificate(olds, { ...olds, certificate: "PEM-A\r\n" }), { changes: true, replaces: [], deleteBeforeReplace: false });
            assert.equal(certificates.diffCertificate(olds, { ...olds }).changes, false);
            assert.equal(certificates.diffCertificate({ ...olds, importId: "cert_a" }, { ...olds }).changes, false, "dropping the import option changes nothing");
        });
    });

    describe("against the fake API over loopback", () => {
        const api = useFakeApi();
        const settings = () => ({ adminApiKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        const client = () => createCertificatesClient({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        const checked = async (spec: Parameters<typeof testCertificate>[0] = {}, name?: string) => {
            const made = await testCertificate(spec);
            return { made, inputs: certificates.checkCertificateResource({}, { certificate: made.pem, ...(name ? { name } : {}) }).inputs };
        };

        it("create uploads, update renames in place, read sees a rename made elsewhere, delete removes", async () => {
            const { made, inputs } = await checked({ subjectCN: "gw", expiresIn: "60d" }, "gateway");
            const created = await certificates.createCertificate(inputs, settings());
            assert.match(created.id, /^cert_/);
            assert.equal(created.outs.certificateId, created.id);
            assert.equal(created.outs.fingerprintSha256, made.fingerprint256);
            assert.equal(created.outs.expiresAt, made.expiresAt);
            assert.equal(created.outs.name, "gateway");
            assert.deepEqual(api().requests.filter((r) => r.method === "POST").map((r) => r.path), ["/organization/certificates"]);
            assert.equal((await client().listCertificates()).find((c) => c.id === created.id)?.active, false, "uploaded, not activated");

            const updated = await certificates.updateCertificate(created.id, created.outs, { ...inputs, name: "gateway-2027" }, settings());
            assert.equal(updated.outs.name, "gateway-2027");
            assert.equal((await client().retrieveCertificate(created.id)).name, "gateway-2027");

            await client().renameCertificate(created.id, "renamed-by-hand");
            const read = await certificates.readCertificate(created.id, updated.outs, settings());
            assert.equal(read.id, created.id);
            assert.equal(read.props.name, "renamed-by-hand");
            assert.ok(String(read.props.certificate).includes("-----BEGIN CERTIFICATE-----"), "the PEM, read back with include[]=content");
            assert.equal(read.props.fingerprintSha256, made.fingerprint256);

            await certificates.deleteCertificate(created.id, settings());
            assert.equal((await client().listCertificates()).some((c) => c.id === created.id), false);
            await certificates.deleteCertificate(created.id, settings()); // already gone: fine
            assert.deepEqual(await certificates.readCertificate(created.id, updated.outs, settings()), { id: "", props: {} }, "gone reads as deleted");
            assertNoKeyIn([created, updated, read]);
        });

        it("an upload whose answer is lost is found by its fingerprint and kept, not left unmanaged; one that did not arrive says what to check", async () => {
            const { made, inputs } = await checked({ subjectCN: "lost-answer" }, "gateway");
            // The upload is stored, but its answer cannot be read (as after a proxy mangles it).
            api().injectFault({ method: "POST", path: "/organization/certificates", times: 1, action: { kind: "transform", transform: () => ({ unexpected: true }) } });
            const created = await certificates.createCertificate(inputs, settings());
            const listed = await client().listCertificates();
            assert.deepEqual(listed.map((c) => c.id), [created.id], "one certificate, the one uploaded, and its id is the resource's");
            assert.equal(created.outs.fingerprintSha256, made.fingerprint256);
            assert.equal(api().requests.filter((r) => r.method === "POST" && r.path === "/organization/certificates").length, 1, "not uploaded twice");

            const other = await checked({ subjectCN: "never-arrived" });
            api().injectFault({ method: "POST", path: "/organization/certificates", times: 1, action: { kind: "status", status: 503 } });
            const error = await rejectionOf(certificates.createCertificate(other.inputs, settings()));
            assert.match(error.message, /HTTP 503[\s\S]*may still have reached OpenAI[\s\S]*openai-certs list[\s\S]*import/);
            assert.ok(error.stack?.includes("may still have reached OpenAI"), "the stack Pulumi prints says it too");
            assert.equal((await client().listCertificates()).length, 1);
        });

        it("delete of an active certificate fails with CertificateStillActiveError saying how to deactivate it", async () => {
            const { inputs } = await checked();
            const { id } = await certificates.createCertificate(inputs, settings());
            await client().activateCertificates([id]);
            const error = await rejectionOf(certificates.deleteCertificate(id, settings()));
            assert.ok(error instanceof CertificateStillActiveError, String(error));
            assert.equal(error.certificateId, id);
            assert.match(error.message, /CertificateActivation/);
            assert.ok((await client().listCertificates()).some((c) => c.id === id), "still there");
        });

        it("the import option adopts the certificate with this PEM and uploads nothing; with another PEM (a rotation that kept the option) it uploads, judged, and leaves that certificate alone", async () => {
            const { made, inputs } = await checked({ subjectCN: "adopted" });
            const existing = await client().uploadCertificate({ certificate: made.pem, name: "by-hand" });
            api().resetStats();
            const adopted = await certificates.createCertificate({ ...inputs, name: "managed", importId: existing.id }, settings());
            assert.equal(adopted.id, existing.id);
            assert.equal(adopted.outs.name, "managed");
            assert.equal(adopted.outs.importId, undefined, "the import id is not kept in the state");
            assert.deepEqual(api().requests.map((r) => `${r.method} ${r.path}`), [`GET /organization/certificates/${existing.id}`, `POST /organization/certificates/${existing.id}`]);

            // Pulumi checks a replacement's inputs without the old ones: the rotated PEM arrives with the old import id.
            const rotated = await checked({ subjectCN: "rotated" });
            const replacement = await certificates.createCertificate({ ...rotated.inputs, name: "managed", importId: existing.id }, settings());
            assert.notEqual(replacement.id, existing.id);
            assert.equal(replacement.outs.fingerprintSha256, rotated.made.fingerprint256);
            assert.equal((await client().retrieveCertificate(existing.id)).name, "managed", "the adopted one is left as it is");

            const expiring = await testCertificate({ subjectCN: "expiring", expiresIn: "5d" });
            const soon = certificates.checkCertificateResource({}, { certificate: expiring.pem, importId: existing.id });
            assert.equal(soon.failures, undefined, "check cannot tell an adoption from an upload");
            api().resetStats();
            const refused = await rejectionOf(certificates.createCertificate(soon.inputs, settings()));
            assert.match(refused.message, /Invalid argument "certificate": .*"CN=expiring" expires on .*within minRemainingValidity/);
            assert.deepEqual(api().requests.map((r) => r.method), ["GET"], "judged in create: nothing uploaded");
        });

        it("the import option fails with CertificateMismatchError when OpenAI does not return the PEM to compare", async () => {
            const { inputs } = await checked({ subjectCN: "no-content" });
            const existing = await client().uploadCertificate({ certificate: (await testCertificate({ subjectCN: "other" })).pem });
            api().resetStats();
            api().injectFault({ method: "GET", path: `/organization/certificates/${existing.id}`, times: 1, action: { kind: "transform", transform: (body: any) => ({ ...body, certificate_details: { ...body.certificate_details, content: undefined } }) } });
            const error = await rejectionOf(certificates.createCertificate({ ...inputs, importId: existing.id }, settings()));
            assert.ok(error instanceof CertificateMismatchError, String(error));
            assert.deepEqual(api().requests.filter((r) => r.method !== "GET"), [], "nothing was changed");
        });

        it("names the stack config when there is no key, and restates a refused key in the stack's words, never with the key", async () => {
            const { inputs } = await checked();
            const saved = process.env.OPENAI_ADMIN_KEY;
            delete process.env.OPENAI_ADMIN_KEY;
            try {
                const missing = await rejectionOf(certificates.createCertificate(inputs, { baseUrl: api().baseUrl }));
                assert.ok(missing instanceof MissingAdminKeyError, String(missing));
                assert.match(missing.message, /openai:adminApiKey/);
                const refused = await rejectionOf(certificates.createCertificate(inputs, { adminApiKey: "sk-admin-wrong-key-0123456789abcdef", baseUrl: api().baseUrl }));
                assert.ok(refused instanceof AuthenticationError, String(refused));
                assert.match(refused.message, /openai:adminApiKey/);
                assertNoKeyIn(refused, "sk-admin-wrong-key-0123456789abcdef");
            } finally {
                if (saved !== undefined) process.env.OPENAI_ADMIN_KEY = saved;
            }
            assert.equal(api().requests.filter((r) => r.method === "POST" && r.auth === "valid").length, 0, "nothing was uploaded");
        });
    });
});

describe("the CertificateActivation resource's operations", () => {
    it("check refuses a missing or unsafe id and lets unknown ones through; ids name the scope", async () => {
        assert.deepEqual(failedArguments((await activations.checkActivation({}, {})).failures), ["certificateId"]);
        assert.deepEqual(failedArguments((await activations.checkActivation({}, { certificateId: "cert_a", projectId: "../x" })).failures), ["projectId"]);
        assert.equal((await activations.checkActivation({}, { certificateId: UNKNOWN, projectId: UNKNOWN })).failures, undefined);
        assert.equal(activationId("cert_a", undefined), "organization/cert_a");
        assert.equal(activationId("cert_a", "proj_p"), "project/proj_p/cert_a");
        assert.deepEqual(parseActivationId("project/proj_p/cert_a"), { projectId: "proj_p", certificateId: "cert_a" });
        assert.throws(() => parseActivationId("cert_a"), /organization\/<certificateId>/);
    });

    it("diff replaces for another certificate or scope, the new activation first", () => {
        assert.deepEqual(activations.diffActivation({ certificateId: "cert_a" }, { certificateId: "cert_b" }), { changes: true, replaces: ["certificateId"], deleteBeforeReplace: false });
        assert.deepEqual(activations.diffActivation({ certificateId: "cert_a" }, { certificateId: "cert_a", projectId: "proj_p" }).replaces, ["projectId"]);
        assert.equal(activations.diffActivation({ certificateId: "cert_a" }, { certificateId: "cert_a" }).changes, false);
    });

    describe("against the fake API over loopback", () => {
        const api = useFakeApi(() => ({ seed: { projects: [{ id: "proj_payments", name: "payments" }] } }));
        const settings = () => ({ adminApiKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        const client = () => createCertificatesClient({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });

        for (const projectId of [undefined, "proj_payments"]) {
            it(`create activates, read notices a deactivation made elsewhere, delete deactivates (${projectId ?? "organization"})`, async () => {
                const made = await testCertificate({ expiresIn: "60d" });
                const { id: certificateId } = await client().uploadCertificate({ certificate: made.pem });
                const created = await activations.createActivation({ certificateId, ...(projectId ? { projectId } : {}) }, settings());
                assert.equal(created.id, activationId(certificateId, projectId));
                const activeIn = async () => (await client().listCertificates({ projectId })).find((c) => c.id === certificateId)?.active;
                assert.equal(await activeIn(), true);
                assert.equal((await activations.readActivation(created.id, created.outs, settings())).id, created.id);

                await client().deactivateCertificates([certificateId], { projectId });
                assert.deepEqual(await activations.readActivation(created.id, created.outs, settings()), { id: "", props: {} });

                await client().activateCertificates([certificateId], { projectId });
                await activations.deleteActivation(created.id, created.outs, settings());
                assert.equal(await activeIn(), false);
                await client().deleteCertificate(certificateId);
                await activations.deleteActivation(created.id, {}, settings()); // the certificate is gone: fine
            });
        }
    });
});

describe("writes and retries", () => {
    const api = useFakeApi();
    const client = () => createCertificatesClient({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, maxRetries: 2 });

    it("an upload is not sent again after a failure that may have reached the server; a 429 is retried", async () => {
        const made = await testCertificate();
        api().injectFault({ path: "/organization/certificates", times: 1, action: { kind: "status", status: 500 } });
        await rejectionOf(client().uploadCertificate({ certificate: made.pem }));
        assert.equal(api().requestsTo("/organization/certificates").filter((r) => r.method === "POST").length, 1);
        assert.equal((await client().listCertificates()).length, 0);

        api().resetStats();
        api().injectFault({ path: "/organization/certificates", times: 1, action: { kind: "status", status: 429, headers: { "retry-after-ms": "1" } } });
        const uploaded = await client().uploadCertificate({ certificate: made.pem });
        assert.equal(api().requestsTo("/organization/certificates").filter((r) => r.method === "POST").length, 2);
        assert.equal((await client().listCertificates()).map((c) => c.id).join(), uploaded.id);
    });

    it("idempotent writes (rename, activate) are retried as reads are", async () => {
        const made = await testCertificate();
        const { id } = await client().uploadCertificate({ certificate: made.pem });
        api().injectFault({ path: `/organization/certificates/${id}`, times: 1, action: { kind: "status", status: 500 } });
        assert.equal((await client().renameCertificate(id, "again")).name, "again");
        api().injectFault({ path: "/organization/certificates/activate", times: 1, action: { kind: "drop" } });
        assert.equal((await client().activateCertificates([id]))[0].active, true);
    });

    it("refuses 0 or 11 ids and unsafe ids before sending anything", async () => {
        await assert.rejects(client().activateCertificates([]), /1 to 10 certificate ids, got 0/);
        await assert.rejects(client().deactivateCertificates(Array.from({ length: 11 }, (_, i) => `cert_${i}`)), /got 11/);
        await assert.rejects(client().activateCertificates(["cert_a", "../projects"]), /certificateIds\[1\]/);
        await assert.rejects(client().retrieveCertificate("a/b"), /certificateId/);
        assert.equal(api().requests.length, 0);
    });
});

import { strict as assert } from "assert";
import { ActivationRefusedError, createCertificatesClient } from "../../../provider/api";
import { certificateActivationOperations as activations, certificateOperations as certificates } from "../../../provider";
import { DAY, LEAK_CANARY_KEY, NOW_SECONDS, assertSafeForLogs, failedArguments, namedCertificate, rejectionOf, useFakeApi } from "../../support/fixtures";
import { testCertificate } from "../../support/test-certificates";

/** Issue 20's regression tests at the operations' level, over loopback HTTP to the fake API. */
describe("writes as safe as reads (issue 20)", () => {
    describe("an upload whose outcome is uncertain never adopts a certificate that existed before it (item 4)", () => {
        const api = useFakeApi();
        const settings = () => ({ adminApiKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        const client = () => createCertificatesClient({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        const checkedInputs = async (name: string) => {
            const made = await testCertificate({ subjectCN: name });
            return { made, inputs: certificates.checkCertificateResource({}, { certificate: made.pem, name }).inputs };
        };

        it("the same PEM uploaded before by another team is neither adopted nor renamed; the new copy, stored though its answer was lost, is ours", async () => {
            const { made, inputs } = await checkedInputs("shared-pem");
            const theirs = await client().uploadCertificate({ certificate: made.pem, name: "other-team" });
            api().injectFault({ method: "POST", path: "/organization/certificates", times: 1, action: { kind: "transform", transform: () => ({ unexpected: true }) } });
            const created = await certificates.createCertificate(inputs, settings());
            assert.notEqual(created.id, theirs.id, "another team's certificate was taken for ours");
            assert.equal((await client().retrieveCertificate(theirs.id)).name, "other-team", "theirs was renamed");
            assert.equal((await client().retrieveCertificate(created.id)).name, "shared-pem");
        });

        it("when the upload did not arrive and only their copy exists, it fails saying how to check, touching theirs not at all", async () => {
            const { made, inputs } = await checkedInputs("only-theirs");
            const theirs = await client().uploadCertificate({ certificate: made.pem, name: "other-team" });
            api().injectFault({ method: "POST", path: "/organization/certificates", times: 1, action: { kind: "status", status: 503 } });
            const error = await rejectionOf(certificates.createCertificate(inputs, settings()));
            assert.match(error.message, /may still have reached OpenAI[\s\S]*openai-certs list/);
            assert.deepEqual((await client().listCertificates()).map((c) => c.id), [theirs.id]);
            assert.equal((await client().retrieveCertificate(theirs.id)).name, "other-team");
        });

        for (const [what, transform] of [
            ["too large", () => ({ padding: "x".repeat(9 * 1024 * 1024) })],
            ["holding the admin key", (body: Record<string, unknown>) => ({ ...body, name: LEAK_CANARY_KEY })],
        ] as const) {
            it(`an unreadable 2xx answer (${what}) may have arrived: the stored copy is found and kept, not uploaded twice`, async () => {
                const { inputs } = await checkedInputs(`answer-${what.split(" ")[0]}`);
                api().injectFault({ method: "POST", path: "/organization/certificates", times: 1, action: { kind: "transform", transform: transform as (body: any) => unknown } });
                const created = await certificates.createCertificate(inputs, settings());
                assert.deepEqual((await client().listCertificates()).map((c) => c.id), [created.id]);
                assert.equal(api().requests.filter((r) => r.method === "POST" && r.path === "/organization/certificates").length, 1, "uploaded once");
            });
        }
    });

    describe("an activation switches on nothing the gate would fail on (item 3)", () => {
        const api = useFakeApi(() => ({
            clock: () => NOW_SECONDS,
            seed: {
                certificates: [
                    namedCertificate("expired", -2, { active: false }),
                    namedCertificate("nine-days", 9, { active: false }),
                    namedCertificate("exactly-fourteen", 14, { active: false }),
                    namedCertificate("healthy", 90, { active: false }),
                    namedCertificate("active-soon", 5, { active: true }),
                ],
                projects: [{ id: "proj_payments" }],
            },
        }));
        const settings = () => ({ adminApiKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        const idOf = (name: string) => api().state.certificates.find((c) => c.name === name)!.id;
        const sent = () => api().requests.filter((r) => r.method !== "GET").map((r) => r.path);

        it("check refuses an expired one, one within minRemainingValidity, and one with exactly minRemainingValidity left (the gate's boundary), with nothing sent", async () => {
            for (const [name, pattern] of [
                ["expired", /"expired" \(cert_\w+\) expired on .*2 days ago: nothing was activated/],
                ["nine-days", /"nine-days" \(cert_\w+\) expires on .*within minRemainingValidity \("14d"\)/],
                ["exactly-fourteen", /within minRemainingValidity/],
            ] as const) {
                const checked = await activations.checkActivation({}, { certificateId: idOf(name) }, settings(), NOW_SECONDS);
                assert.deepEqual(failedArguments(checked.failures), ["certificateId"], name);
                assert.match(checked.failures![0].reason, pattern);
                assert.equal(checked.inputs.expiresAt, api().state.certificates.find((c) => c.name === name)!.expiresAt, "the expiry is in the checked inputs, for the pack");
            }
            const lowered = await activations.checkActivation({}, { certificateId: idOf("nine-days"), minRemainingValidity: "7d" }, settings(), NOW_SECONDS);
            assert.equal(lowered.failures, undefined);
            assert.deepEqual(sent(), []);
        });

        it("create judges again before the request: ActivationRefusedError, and no activation sent at either scope", async () => {
            for (const projectId of [undefined, "proj_payments"]) {
                const error = await rejectionOf(activations.createActivation({ certificateId: idOf("nine-days"), ...(projectId ? { projectId } : {}) }, settings(), NOW_SECONDS));
                assert.ok(error instanceof ActivationRefusedError, String(error));
                assert.equal(error.code, "activation_refused");
            }
            assert.deepEqual(sent(), []);
            const ok = await activations.createActivation({ certificateId: idOf("healthy") }, settings(), NOW_SECONDS);
            assert.deepEqual(sent(), ["/organization/certificates/activate"]);
            assert.equal(ok.outs.expiresAt, api().state.certificates.find((c) => c.name === "healthy")!.expiresAt);
        });

        it("an activation that exists, or takes over a certificate already active in its scope, sends nothing and is not refused", async () => {
            const id = idOf("active-soon");
            const checked = await activations.checkActivation({}, { certificateId: id }, settings(), NOW_SECONDS);
            assert.equal(checked.failures, undefined);
            const created = await activations.createActivation({ certificateId: id }, settings(), NOW_SECONDS);
            assert.equal(created.id, `organization/${id}`);
            const existing = await activations.checkActivation({ certificateId: id }, { certificateId: id }, settings(), NOW_SECONDS + 10 * DAY);
            assert.equal(existing.failures, undefined, "an existing activation of a now-expired certificate is the gate's to judge");
            assert.deepEqual(sent(), []);
        });

        it("a new minRemainingValidity is an update in place, never a replacement; a certificate that cannot be read fails check closed", async () => {
            assert.deepEqual(activations.diffActivation({ certificateId: "cert_a", minRemainingValidity: "14d" }, { certificateId: "cert_a", minRemainingValidity: "30d" }), { changes: true, replaces: [], deleteBeforeReplace: false });
            const missing = await activations.checkActivation({}, { certificateId: "cert_nope" }, settings(), NOW_SECONDS);
            assert.match(missing.failures?.[0].reason ?? "", /Could not read certificate cert_nope to judge its activation, so it is not activated/);
            assert.equal(missing.failures?.[0].property, "");
        });
    });

    describe("certificate subjects reach messages escaped (item 11)", () => {
        const api = useFakeApi();
        it("an activation refusal names a hostile certificate name escaped", async () => {
            const client = createCertificatesClient({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
            const uploaded = await client.uploadCertificate({ certificate: (await testCertificate({ expiresIn: "3d" })).pem, name: "evil\u009b31m\u2028next\u202eline" });
            const refused = await activations.checkActivation({}, { certificateId: uploaded.id }, { adminApiKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
            assertSafeForLogs(refused.failures![0].reason);
            assert.match(refused.failures![0].reason, /evil\\x9b31m\\u2028next\\u202eline/);
        });

        it("an upload refusal names a hostile subject escaped", async () => {
            const expired = await testCertificate({ subjectCN: "old\u2028::error::x", validFrom: "-90d", expiresIn: "-1d" });
            const reason = certificates.checkCertificateResource({}, { certificate: expired.pem }).failures![0].reason;
            assertSafeForLogs(reason);
            assert.match(reason, /old\\u2028::error::x/);
        });
    });

    describe("errors as Pulumi's dynamic provider host prints them (issue 23, item 7)", () => {
        const api = useFakeApi(() => ({ clock: () => NOW_SECONDS, seed: { certificates: [namedCertificate("expired", -2, { active: false })] } }));
        it("a typed error leaving an operation is one line, `${error}: ${error.stack}`, with no trace and no doubled message", async () => {
            const id = api().state.certificates[0].id;
            const error = await rejectionOf(activations.createActivation({ certificateId: id }, { adminApiKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl }, NOW_SECONDS));
            assert.ok(error instanceof ActivationRefusedError, String(error));
            const printed = `${error}: ${error.stack}`; // what the host writes to stderr
            assert.equal(printed, `ActivationRefusedError (activation_refused): ${error.message}`);
            assert.doesNotMatch(printed, /\n\s+at /);
        });
    });
});

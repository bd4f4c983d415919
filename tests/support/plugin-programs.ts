import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { FakeOpenAI } from "../../fake-api";
import { createCertificatesClient } from "../../provider/api";
import { LEAK_CANARY_KEY } from "./fixtures";
import { CommandResult, PulumiProject, expectOk, initStack } from "./pulumi-cli";
import { testCertificate } from "./test-certificates";

/** The ready pack, as a user project that installed the package points at it. */
export const POLICY_PACK = "node_modules/pulumi-openai-certificates/policy-pack";

/**
 * The scenario examples/yaml and examples/go share (issue 24), through the real CLI, with the fake
 * API seeded with one healthy active certificate: a stack with the plugin's config (key and base
 * URL) and `certificateFile`; a preview under the ready pack passes; an up (its preview skipped)
 * reads with getCertificates and getCertificateUsage, uploads and activates; then a certificate 5
 * days from expiry is activated elsewhere and the next gated preview fails naming it. Four CLI runs
 * besides the stack's setup. Returns the runs, for the key sweep, and the uploaded certificate's id.
 */
export async function readUploadActivateAndGate(project: PulumiProject, api: () => FakeOpenAI, projectName: string): Promise<{ stack: string; runs: CommandResult[]; uploaded: string }> {
    const made = await testCertificate({ subjectCN: `${projectName}-gateway`, expiresIn: "90d" });
    fs.writeFileSync(path.join(project.dir, "gateway.pem"), made.pem);
    const stack = await initStack(project, "dev", { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, namespace: "openai-certificates", config: { [`${projectName}:certificateFile`]: "gateway.pem" } });
    const seeded = api().state.certificates.map((c) => c.id);
    const client = createCertificatesClient({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
    const writes = () => api().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    const ids = (list: unknown) => (list as Array<{ id: string }>).map((c) => c.id);

    const healthy = await project.action("preview", stack, { policyPack: POLICY_PACK });
    expectOk(healthy);
    assert.doesNotMatch(healthy.output, /\[mandatory\]|\[advisory\]/);
    assert.match(healthy.output, /openai-certificates:index:CertificateActivation/);
    assert.deepEqual(writes(), [], "a preview sends nothing");

    const up = await project.action("up", stack, { skipPreview: true });
    expectOk(up);
    assert.deepEqual(writes(), ["POST /organization/certificates", "POST /organization/certificates/activate"]);
    const shown = await project.pulumi(["stack", "output", "--json", "--stack", stack]);
    expectOk(shown);
    const out = JSON.parse(shown.stdout) as Record<string, unknown>;
    const uploaded = String(out.certificateId);
    assert.match(uploaded, /^cert_/);
    assert.equal(out.fingerprintSha256, made.fingerprint256);
    assert.equal(out.activationScope, "organization");
    assert.equal(typeof out.expiresAt, "number");
    // The program reads while it runs: the upload may or may not be listed yet, the seeded certificate is.
    const listed = out.listed as Array<{ id: string; active: boolean }>;
    assert.deepEqual(listed.filter((c) => seeded.includes(c.id)).map((c) => [c.id, c.active]), seeded.map((id) => [id, true]), "getCertificates read the organization's list");
    const usage = out.usage as Array<{ id: string; activeAnywhere: boolean }>;
    assert.deepEqual(usage.filter((c) => seeded.includes(c.id)).map((c) => [c.id, c.activeAnywhere]), seeded.map((id) => [id, true]), "getCertificateUsage read where each is active");
    assert.ok(ids(out.stored).includes(seeded[0]), "the Certificates resource holds the list");
    const active = (await client.listCertificates()).filter((c) => c.active).map((c) => c.id);
    assert.deepEqual(active.sort(), [...seeded, uploaded].sort());

    // Another certificate, 5 days from expiry, activated elsewhere: the stored list now fails the gate.
    const soon = await client.uploadCertificate({ certificate: (await testCertificate({ subjectCN: "five-days", validFrom: "-360d", expiresIn: "5d" })).pem, name: "five-days" });
    await client.activateCertificates([soon.id]);
    api().resetStats();
    const gated = await project.action("preview", stack, { policyPack: POLICY_PACK });
    assert.notEqual(gated.code, 0, gated.output);
    assert.match(gated.output, new RegExp(`\\[mandatory\\]\\s+openai-certificate-expiry[\\s\\S]*"five-days" \\(${soon.id}\\) expires in`));
    assert.deepEqual(writes(), []);
    return { stack, runs: [healthy, up, gated], uploaded };
}

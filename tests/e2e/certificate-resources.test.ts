import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../examples/demo/pulumi-cli";
import { createCertificatesClient } from "../../provider/api";
import { LEAK_CANARY_KEY, useFakeApi } from "../support/fixtures";
import { copyUserProject } from "../support/packed-package";
import { CommandResult, PulumiProject, expectOk, exportStack, filesUnder, initStack, pulumiProject, requireLanguageHost, requirePulumiCli } from "../support/pulumi-cli";
import { testCertificate } from "../support/test-certificates";

const PROJECT = "e2e-rotation";

/**
 * Issue 15 through the real Pulumi CLI and its Node.js language host: examples/rotation (compiled to
 * CommonJS) with the packed package in a fresh project, against the fake API. Every write the fake
 * received is checked for its order, and the key for its absence from outputs, state and config.
 */
describe("Certificate and CertificateActivation through the real Pulumi CLI (issue 15)", function () {
    this.timeout(900_000);
    const policyPack = "node_modules/pulumi-openai-certificates/policy-pack";
    const api = useFakeApi();
    let project: PulumiProject;
    let stackCounter = 0;

    before(async function () {
        this.timeout(20 * 60_000);
        const cli = await requirePulumiCli(this, "the end-to-end tier");
        requireLanguageHost(this, cli, "the resources' refresh, destroy and policy-pack scenarios");
        const program = fs.readFileSync(path.join(REPO_ROOT, "dist/examples/rotation/index.js"), "utf8");
        project = pulumiProject({ dir: await copyUserProject(), cli, name: PROJECT, main: "index.js", typescript: false, files: { "index.js": program } });
    });
    const client = () => createCertificatesClient({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
    const pem = async (file: string, spec: Parameters<typeof testCertificate>[0]) => {
        const made = await testCertificate(spec);
        fs.writeFileSync(path.join(project.dir, file), made.pem);
        return made;
    };
    const newStack = (config: Record<string, string>) =>
        initStack(project, `r${++stackCounter}`, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, config: Object.fromEntries(Object.entries(config).map(([k, v]) => [`${PROJECT}:${k}`, v])) });
    const setConfig = async (stack: string, key: string, value: string | undefined) =>
        expectOk(await project.pulumi(value === undefined ? ["config", "rm", `${PROJECT}:${key}`, "--stack", stack] : ["config", "set", `${PROJECT}:${key}`, value, "--stack", stack]));
    /** The writes the fake received since the last reset, as `METHOD path`. */
    const writes = () => api().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    const activeIds = async () => (await client().listCertificates()).filter((c) => c.active).map((c) => c.id);
    const outputs = async (stack: string) => JSON.parse((await project.pulumi(["stack", "output", "--json", "--stack", stack])).stdout) as Record<string, unknown>;

    function assertNoKeyAnywhere(stack: string, ...runs: CommandResult[]): void {
        for (const run of runs) assert.ok(!run.output.includes(LEAK_CANARY_KEY), "the admin key appeared in the CLI's output");
        for (const file of filesUnder(project.backendDir)) assert.ok(!fs.readFileSync(file, "utf8").includes(LEAK_CANARY_KEY), `the admin key appeared in ${file}`);
        assert.ok(!fs.readFileSync(path.join(project.dir, `Pulumi.${stack}.yaml`), "utf8").includes(LEAK_CANARY_KEY), "the admin key appeared in the stack config file");
    }

    it("refuses an expired PEM at preview with nothing sent; then up uploads and activates, a new name updates in place, refresh sees a deactivation made elsewhere, a new PEM rotates with no moment unguarded, destroy deactivates then deletes", async () => {
        await pem("expired.pem", { subjectCN: "expired", validFrom: "-120d", expiresIn: "-3d" });
        const a = await pem("a.pem", { subjectCN: "gateway-a", expiresIn: "90d" });
        const b = await pem("b.pem", { subjectCN: "gateway-b", expiresIn: "180d" });
        const stack = await newStack({ certificateFile: "expired.pem" });

        const refused = await project.action("preview", stack);
        assert.notEqual(refused.code, 0, refused.output);
        assert.match(refused.output, /"CN=expired" expired on .*: nothing was uploaded/);
        const refusedUp = await project.action("up", stack);
        assert.notEqual(refusedUp.code, 0, refusedUp.output);
        assert.deepEqual(writes(), [], "nothing was sent");

        await setConfig(stack, "certificateFile", "a.pem");
        const preview = await project.action("preview", stack);
        expectOk(preview);
        const up = await project.action("up", stack, { skipPreview: true });
        expectOk(up);
        const first = String((await outputs(stack)).certificateId);
        assert.deepEqual(writes(), ["POST /organization/certificates", "POST /organization/certificates/activate"]);
        assert.deepEqual(await activeIds(), [first]);
        assert.equal((await outputs(stack)).fingerprintSha256, a.fingerprint256);

        api().resetStats();
        await setConfig(stack, "certificateName", "gateway-a-renamed");
        const renamed = await project.action("up", stack, { skipPreview: true });
        expectOk(renamed);
        assert.match(renamed.output, /openai:Certificate client-certificate updated .*\[diff: ~name\]/);
        assert.deepEqual(writes(), [`POST /organization/certificates/${first}`]);
        assert.equal((await client().retrieveCertificate(first)).name, "gateway-a-renamed");
        assert.equal((await outputs(stack)).certificateId, first, "renamed in place");

        await client().deactivateCertificates([first]);
        const refreshed = await project.action("refresh", stack);
        expectOk(refreshed);
        assert.match(refreshed.output, /CertificateActivation[\s\S]*deleted|1 deleted/);
        const drift = await project.action("preview", stack);
        expectOk(drift);
        assert.match(drift.output, /\+ {1,3}.*CertificateActivation|1 to create/);
        expectOk(await project.action("up", stack, { skipPreview: true }));
        assert.deepEqual(await activeIds(), [first], "activated again");

        api().resetStats();
        await setConfig(stack, "certificateFile", "b.pem");
        const rotated = await project.action("up", stack, { skipPreview: true });
        expectOk(rotated);
        const second = String((await outputs(stack)).certificateId);
        assert.notEqual(second, first);
        const order = [
            "POST /organization/certificates",
            "POST /organization/certificates/activate",
            "POST /organization/certificates/deactivate",
            `DELETE /organization/certificates/${first}`,
        ];
        assert.deepEqual(writes(), order, "upload, activate the new, deactivate the old, delete the old: never no active certificate");
        assert.deepEqual(await activeIds(), [second]);
        assert.equal((await outputs(stack)).fingerprintSha256, b.fingerprint256);

        api().resetStats();
        const destroyed = await project.action("destroy", stack);
        expectOk(destroyed);
        assert.deepEqual(writes(), ["POST /organization/certificates/deactivate", `DELETE /organization/certificates/${second}`]);
        assert.deepEqual(await client().listCertificates(), []);
        assertNoKeyAnywhere(stack, refused, refusedUp, preview, up, renamed, refreshed, drift, rotated, destroyed);
    });

    it("the gate meets the rotation: preview fails on the adopted old certificate, the rotation runs under an exemption with the import option left in, the next preview passes without it", async () => {
        const old = await pem("old.pem", { subjectCN: "gateway-old", validFrom: "-360d", expiresIn: "5d" });
        await pem("new.pem", { subjectCN: "gateway-new", expiresIn: "365d" });
        // In use before Pulumi managed it: uploaded and activated by hand.
        const uploaded = await client().uploadCertificate({ certificate: old.pem, name: "gateway-old" });
        await client().activateCertificates([uploaded.id]);

        const stack = await newStack({ certificateFile: "old.pem", certificateName: "gateway-old", adoptCertificateId: uploaded.id });
        api().resetStats();
        const adopted = await project.action("up", stack, { skipPreview: true });
        expectOk(adopted);
        assert.deepEqual(writes(), [], "adopted with the import option: nothing uploaded, its activation taken over with nothing sent");
        assert.equal((await outputs(stack)).certificateId, uploaded.id);
        assert.deepEqual((await exportStack(project, stack)).deployment.resources?.filter((r) => r.type.endsWith("openai:Certificate")).map((r) => r.id), [uploaded.id]);

        const gated = await project.action("preview", stack, { policyPack });
        assert.notEqual(gated.code, 0, gated.output);
        assert.match(gated.output, new RegExp(`\\[mandatory\\]\\s+openai-certificate-expiry [\\s\\S]*"gateway-old" \\(${uploaded.id}\\) expires in`));

        const until = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
        const exemption = { exemptions: [{ id: uploaded.id, reason: "being rotated by this update", until }] };
        fs.writeFileSync(path.join(project.dir, "rotation.json"), JSON.stringify({ "openai-certificate-expiry": exemption, "openai-certificate-expiry-warning": exemption }));
        // The README's Rotation block as written: adoptCertificateId stays set (issue 23, item 1).
        await setConfig(stack, "certificateFile", "new.pem");
        const rotation = await project.action("up", stack, { policyPack, policyPackConfig: "rotation.json" });
        expectOk(rotation);
        const replacement = String((await outputs(stack)).certificateId);
        assert.deepEqual(await activeIds(), [replacement]);
        assert.equal((await client().listCertificates()).some((c) => c.id === uploaded.id), false, "the old certificate is deleted");

        const after = await project.action("preview", stack, { policyPack });
        expectOk(after);
        assert.doesNotMatch(after.output, /\[mandatory\]/);
        assertNoKeyAnywhere(stack, adopted, gated, rotation, after);
    });
});

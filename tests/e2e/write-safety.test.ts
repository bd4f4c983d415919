import { strict as assert } from "assert";
import { generateKeyPairSync } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { LEAK_CANARY_KEY, useFakeApi } from "../support/fixtures";
import { copyUserProject } from "../support/packed-package";
import { CommandResult, PulumiProject, expectOk, filesUnder, initStack, pulumiProject, requireLanguageHost, requirePulumiCli } from "../support/pulumi-cli";
import { testCertificate } from "../support/test-certificates";

const PROJECT = "e2e-write-safety";

/** One resource chosen by the stack's config, so that each scenario is a stack of its own. */
const PROGRAM = `
const fs = require("fs");
const pulumi = require("@pulumi/pulumi");
const { Certificate, CertificateActivation, Certificates } = require("pulumi-openai-certificates");
const config = new pulumi.Config();
const mode = config.require("mode");
if (mode === "certificate") new Certificate("pasted", { certificate: fs.readFileSync(config.require("file"), "utf8") });
if (mode === "activation") {
    const min = config.get("minRemainingValidity");
    new CertificateActivation("switch-on", { certificateId: config.require("certificateId"), ...(min ? { minRemainingValidity: min } : {}) });
}
if (mode === "list") new Certificates("pasted-url", { baseUrl: process.env.PASTED_BASE_URL });
`;

/** Pieces of a secret as a leak would show them: whole, and any 12 characters of it. */
function fragments(secret: string): string[] {
    const pieces = [secret];
    for (let i = 0; i + 12 <= secret.length; i += 6) pieces.push(secret.slice(i, i + 12));
    return pieces;
}

/**
 * Issue 20, items 1-3 and 5, through the real Pulumi CLI and its Node.js language host, with the
 * packed package in a fresh project: nothing refused is echoed (`preview`, `preview --json`, `up`),
 * no key material is uploaded or stored, what OpenAI refuses is refused at preview, and an
 * activation never switches on a certificate the gate would fail on.
 */
describe("writes as safe as reads, through the real Pulumi CLI (issue 20)", function () {
    this.timeout(900_000);
    const policyPack = "node_modules/pulumi-openai-certificates/policy-pack";
    // Relative to the real clock: the provider judges against it.
    const api = useFakeApi(() => ({
        nowSeconds: Math.floor(Date.now() / 1000),
        seed: {
            certificates: [
                { name: "expired-inactive", expiresIn: "-3d", active: false },
                { name: "five-days-inactive", expiresIn: "5d", active: false },
                { name: "five-days-active", expiresIn: "5d", active: true },
            ],
        },
    }));
    let project: PulumiProject;
    let stackCounter = 0;
    const key = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const keyPem = key.export({ type: "pkcs8", format: "pem" }) as string;
    const keyBase64 = keyPem.split("\n").filter((l) => l && !l.startsWith("-----")).join("");
    const keyJwk = JSON.stringify(key.export({ format: "jwk" }));

    before(async function () {
        this.timeout(20 * 60_000);
        const cli = await requirePulumiCli(this, "the end-to-end tier");
        requireLanguageHost(this, cli, "the write-safety scenarios (check failures as the engine prints them)");
        project = pulumiProject({ dir: await copyUserProject(), cli, name: PROJECT, main: "index.js", typescript: false, files: { "index.js": PROGRAM } });
    });

    const newStack = (config: Record<string, string>) =>
        initStack(project, `w${++stackCounter}`, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, config: Object.fromEntries(Object.entries(config).map(([k, v]) => [`${PROJECT}:${k}`, v])) });
    const writes = () => api().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    const idOf = (name: string) => api().state.certificates.find((c) => c.name === name)!.id;

    function assertNowhere(secrets: string[], runs: CommandResult[]): void {
        const pieces = secrets.flatMap(fragments);
        for (const run of runs) for (const piece of pieces) assert.ok(!run.output.includes(piece), `a refused input was printed:\n${run.output}`);
        for (const file of filesUnder(project.backendDir)) {
            const text = fs.readFileSync(file, "utf8");
            for (const piece of pieces) assert.ok(!text.includes(piece), `a refused input was stored in ${file}`);
        }
    }

    /**
     * preview, preview --json and up (or only preview): each fails with `reason`, and together they
     * print none of `secrets`. The JSON form's messages are read unescaped.
     */
    async function refusedEverywhere(stack: string, reason: RegExp, secrets: string[], env?: Record<string, string>, actions: "all" | "preview" = "all"): Promise<CommandResult[]> {
        const runs = [await project.action("preview", stack, { env })];
        if (actions === "all") runs.push(await project.action("preview", stack, { json: true, env }), await project.action("up", stack, { env }));
        for (const run of runs) {
            assert.notEqual(run.code, 0, run.output);
            assert.match(run.output.replace(/\\"/g, '"'), reason);
            assert.doesNotMatch(run.output, /property \w+ (with )?value/, "the engine printed the refused input beside a named property");
        }
        assertNowhere(secrets, runs);
        assert.deepEqual(writes(), [], "nothing was sent");
        return runs;
    }

    it("a PEM holding a private key, in any label, case or encoding, is refused with the reason alone in preview, preview --json and up, and nothing is sent or stored", async () => {
        const made = await testCertificate({ subjectCN: "gateway" });
        const variants: Array<[string, string, RegExp]> = [
            ["pkcs8.pem", `${made.pem}${keyPem}`, /key material/],
            ["lower-case.pem", `${made.pem}${keyPem.replace(/PRIVATE KEY/g, "private key")}`, /key material/],
            ["bare-base64.pem", `${made.pem}${keyBase64}\n`, /text after the certificate block/],
            ["jwk.pem", `${keyJwk}\n${made.pem}`, /may be key material before the certificate block/],
        ];
        // The first through preview, preview --json and up; the other encodings through preview (the same check runs in all three).
        for (const [index, [file, text, reason]] of variants.entries()) {
            fs.writeFileSync(path.join(project.dir, file), text);
            const stack = await newStack({ mode: "certificate", file });
            api().resetStats();
            const runs = await refusedEverywhere(stack, reason, [keyBase64, keyJwk, made.pem.split("\n")[1]], undefined, index === 0 ? "all" : "preview");
            assert.match(runs[0].output, /openssl x509 -in FILE\.pem -out clean\.pem/);
        }
    });

    it("a client certificate is refused at preview, saying the issuing CA goes here; the CA that signs it is uploaded (item 5)", async () => {
        fs.writeFileSync(path.join(project.dir, "client.pem"), (await testCertificate({ kind: "client", subjectCN: "a-client" })).pem);
        const stack = await newStack({ mode: "certificate", file: "client.pem" });
        api().resetStats();
        const runs = await refusedEverywhere(stack, /not a CA certificate[\s\S]*issuing CA certificate that directly signs your client certificates/, []);
        fs.writeFileSync(path.join(project.dir, "ca.pem"), (await testCertificate({ kind: "ca", subjectCN: "issuing-ca" })).pem);
        const ca = await newStack({ mode: "certificate", file: "ca.pem" });
        expectOk(await project.action("up", ca, { skipPreview: true }));
        assert.deepEqual(writes(), ["POST /organization/certificates"]);
        assertNowhere([LEAK_CANARY_KEY], runs);
    });

    it("an admin key pasted into baseUrl, with the key itself only in OPENAI_ADMIN_KEY, is refused without a byte of it printed or stored", async () => {
        const stack = `w${++stackCounter}`;
        expectOk(await project.pulumi(["stack", "init", stack]));
        expectOk(await project.pulumi(["config", "set", `${PROJECT}:mode`, "list", "--stack", stack]));
        const env = { OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, PASTED_BASE_URL: LEAK_CANARY_KEY };
        api().resetStats();
        await refusedEverywhere(stack, /Invalid argument "baseUrl"/, [LEAK_CANARY_KEY], env);
    });

    it("an activation of an expired or nearly expired certificate fails preview and up with nothing sent; taking over an active one sends nothing; the pack judges an activation by its own thresholds (item 3)", async () => {
        api().resetStats();
        const expired = await newStack({ mode: "activation", certificateId: idOf("expired-inactive") });
        await refusedEverywhere(expired, /"expired-inactive" \(cert_\w+\) expired on .*: nothing was activated/, []);
        const gated = await project.action("up", expired, { policyPack });
        assert.notEqual(gated.code, 0, gated.output);

        const soon = await newStack({ mode: "activation", certificateId: idOf("five-days-inactive") });
        await refusedEverywhere(soon, /"five-days-inactive" \(cert_\w+\) expires on .* within minRemainingValidity \("14d"\)[\s\S]*Nothing was activated/, [], undefined, "preview");

        // Told to accept 3 days, the resource would activate it: the pack still fails the up, before anything is sent.
        const lowered = await newStack({ mode: "activation", certificateId: idOf("five-days-inactive"), minRemainingValidity: "3d" });
        const judged = await project.action("up", lowered, { policyPack });
        assert.notEqual(judged.code, 0, judged.output);
        assert.match(judged.output, /\[mandatory\]\s+openai-certificate-expiry[\s\S]*CertificateActivation "switch-on": Certificate "five-days-inactive" \(cert_\w+\) expires in/);
        assert.deepEqual(writes(), [], "nothing was activated under a failing gate");

        const takeover = await newStack({ mode: "activation", certificateId: idOf("five-days-active") });
        expectOk(await project.action("up", takeover, { skipPreview: true }));
        assert.deepEqual(writes(), [], "already active: taken over, nothing sent, not refused");
    });
});

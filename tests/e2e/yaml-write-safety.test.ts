import { strict as assert } from "assert";
import { generateKeyPairSync } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { LEAK_CANARY_KEY, useFakeApi } from "../support/fixtures";
import { requirePluginLanguage } from "../support/language-hosts";
import { copyUserProject } from "../support/packed-package";
import { REPO_ROOT } from "../support/processes";
import { CommandResult, PulumiProject, expectOk, filesUnder, initStack, pulumiProject } from "../support/pulumi-cli";
import { testCertificate } from "../support/test-certificates";

const PROJECT = "e2e-yaml-write-safety";
/** The `plugins:` block of examples/yaml: the plugin from the installed package, as users point at it. */
const PLUGINS = /^plugins:\n(?:[ ]+.*\n)+/m.exec(fs.readFileSync(path.join(REPO_ROOT, "examples/yaml/Pulumi.yaml"), "utf8"))![0];

/** A YAML program holding only `resources`, reading the string settings `config`. */
function yamlProgram(config: string[], resources: string): string {
    return [`name: ${PROJECT}`, "runtime: yaml", PLUGINS.trimEnd(), "config:", ...config.map((name) => `  ${name}:\n    type: string`), "resources:", resources].join("\n") + "\n";
}

/** Pieces of a secret as a leak would show them: whole, and any 12 characters of it. */
function fragments(secret: string): string[] {
    const pieces = [secret];
    for (let i = 0; i + 12 <= secret.length; i += 6) pieces.push(secret.slice(i, i + 12));
    return pieces;
}

/**
 * Issue 24: the write-safety guarantees of issue 20 hold in the provider plugin, through the real
 * Pulumi CLI and its YAML language host with the packed package: a refused input is never echoed
 * (the engine prints the value beside a named property), no private key is printed, sent or stored,
 * and an expired certificate is not activated.
 */
describe("writes as safe as reads from a Pulumi YAML program, through the provider plugin (issue 24)", function () {
    this.timeout(900_000);
    const api = useFakeApi(() => ({ nowSeconds: Math.floor(Date.now() / 1000), seed: { certificates: [{ name: "expired-inactive", expiresIn: "-3d", active: false }] } }));
    let project: PulumiProject;
    let stackCounter = 0;
    const key = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const keyPem = key.export({ type: "pkcs8", format: "pem" }) as string;
    const keyBase64 = keyPem.split("\n").filter((l) => l && !l.startsWith("-----")).join("");

    before(async function () {
        this.timeout(20 * 60_000);
        const cli = await requirePluginLanguage(this, "yaml", "the write-safety scenarios through a YAML program");
        project = pulumiProject({ dir: await copyUserProject(), cli, name: PROJECT, pulumiYaml: yamlProgram([], "  {}"), files: {} });
    });

    /** A stack of its own for a scenario, running `program`; the key in the plugin's config unless `withKey` is false. */
    async function scenario(program: string, config: Record<string, string>, withKey = true): Promise<string> {
        fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), program);
        const stack = `y${++stackCounter}`;
        const settings = Object.fromEntries(Object.entries(config).map(([k, v]) => [`${PROJECT}:${k}`, v]));
        if (withKey) return initStack(project, stack, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, namespace: "openai-certificates", config: settings });
        expectOk(await project.pulumi(["stack", "init", stack]));
        for (const [k, v] of Object.entries(settings)) expectOk(await project.pulumi(["config", "set", k, v, "--stack", stack]));
        return stack;
    }
    const writes = () => api().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

    /** Each run failed with `reason`, named no property beside a value, and neither the runs nor the state hold any of `secrets`. */
    function refused(runs: CommandResult[], reason: RegExp, secrets: string[]): void {
        const pieces = secrets.flatMap(fragments);
        for (const run of runs) {
            assert.notEqual(run.code, 0, run.output);
            assert.match(run.output, reason);
            assert.doesNotMatch(run.output, /property \w+ (with )?value/, "the engine printed the refused input beside a named property");
            for (const piece of pieces) assert.ok(!run.output.includes(piece), `a refused input was printed:\n${run.output}`);
        }
        for (const file of filesUnder(project.backendDir)) {
            const text = fs.readFileSync(file, "utf8");
            for (const piece of pieces) assert.ok(!text.includes(piece), `a refused input was stored in ${file}`);
        }
        assert.deepEqual(writes(), [], "nothing was sent");
    }

    it("a PEM holding a private key is refused with the reason alone in preview and up; nothing is printed, sent or stored", async () => {
        const made = await testCertificate({ subjectCN: "yaml-gateway" });
        fs.writeFileSync(path.join(project.dir, "with-key.pem"), `${made.pem}${keyPem}`);
        const program = yamlProgram(["file"], "  pasted:\n    type: openai-certificates:index:Certificate\n    properties:\n      certificate:\n        fn::readFile: ${file}\n");
        const stack = await scenario(program, { file: "with-key.pem" });
        api().resetStats();
        const runs = [await project.action("preview", stack), await project.action("up", stack)];
        refused(runs, /key material/, [keyBase64, made.pem.split("\n")[1], LEAK_CANARY_KEY]);
    });

    it("an admin key pasted into baseUrl, with the key itself only in OPENAI_ADMIN_KEY, is refused at preview without a byte of it printed or stored", async () => {
        const program = yamlProgram(["pastedBaseUrl"], "  pasted-url:\n    type: openai-certificates:index:Certificates\n    properties:\n      baseUrl: ${pastedBaseUrl}\n");
        const stack = await scenario(program, { pastedBaseUrl: LEAK_CANARY_KEY }, false);
        api().resetStats();
        const runs = [await project.action("preview", stack, { env: { OPENAI_ADMIN_KEY: LEAK_CANARY_KEY } })];
        refused(runs, /Invalid argument "baseUrl"/, [LEAK_CANARY_KEY]);
    });

    it("an activation of an expired certificate fails preview and up, and nothing is activated", async () => {
        const expired = api().state.certificates.find((c) => c.name === "expired-inactive")!.id;
        const program = yamlProgram(["certificateId"], "  switch-on:\n    type: openai-certificates:index:CertificateActivation\n    properties:\n      certificateId: ${certificateId}\n");
        const stack = await scenario(program, { certificateId: expired });
        api().resetStats();
        const runs = [await project.action("preview", stack), await project.action("up", stack)];
        refused(runs, /"expired-inactive" \(cert_\w+\) expired on .*: nothing was activated/, [LEAK_CANARY_KEY]);
        assert.equal(api().state.certificates.find((c) => c.id === expired)!.active, false);
    });
});

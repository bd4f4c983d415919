import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { LEAK_CANARY_KEY, useFakeApi } from "../support/fixtures";
import { goCaches, goProgramBinary, requirePluginLanguage } from "../support/language-hosts";
import { copyUserProject } from "../support/packed-package";
import { readUploadActivateAndGate } from "../support/plugin-programs";
import { REPO_ROOT } from "../support/processes";
import { PulumiProject, assertKeyNowhere, expectOk, pulumiProject } from "../support/pulumi-cli";

const EXAMPLE_DIR = path.join(REPO_ROOT, "examples/go");
const EXAMPLE = fs.readFileSync(path.join(EXAMPLE_DIR, "Pulumi.yaml"), "utf8");
const PROJECT = /^name: (\S+)$/m.exec(EXAMPLE)![1];
const PLUGIN_PATH = /^\s+path: (\S+)$/m.exec(EXAMPLE)![1];

/**
 * Issue 24 through the real Pulumi CLI and its Go language host: examples/go in a fresh project
 * with the packed package installed, its Go SDK generated from the plugin and linked into go.mod by
 * `pulumi package add` (as the example says), against the fake API. The program is compiled once
 * per machine (the binary is kept with the CLI's Go caches, `runtime.options.binary`), so that the
 * language host does not run `go build` in each of the CLI runs.
 */
describe("a Go program through the provider plugin and its generated SDK (issue 24)", function () {
    this.timeout(900_000);
    const api = useFakeApi(() => ({ nowSeconds: Math.floor(Date.now() / 1000), seed: { certificates: [{ name: "in-use-healthy", expiresIn: "200d", active: true }] } }));
    let project: PulumiProject;

    before(async function () {
        this.timeout(20 * 60_000);
        const cli = await requirePluginLanguage(this, "go", "the Go program through the provider plugin");
        const files = Object.fromEntries(["main.go", "go.mod"].map((f) => [f, fs.readFileSync(path.join(EXAMPLE_DIR, f), "utf8")]));
        project = pulumiProject({ dir: await copyUserProject(), cli, name: PROJECT, pulumiYaml: EXAMPLE, files });
        const goEnv = { ...(await goCaches()), GOFLAGS: "-mod=mod" };

        // The executable, not its folder: `package add` names the package after `pulumi-resource-<name>`.
        const added = await project.pulumi(["package", "add", `${PLUGIN_PATH}/pulumi-resource-openai-certificates`], { env: goEnv });
        expectOk(added);
        assert.ok(fs.existsSync(path.join(project.dir, "sdks", "openai-certificates")), `no SDK under sdks/: ${added.output}`);
        assert.match(fs.readFileSync(path.join(project.dir, "go.mod"), "utf8"), /replace .* => \.\/sdks\/openai-certificates/);

        const binary = await goProgramBinary(project.dir, project.env);
        const pulumiYaml = fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8");
        fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), pulumiYaml.replace(/^runtime: go$/m, `runtime:\n  name: go\n  options:\n    binary: ${binary}`));
    });

    it("reads with both functions, uploads and activates with the resources, the ready pack passes a healthy list and fails preview on a certificate 5 days from expiry; the key is in no output, state or log", async () => {
        const { stack, runs } = await readUploadActivateAndGate(project, api, PROJECT);
        assertKeyNowhere(project, stack, LEAK_CANARY_KEY, runs);
    });
});

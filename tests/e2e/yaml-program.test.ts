import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { LEAK_CANARY_KEY, useFakeApi } from "../support/fixtures";
import { requirePluginLanguage } from "../support/language-hosts";
import { copyUserProject } from "../support/packed-package";
import { REPO_ROOT } from "../support/processes";
import { readUploadActivateAndGate } from "../support/plugin-programs";
import { PulumiProject, assertKeyNowhere, expectOk, pulumiProject } from "../support/pulumi-cli";

/** examples/yaml as users copy it into a folder where the package is installed. */
const EXAMPLE = fs.readFileSync(path.join(REPO_ROOT, "examples/yaml/Pulumi.yaml"), "utf8");
const PROJECT = /^name: (\S+)$/m.exec(EXAMPLE)![1];

/**
 * Issue 24 through the real Pulumi CLI and its YAML language host: examples/yaml, with the provider
 * plugin from the packed package installed in a fresh project (a path in `plugins.providers`),
 * against the fake API. Few CLI runs: one passing gated preview, one up, one failing gated preview,
 * one destroy.
 */
describe("a Pulumi YAML program through the provider plugin (issue 24)", function () {
    this.timeout(900_000);
    // On the real clock: the plugin and the pack judge against it.
    const api = useFakeApi(() => ({ nowSeconds: Math.floor(Date.now() / 1000), seed: { certificates: [{ name: "in-use-healthy", expiresIn: "200d", active: true }] } }));
    let project: PulumiProject;

    before(async function () {
        this.timeout(20 * 60_000);
        const cli = await requirePluginLanguage(this, "yaml", "the YAML program through the provider plugin");
        project = pulumiProject({ dir: await copyUserProject(), cli, name: PROJECT, pulumiYaml: EXAMPLE, files: {} });
    });

    const writes = () => api().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

    it("reads with both functions, uploads and activates with the resources, the ready pack passes a healthy list and fails preview on a certificate 5 days from expiry, destroy cleans up; the key is in no output, state or log", async () => {
        const { stack, runs, uploaded } = await readUploadActivateAndGate(project, api, PROJECT);
        api().resetStats();
        // With the engine's log on stderr, as verbose as it gets without the engine itself printing
        // every provider's config in plain text (at -v=9 it logs the Configure request's properties,
        // secrets too, for any provider): the plugin's own log lines are at every level.
        const destroyed = await project.action("destroy", stack, { args: ["--logtostderr", "-v=8"] });
        expectOk(destroyed);
        assert.deepEqual(writes(), ["POST /organization/certificates/deactivate", `DELETE /organization/certificates/${uploaded}`]);

        assertKeyNowhere(project, stack, LEAK_CANARY_KEY, [...runs, destroyed]);
    });
});


import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PACKAGE_VERSION } from "../../../provider/api/version";
import { LEAK_CANARY_KEY, assertNoKeyIn, namedCertificate, useFakeApi } from "../../support/fixtures";
import { installPackedPackage, packedTarball } from "../../support/packed-package";
import { PluginProcess, startPluginProcess } from "../../support/plugin-process";
import { REPO_ROOT } from "../../support/processes";
import { requirePulumiCli } from "../../support/pulumi-cli";

const run = promisify(execFile);

/*
 * The plugin as users get it without a download: the plugin folder of the package installed from
 * its `npm pack` tarball into a user project (what `plugins.providers` points at), and the plugin
 * archive for `pulumi plugin install resource openai-certificates <version> --file ...`:
 * made by scripts/plugin-archive.sh from the packed package, as a release would make it, then
 * installed into an empty PULUMI_HOME by the real CLI, and the installed plugin run.
 */
describe("the plugin as users get it: the installed package's plugin folder, and the archive of scripts/plugin-archive.sh (issue 24)", function () {
    this.timeout(240_000);
    const api = useFakeApi(() => ({ seed: { certificates: [namedCertificate("gateway", 90, {}, Math.floor(Date.now() / 1000))] } }));
    let archive: string;
    let listing: string[];
    let plugin: PluginProcess | undefined;

    before(async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-archive-"));
        const { stdout } = await run("bash", [path.join(REPO_ROOT, "scripts/plugin-archive.sh"), "--tarball", await packedTarball(), "--out", out], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
        archive = stdout.trim().split("\n").pop()!;
        listing = (await run("tar", ["-tzvf", archive], { maxBuffer: 64 * 1024 * 1024 })).stdout.split("\n");
    });
    afterEach(async () => {
        await plugin?.close();
        plugin = undefined;
    });

    const entry = (file: string) => listing.find((line) => line.endsWith(` ./${file}`));

    it("is named for its version and holds the executable, the schema, the package and @pulumi/pulumi, and no development dependency", () => {
        assert.equal(path.basename(archive), `pulumi-resource-openai-certificates-v${PACKAGE_VERSION}.tar.gz`);
        assert.match(entry("pulumi-resource-openai-certificates") ?? "", /^-rwx/, "the executable is missing or not executable");
        for (const file of ["schema.json", "node_modules/pulumi-openai-certificates/dist/provider/plugin/main.js", "node_modules/pulumi-openai-certificates/pulumi-plugin/pulumi-resource-openai-certificates", "node_modules/@pulumi/pulumi/provider/server.js"]) {
            assert.ok(entry(file), `${file} is not in the archive`);
        }
        for (const devOnly of ["mocha", "typescript", "@microsoft/api-extractor", "dependency-cruiser"]) {
            assert.ok(!listing.some((line) => line.includes(` ./node_modules/${devOnly}/`)), `${devOnly} is in the archive`);
        }
    });

    it("runs from the plugin folder of the package installed into a user project, with that project's @pulumi/pulumi", async () => {
        const project = await installPackedPackage();
        for (const launcher of ["node_modules/pulumi-openai-certificates/pulumi-plugin/pulumi-resource-openai-certificates", "node_modules/.bin/pulumi-resource-openai-certificates"]) {
            plugin = await startPluginProcess({ launcher: path.join(project, launcher), env: { OPENAI_ADMIN_KEY: "", OPENAI_BASE_URL: "" } });
            assert.equal((await plugin.getSchema()).name, "openai-certificates", launcher);
            await plugin.configure({ name: "default", urn: "urn:pulumi:dev::proj::pulumi:providers:openai-certificates::default" }, { adminApiKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
            const result = await plugin.invoke("openai-certificates:index:getCertificates", {});
            assert.deepEqual((result.outputs.certificates as Array<{ id: string }>).map((c) => c.id), ["cert_gateway"], launcher);
            await plugin.close();
            plugin = undefined;
        }
    });

    it("installs with `pulumi plugin install --file` into an empty PULUMI_HOME, and the installed plugin serves its schema and reads the fake API", async function () {
        const cli = await requirePulumiCli(this, "the plugin archive's install");
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-pulumi-home-"));
        const env = { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" };
        await run(path.join(cli.binDir, "pulumi"), ["plugin", "install", "resource", "openai-certificates", PACKAGE_VERSION, "--file", archive], { env });
        const { stdout } = await run(path.join(cli.binDir, "pulumi"), ["plugin", "ls", "--json"], { env });
        const installed = (JSON.parse(stdout) as Array<{ name: string; kind: string; version: string; path?: string }>).find((p) => p.name === "openai-certificates");
        assert.ok(installed, `pulumi plugin ls does not list it: ${stdout}`);
        assert.equal(installed.kind, "resource");
        assert.equal(installed.version, PACKAGE_VERSION);

        const launcher = path.join(home, "plugins", `resource-openai-certificates-v${PACKAGE_VERSION}`, "pulumi-resource-openai-certificates");
        plugin = await startPluginProcess({ launcher, env: { OPENAI_ADMIN_KEY: "", OPENAI_BASE_URL: "" } });
        assert.equal((await plugin.getSchema()).name, "openai-certificates");
        await plugin.configure({ name: "default", urn: "urn:pulumi:dev::proj::pulumi:providers:openai-certificates::default" }, { adminApiKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
        const result = await plugin.invoke("openai-certificates:index:getCertificates", {});
        assert.deepEqual((result.outputs.certificates as Array<{ id: string }>).map((c) => c.id), ["cert_gateway"]);
        assertNoKeyIn([result, plugin.stderr()]);
    });
});

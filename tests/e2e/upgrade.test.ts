import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { CertificateSpec, FakeOpenAI, startFakeOpenAI } from "../../fake-api";
import { LEAK_CANARY_KEY, namedCertificate } from "../support/fixtures";
import { copyUserProject, packedTarball } from "../support/packed-package";
import { REPO_ROOT } from "../support/processes";
import { PulumiProject, expectOk, exportStack, filesUnder, pulumiProject, requirePulumiCli } from "../support/pulumi-cli";
import { CERTIFICATES_TYPE } from "../../sdk";

const run = promisify(execFile);
/** Version 0.1.0 as published, packed once from commit 440f9bb. */
const RELEASE_0_1_0 = path.join(REPO_ROOT, "tests/fixtures/pulumi-openai-certificates-0.1.0.tgz");

/** A program that only uses what 0.1.0 had, so the same file runs before and after the upgrade. */
const PROGRAM = `"use strict";
const { Certificates } = require("pulumi-openai-certificates");
const organization = new Certificates("organization-certificates", {});
const project = new Certificates("project-certificates", { projectId: "proj_payments" });
exports.organizationCertificateIds = organization.certificates.apply((cs) => cs.map((c) => c.id));
exports.projectCertificateIds = project.certificates.apply((cs) => cs.map((c) => c.id));
`;

/**
 * Pulumi stores each dynamic resource's serialized provider in the state, and `refresh` and `destroy`
 * run that stored code, which loads `pulumi-openai-certificates/provider` by name and calls its
 * operations. A stack created with 0.1.0 must keep working after the package is upgraded.
 */
describe("upgrading from 0.1.0: a stack created with it keeps working through the real CLI", function () {
    this.timeout(600_000);
    let api: FakeOpenAI;
    let project: PulumiProject;

    before(async function () {
        this.timeout(20 * 60_000);
        const cli = await requirePulumiCli(this, "the upgrade test");
        const dir = await copyUserProject();
        await npmInstall(dir, RELEASE_0_1_0);
        assert.equal(installedVersion(dir), "0.1.0");
        project = pulumiProject({ dir, cli, name: "upgrade", main: "index.js", typescript: false, files: { "index.js": PROGRAM } });
        api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY });
    });
    after(async () => {
        await api?.close();
    });

    const now = () => Math.floor(Date.now() / 1000);
    const cert = (name: string, days: number): CertificateSpec => namedCertificate(name, days, {}, now());

    it("up with 0.1.0; then, upgraded, refresh, up and destroy all succeed and the key stays out of the state", async () => {
        api.setState({ certificates: [cert("gateway", 120)], projects: [{ id: "proj_payments", name: "payments", certificates: [{ id: "cert_gateway", active: true }] }] });
        const stack = "upgrade";
        expectOk(await project.pulumi(["stack", "init", stack]));
        expectOk(await project.pulumi(["config", "set", "--secret", "openai:adminKey", "--stack", stack], { input: LEAK_CANARY_KEY }));
        expectOk(await project.pulumi(["config", "set", "openai:baseUrl", api.baseUrl, "--stack", stack]));
        const created = await project.action("up", stack, { skipPreview: true });
        expectOk(created);
        assert.deepEqual(await heldIds(project, stack), { "organization-certificates": ["cert_gateway"], "project-certificates": ["cert_gateway"] });

        // Upgrade the package in place, as `npm install pulumi-openai-certificates@latest` would.
        await npmInstall(project.dir, await packedTarball());
        assert.notEqual(installedVersion(project.dir), "0.1.0");

        // refresh runs the provider code stored by 0.1.0 against the upgraded package.
        api.setState({ certificates: [cert("gateway", 120), cert("added", 90)], projects: [{ id: "proj_payments", name: "payments", certificates: [{ id: "cert_gateway", active: true }] }] });
        const refreshed = await project.action("refresh", stack);
        expectOk(refreshed);
        assert.deepEqual((await heldIds(project, stack))["organization-certificates"], ["cert_added", "cert_gateway"], "refresh through the stored 0.1.0 provider read the new list");

        const updated = await project.action("up", stack);
        expectOk(updated);
        const again = await project.action("up", stack, { skipPreview: true });
        expectOk(again);
        assert.doesNotMatch(again.output, /certificates\s+(update|replace|create)/, "an unchanged up after the upgrade changes nothing");

        const destroyed = await project.action("destroy", stack);
        expectOk(destroyed);
        assert.equal((await exportStack(project, stack)).deployment.resources?.length ?? 0, 0);

        for (const r of [created, refreshed, updated, again, destroyed]) assert.ok(!r.output.includes(LEAK_CANARY_KEY), "the admin key appeared in the output");
        for (const file of filesUnder(project.backendDir)) assert.ok(!fs.readFileSync(file, "utf8").includes(LEAK_CANARY_KEY), `the admin key appeared in ${file}`);
    });
});

async function npmInstall(dir: string, tarball: string): Promise<void> {
    await run("npm", ["install", "--no-save", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", tarball], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
}

function installedVersion(dir: string): string {
    return JSON.parse(fs.readFileSync(path.join(dir, "node_modules/pulumi-openai-certificates/package.json"), "utf8")).version;
}

async function heldIds(project: PulumiProject, stack: string): Promise<Record<string, string[]>> {
    const held: Record<string, string[]> = {};
    for (const r of (await exportStack(project, stack)).deployment.resources ?? []) {
        if (r.type === CERTIFICATES_TYPE) held[r.urn.split("::").pop()!] = (r.outputs?.certificates ?? []).map((c) => c.id).sort();
    }
    return held;
}


import { strict as assert } from "assert";
import { DAY, LEAK_CANARY_KEY, NOW_SECONDS, useFakeApi } from "../support/fixtures";
import { copyUserProject } from "../support/packed-package";
import { PulumiProject, expectOk, initStack, pulumiProject, requirePulumiCli } from "../support/pulumi-cli";

/**
 * A program whose read depends on a resource that the same update creates: `Upload` stands for a
 * certificate upload, after which the list should be read. Its create calls the fake API's project
 * list (without a key: the request is only a mark in the fake's log), so the test can tell from the
 * order of requests whether the certificate read waited for it. No pause is needed to make a read
 * that does not wait show first: the create reaches the provider only after the engine has started
 * the dynamic provider host, a process, while the program's own read starts at once.
 * `e2e-depends-on:gate` ("fail" or "defer") adds the in-program gate over the result.
 */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { getCertificatesOutput, assertCertificateExpiryOutput } = require("pulumi-openai-certificates");

const uploadProvider = {
    async create(inputs) {
        await fetch(inputs.baseUrl + "/organization/projects");
        return { id: "upload-1", outs: inputs };
    },
};
class Upload extends pulumi.dynamic.Resource {
    constructor(name, baseUrl) {
        super(uploadProvider, name, { baseUrl }, {}, "e2e", "Upload");
    }
}

const upload = new Upload("gateway-upload", new pulumi.Config("openai").require("baseUrl"));
const certificates = getCertificatesOutput({}, { dependsOn: [upload] });
const gate = new pulumi.Config().get("gate");
if (gate) assertCertificateExpiryOutput(certificates, { unknownDuringPreview: gate });
exports.certificateIds = certificates.certificates.apply((cs) => cs.map((c) => c.id));
`;

/** Two certificates years from expiry, whatever the real clock says: the gate passes on them once it can judge. */
const HEALTHY = [
    { id: "cert_gateway", name: "gateway", expiresAt: NOW_SECONDS + 5 * 365 * DAY },
    { id: "cert_edge", name: "edge", expiresAt: NOW_SECONDS + 6 * 365 * DAY },
];

/**
 * Issue 13, "Pulumi conventions": `dependsOn` of the Output form through the real Pulumi CLI and its
 * Node.js language host, with the packed package in a fresh project. In the preview of a new stack
 * the read is unknown (and the in-program gate does not pass it); in `pulumi up` it runs after the
 * resource is created, and its result is known.
 */
describe("getCertificatesOutput with dependsOn, through the real Pulumi CLI (issue 13)", function () {
    this.timeout(600_000);
    const api = useFakeApi(() => ({ seed: { certificates: HEALTHY } }));
    let project: PulumiProject;
    let stackCounter = 0;

    before(async function () {
        this.timeout(20 * 60_000);
        const cli = await requirePulumiCli(this, "the end-to-end tier");
        project = pulumiProject({ dir: await copyUserProject(), cli, name: "e2e-depends-on", main: "index.js", typescript: false, files: { "index.js": PROGRAM } });
    });

    const newStack = (config: Record<string, string> = {}) => initStack(project, `d${++stackCounter}`, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, config });
    /** How `pulumi preview` shows a stack output that is unknown. */
    const UNKNOWN_IDS = /certificateIds\s*:\s*\[unknown\]/;
    const paths = () => api().requests.map((r) => r.path);

    it("is unknown in the preview of a new stack, and known in up, read after the resource is created", async () => {
        const stack = await newStack();
        const preview = await project.action("preview", stack);
        expectOk(preview);
        assert.match(preview.output, UNKNOWN_IDS, "the stack output is unknown in the preview");
        assert.deepEqual(paths(), [], "nothing was read while the resource it depends on was only planned");

        const up = await project.action("up", stack, { skipPreview: true });
        expectOk(up);
        const ids = await project.pulumi(["stack", "output", "certificateIds", "--json", "--stack", stack]);
        expectOk(ids);
        assert.deepEqual(JSON.parse(ids.stdout).sort(), ["cert_edge", "cert_gateway"]);
        assert.deepEqual(paths(), ["/organization/projects", "/organization/certificates"], "the read waited for the create");

        // The resource exists now: the next preview reads, and the output is known there.
        const again = await project.action("preview", stack);
        expectOk(again);
        assert.doesNotMatch(again.output, UNKNOWN_IDS);
        assert.deepEqual(paths().slice(2), ["/organization/certificates"]);
        for (const run of [preview, up, again]) assert.ok(!run.output.includes(LEAK_CANARY_KEY));
    });

    it("the in-program gate does not pass the unknown read: it fails the preview by default, and defers when told", async () => {
        const failing = await newStack({ "e2e-depends-on:gate": "fail" });
        const stopped = await project.action("preview", failing);
        assert.notEqual(stopped.code, 0, stopped.output);
        assert.match(stopped.output, /The certificate expiry check cannot run during preview: the certificates are not known yet/);

        const deferring = await newStack({ "e2e-depends-on:gate": "defer" });
        const deferred = await project.action("preview", deferring);
        expectOk(deferred);
        assert.match(deferred.output, /The certificate expiry check is deferred/);
        const up = await project.action("up", deferring, { skipPreview: true });
        expectOk(up);
        assert.equal(api().requestsTo("/organization/certificates").length, 1, "the gate judged the list read in the update");
    });
});

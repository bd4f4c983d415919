import { strict as assert } from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { FakeOpenAI, startFakeOpenAI, CertificateSpec } from "../../fake-api";
import { dynamicOperations } from "../../provider";
import { CERTIFICATES_TYPE, CertificateExpiryError } from "../../sdk";
import { certificateExpiryPolicy, certificateExpiryWarningPolicy } from "../../sdk/policies";
import { DAY, LEAK_CANARY_KEY, namedCertificate } from "../support/fixtures";
import { REPO_ROOT } from "../support/processes";

const PROGRAM = path.join(REPO_ROOT, "dist/examples/gate/index.js");

interface CheckedResource {
    name: string;
    urn: string;
    inputs: Record<string, unknown>;
    provider: string;
}

/**
 * Runs the example program under Pulumi's mocks. The mocks play the engine's part for the
 * Certificates resource: they call the provider's real check and create operations (against the
 * fake API), as the provider host would.
 */
async function runProgram(api: FakeOpenAI, config: Record<string, string>): Promise<{ outputs: Record<string, unknown>; resources: CheckedResource[] }> {
    const resources: CheckedResource[] = [];
    pulumi.runtime.setAllConfig(
        { "openai:adminApiKey": LEAK_CANARY_KEY, "openai:baseUrl": api.baseUrl, ...Object.fromEntries(Object.entries(config).map(([k, v]) => [`gate:${k}`, v])) },
        ["openai:adminApiKey"],
    );
    await pulumi.runtime.setMocks(
        {
            newResource: async (args) => {
                if (args.type !== CERTIFICATES_TYPE) return { id: `${args.name}-id`, state: args.inputs };
                const { __provider, ...inputs } = args.inputs;
                const checked = await dynamicOperations.checkCertificatesResource(inputs, { adminKey: LEAK_CANARY_KEY, baseUrl: api.baseUrl });
                if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
                resources.push({ name: args.name, urn: `urn:pulumi:test::gate::${args.type}::${args.name}`, inputs: checked.inputs, provider: __provider });
                const { id, outs } = dynamicOperations.createCertificates(checked.inputs);
                return { id, state: outs };
            },
            call: (args) => args.inputs,
        },
        "gate",
        "test",
        true,
    );
    delete require.cache[PROGRAM];
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const program = require(PROGRAM) as () => Promise<Record<string, pulumi.Output<unknown> | undefined>>;
    const exported = await program();
    const outputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(exported)) {
        if (v !== undefined) outputs[k] = await new Promise((resolve) => v.apply(resolve));
    }
    return { outputs, resources };
}

/** Runs both policies over a resource's checked inputs, as the policy host would. */
function policyViolations(resource: CheckedResource): Array<{ policy: string; level: string; message: string }> {
    const found: Array<{ policy: string; level: string; message: string }> = [];
    for (const policy of [certificateExpiryPolicy, certificateExpiryWarningPolicy]) {
        const args = {
            type: CERTIFICATES_TYPE,
            name: resource.name,
            urn: resource.urn,
            props: resource.inputs,
            // No `now`: the program judged with the real clock, and so does the policy here.
            getConfig: () => ({}),
        };
        const validate = policy.validateResource as (args: unknown, report: (message: string) => void) => void;
        validate(args, (message) => found.push({ policy: policy.name, level: String(policy.enforcementLevel), message }));
    }
    return found;
}

describe("the example gate program, under pulumi.runtime.setMocks", function () {
    this.timeout(60_000);
    let api: FakeOpenAI;
    // The program reads the real clock; seed the fake relative to one reading of it, taken once, so
    // that certificates made together get equal creation times (the order test relies on it) and a
    // second boundary between two readings cannot reorder them.
    let now: number;
    const cert = (name: string, days: number, extra: Partial<CertificateSpec> = {}): CertificateSpec => namedCertificate(name, days, { createdAt: now - 100 * DAY, ...extra }, now);

    beforeEach(async () => {
        now = Math.floor(Date.now() / 1000);
        api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY });
    });
    afterEach(async () => {
        await api.close();
        pulumi.runtime.setAllConfig({});
    });

    it("passes with healthy certificates, holding the list in the Certificates resource", async () => {
        api.setState({ certificates: [cert("gateway", 90), cert("edge", 120)] });
        const { outputs, resources } = await runProgram(api, {});
        assert.equal(outputs.organizationCertificateCount, 2);
        assert.deepEqual(outputs.organizationCertificateIds, ["cert_gateway", "cert_edge"], "newest first; equal times fall back to the id");
        assert.equal(resources.length, 1);
        assert.deepEqual(policyViolations(resources[0]), []);
        assert.ok(!resources[0].provider.includes(LEAK_CANARY_KEY), "the serialized provider must not hold the key");
    });

    it("fails with CertificateExpiryError when an active certificate expires in 5 days, and the policy agrees", async () => {
        api.setState({ certificates: [cert("gateway", 5), cert("edge", 120)] });
        await assert.rejects(runProgram(api, {}), (e: unknown) => e instanceof CertificateExpiryError && /cert_gateway/.test(e.message));
    });

    it("leaves gating to the policy pack when the assertion is off", async () => {
        api.setState({ certificates: [cert("gateway", 5), cert("edge", 20)] });
        const { resources } = await runProgram(api, { assert: "false" });
        const violations = policyViolations(resources[0]);
        assert.deepEqual(
            violations.map((v) => [v.policy, v.level]),
            [
                ["openai-certificate-expiry", "mandatory"],
                ["openai-certificate-expiry-warning", "advisory"],
            ],
        );
        assert.match(violations[0].message, /cert_gateway/);
        assert.match(violations[1].message, /cert_edge/);
    });

    it("reads a project with both the resource and getCertificatesOutput", async () => {
        api.setState({ certificates: [cert("gateway", 90), cert("edge", 120)], projects: [{ id: "proj_payments", certificates: [{ id: "cert_edge" }] }] });
        const { outputs, resources } = await runProgram(api, { projectId: "proj_payments" });
        assert.deepEqual(outputs.projectCertificateIds, ["cert_edge"]);
        assert.deepEqual(outputs.projectListedIds, ["cert_edge"]);
        assert.deepEqual(
            resources.map((r) => r.name).sort(),
            ["organization-certificates", "project-certificates"],
        );
    });
});

/**
 * The demo, the package's main job: the fake OpenAI API on loopback with an embedded organization,
 * its certificates read with getCertificates, then the root Pulumi.yaml project previewed through
 * the real Pulumi CLI with the ready policy pack, once healthy and once with a certificate about to
 * expire. Exits 0 when the first preview passed and the second was stopped.
 *
 *     npm run demo
 */
import { startFakeOpenAI } from "../../fake-api";
import { formatCertificateTable, getCertificates } from "../../sdk";
import { DEMO_ORGANIZATION, EXPIRING_CERTIFICATE } from "./organization";
import { installPulumiCli, pulumiCliProblem } from "./pulumi-cli";
import { DemoStack } from "./pulumi-gate";

function heading(text: string): void {
    console.log(`\n${"=".repeat(100)}\n${text}\n${"=".repeat(100)}`);
}

async function main(): Promise<number> {
    const cli = await installPulumiCli();
    if (!cli) throw new Error("no Pulumi CLI could be installed (see the message above)");
    const problem = await pulumiCliProblem(cli.binDir);
    if (problem) throw new Error(problem);
    // FAKE_OPENAI_ADMIN_KEY lets the secret sweep run the demo with a recognisable key.
    const api = await startFakeOpenAI({ seed: DEMO_ORGANIZATION, adminKey: process.env.FAKE_OPENAI_ADMIN_KEY || undefined });
    const stack = new DemoStack(cli, "demo");
    // Whatever ends the demo (an error, Ctrl-C, a kill), its temporary stack and config go with it.
    const stop = (signal: NodeJS.Signals) => {
        stack.dispose();
        process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once("SIGINT", stop).once("SIGTERM", stop);
    try {
        heading(`1. The fake OpenAI API on ${api.baseUrl} (loopback only), read with getCertificates`);
        const org = await getCertificates({ adminKey: api.adminKey, baseUrl: api.baseUrl });
        console.log(`Organization certificates (${org.certificates.length}, read in ${api.requests.length} request(s)):`);
        console.log(formatCertificateTable(org.certificates, new Date()));
        const project = DEMO_ORGANIZATION.projects![0].id!;
        const proj = await getCertificates({ adminKey: api.adminKey, baseUrl: api.baseUrl, projectId: project });
        console.log(`\nProject ${project} certificates (${proj.certificates.length}):`);
        console.log(formatCertificateTable(proj.certificates, new Date()));

        heading("2. pulumi preview --policy-pack policy-pack, with healthy certificates: expected to PASS");
        await stack.init({ adminKey: api.adminKey, baseUrl: api.baseUrl, settings: { "openai-certificates-gate:assert": "false" } });
        const healthyPassed = await stack.previewWithPolicyPack();

        heading(`3. The same preview after "${EXPIRING_CERTIFICATE.name}" is uploaded, expiring in ${EXPIRING_CERTIFICATE.expiresIn}: expected to FAIL`);
        api.setState({ ...DEMO_ORGANIZATION, certificates: [...DEMO_ORGANIZATION.certificates!, EXPIRING_CERTIFICATE] });
        const expiringPassed = await stack.previewWithPolicyPack();

        heading("Result");
        console.log(`healthy preview:  ${healthyPassed ? "passed (as expected)" : "FAILED (unexpected)"}`);
        console.log(`expiring preview: ${expiringPassed ? "PASSED (unexpected: the gate let it through)" : "failed on the mandatory policy (as expected)"}`);
        return healthyPassed && !expiringPassed ? 0 : 1;
    } finally {
        stack.dispose();
        await api.close();
    }
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    },
);

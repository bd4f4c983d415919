/**
 * The demo: starts the fake OpenAI API on loopback with an embedded organization, then reads its
 * certificates with getCertificates exactly as a Pulumi program would, and prints them.
 *
 *     npm run demo
 */
import { startFakeOpenAI } from "../../fake-api";
import { formatCertificateTable, getCertificates } from "../../sdk";
import { DEMO_ORGANIZATION } from "./organization";

async function main(): Promise<number> {
    const api = await startFakeOpenAI({ seed: DEMO_ORGANIZATION });
    try {
        console.log(`Fake OpenAI API listening on ${api.baseUrl} (loopback only)\n`);
        const org = await getCertificates({ adminKey: api.adminKey, baseUrl: api.baseUrl });
        console.log(`Organization certificates (${org.certificates.length}, read in ${api.requests.length} request(s)):`);
        console.log(formatCertificateTable(org.certificates, new Date()));

        const project = DEMO_ORGANIZATION.projects![0].id!;
        const proj = await getCertificates({ adminKey: api.adminKey, baseUrl: api.baseUrl, projectId: project });
        console.log(`\nProject ${project} certificates (${proj.certificates.length}):`);
        console.log(formatCertificateTable(proj.certificates, new Date()));
        return org.certificates.length === DEMO_ORGANIZATION.certificates!.length ? 0 : 1;
    } finally {
        await api.close();
    }
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(`demo failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        process.exit(1);
    },
);

// The gate program as an ES module (package.json "type": "module"), as a user writes one: `import`
// of this CommonJS package works through Node's named-export detection, and top-level await reads
// the list before the program ends. Configuration as in examples/gate.
import * as pulumi from "@pulumi/pulumi";
import { Certificates, assertCertificateExpiry, getCertificates } from "pulumi-openai-certificates";

const config = new pulumi.Config();
const organization = new Certificates("organization-certificates", {});

if (config.getBoolean("assert") !== false) {
    const report = assertCertificateExpiry(await getCertificates(), {
        warnWithin: config.get("warnWithin") ?? "30d",
        failWithin: config.get("failWithin") ?? "14d",
    });
    pulumi.log.info(report.summary);
}

export const organizationCertificateIds = organization.certificates.apply((cs) => cs.map((c) => c.id));

/**
 * An example Pulumi program that gates its deployment on certificate expiry, three ways:
 * - `Certificates` resources hold the lists in the stack, where the policy pack checks them;
 * - `getCertificates` reads the organization's list as a plain promise and the in-program
 *   assertion fails `pulumi preview` and `pulumi up` when an active certificate is near expiry;
 * - `getCertificatesOutput` reads a project's list as an Output.
 *
 * Configuration (`pulumi config set ...`): `openai:adminApiKey` (secret: `pulumi config set --secret
 * openai:adminApiKey` prompts for it; `openai:adminKey` is read as an alias), `openai:baseUrl`,
 * `projectId`, `warnWithin`, `failWithin`, `assert` (set to `false` to leave gating to the policy pack).
 */
import * as pulumi from "@pulumi/pulumi";
import { Certificates, assertCertificateExpiry, getCertificates, getCertificatesOutput } from "pulumi-openai-certificates";

export = async () => {
    const config = new pulumi.Config();
    const projectId = config.get("projectId");
    const options = { warnWithin: config.get("warnWithin") ?? "30d", failWithin: config.get("failWithin") ?? "14d" };

    const organization = new Certificates("organization-certificates", {});
    const project = projectId ? new Certificates(`project-certificates`, { projectId }) : undefined;

    if (config.getBoolean("assert") !== false) {
        const org = await getCertificates();
        const report = assertCertificateExpiry(org, options);
        pulumi.log.info(report.summary);
    }

    const outputs: Record<string, pulumi.Output<unknown>> = {
        organizationCertificateCount: organization.certificates.apply((cs) => cs.length),
        organizationCertificateIds: organization.certificates.apply((cs) => cs.map((c) => c.id)),
    };
    if (projectId && project) {
        outputs.projectCertificateIds = project.certificates.apply((cs) => cs.map((c) => c.id));
        outputs.projectListedIds = getCertificatesOutput({ projectId }).certificates.apply((cs) => cs.map((c) => c.id));
    }
    return outputs;
};

/**
 * An example Pulumi program that manages the organization's client certificate and rotates it
 * without a moment when no certificate is active:
 * - a `Certificate` uploads the PEM named by `certificateFile` (checked locally first: one
 *   certificate, not expired, not expiring within `minRemainingValidity`);
 * - a `CertificateActivation` activates it, in the organization or in `projectId` (refusing, before
 *   anything is sent, a certificate expired or within `minRemainingValidity`; one already active is
 *   taken over as it is);
 * - a `Certificates` resource holds the organization's list, where the expiry policy pack judges it.
 *
 * To rotate, point `certificateFile` at the new PEM and run `pulumi up`. The activation depends on
 * the certificate's id, so Pulumi uploads the new certificate, activates it, and only then
 * deactivates the old one (deleting the old activation) and deletes the old certificate.
 *
 * Configuration (`pulumi config set ...`): `openai:adminApiKey` (secret: `pulumi config set --secret
 * openai:adminApiKey` prompts for it), `openai:baseUrl`, `certificateFile` (required), `certificateName`,
 * `projectId`, `minRemainingValidity` (default "14d"), and `adoptCertificateId`: the id of a certificate
 * already uploaded with this PEM, to bring it under Pulumi (the `import` resource option) instead of
 * uploading it again.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Certificate, CertificateActivation, Certificates } from "pulumi-openai-certificates";

const config = new pulumi.Config();
const certificateFile = config.require("certificateFile");
const projectId = config.get("projectId");
const adopt = config.get("adoptCertificateId");

const certificate = new Certificate(
    "client-certificate",
    {
        certificate: fs.readFileSync(certificateFile, "utf8"),
        name: config.get("certificateName") ?? path.basename(certificateFile, path.extname(certificateFile)),
        minRemainingValidity: config.get("minRemainingValidity") ?? "14d",
    },
    adopt ? { import: adopt } : undefined,
);

// The same minRemainingValidity: an activation never switches on a certificate the gate would fail on.
const activation = new CertificateActivation("client-certificate", { certificateId: certificate.id, projectId, minRemainingValidity: config.get("minRemainingValidity") ?? "14d" });

// What the policy pack judges: every certificate of the organization, read in `check`.
const organization = new Certificates("organization-certificates", {});

export const certificateId = certificate.id;
export const fingerprintSha256 = certificate.fingerprintSha256;
export const expiresAt = certificate.expiresAt.apply((seconds) => new Date(seconds * 1000).toISOString());
export const activationId = activation.id;
// Read in `check`, before this update's writes: after a rotation it still lists the old certificate,
// until the next `pulumi up` or `pulumi refresh` reads the list again.
export const organizationCertificateIds = organization.certificates.apply((cs) => cs.map((c) => c.id));

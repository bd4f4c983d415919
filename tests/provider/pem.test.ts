import { strict as assert } from "assert";
import { X509Certificate } from "crypto";
import { InvalidArgumentError, inspectPemCertificate } from "../../provider/api";
import { invalidArgument } from "../support/fixtures";
import { testCertificate, testCertificateChain } from "../support/test-certificates";

const PRIVATE_KEY_BODY = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETKEYMATERIAL";

describe("inspectPemCertificate: a PEM read locally before anything is sent", () => {
    it("gives the fingerprint node:crypto computes, the dates and the names", async () => {
        const made = await testCertificate({ subjectCN: "gateway-2027", issuerCN: "Example CA", expiresIn: "90d" });
        const details = inspectPemCertificate(made.pem);
        assert.equal(details.fingerprintSha256, new X509Certificate(made.pem).fingerprint256);
        assert.equal(details.fingerprintSha256, made.fingerprint256);
        assert.equal(details.validAt, made.validAt);
        assert.equal(details.expiresAt, made.expiresAt);
        assert.equal(details.subject, "CN=gateway-2027");
        assert.equal(details.issuer, "CN=Example CA");
    });

    it("accepts the PEM with Windows line breaks and surrounding text", async () => {
        const made = await testCertificate();
        const details = inspectPemCertificate(`subject=CN=x\r\n${made.pem.replace(/\n/g, "\r\n")}\r\n`);
        assert.equal(details.fingerprintSha256, made.fingerprint256);
    });

    it("refuses a chain, naming how many certificates it holds", async () => {
        const chain = await testCertificateChain();
        assert.throws(() => inspectPemCertificate(chain.pem), (e: unknown) => invalidArgument("certificate")(e) && /holds 2 certificates/.test((e as Error).message));
    });

    it("refuses a private key beside the certificate, without quoting it", async () => {
        const made = await testCertificate();
        const withKey = `${made.pem}-----BEGIN PRIVATE KEY-----\n${PRIVATE_KEY_BODY}\n-----END PRIVATE KEY-----\n`;
        for (const pem of [withKey, `-----BEGIN EC PRIVATE KEY-----\n${PRIVATE_KEY_BODY}\n-----END EC PRIVATE KEY-----\n${made.pem}`]) {
            const error = assertThrowsArgument(() => inspectPemCertificate(pem));
            assert.match(error.message, /private key/);
            assert.ok(!error.message.includes(PRIVATE_KEY_BODY), "the key material was quoted back");
        }
    });

    it("refuses text with no certificate, another block, DER that does not parse, and what is not text", async () => {
        assert.match(assertThrowsArgument(() => inspectPemCertificate("hello")).message, /no "-----BEGIN CERTIFICATE-----" block/);
        const made = await testCertificate();
        assert.match(assertThrowsArgument(() => inspectPemCertificate(`${made.pem}-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n`)).message, /"PUBLIC KEY" block/);
        assert.match(assertThrowsArgument(() => inspectPemCertificate("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n")).message, /could not be read as an X\.509 certificate/);
        assert.match(assertThrowsArgument(() => inspectPemCertificate(42)).message, /got number/);
        assert.match(assertThrowsArgument(() => inspectPemCertificate(null, "certificateFile")).message, /certificateFile.*got null/);
    });
});

function assertThrowsArgument(run: () => unknown): InvalidArgumentError {
    try {
        run();
    } catch (error) {
        assert.ok(error instanceof InvalidArgumentError, String(error));
        return error;
    }
    assert.fail("expected an InvalidArgumentError");
}

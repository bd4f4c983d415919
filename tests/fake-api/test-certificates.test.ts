import { strict as assert } from "assert";
import { X509Certificate } from "crypto";
import { NOW_SECONDS } from "../support/fixtures";
import { testCertificate, testCertificateChain } from "../support/test-certificates";

// The generator lives in tests/support; its tests sit here so that every CI leg runs them
// (scripts/test-legs.sh runs the fake-api folder on Node 22 and 24, not support/).
describe("the test certificate generator (tests/support/test-certificates.ts)", () => {
    it("makes certificates whose fingerprint, names and times node's X509Certificate reads back", async () => {
        const cert = await testCertificate({ subjectCN: "gateway", issuerCN: "Issuer", notBefore: new Date("2026-01-01T00:00:00.900Z"), notAfter: new Date("2026-03-01T12:00:00Z") });
        const read = new X509Certificate(cert.pem);
        assert.equal(read.fingerprint256, cert.fingerprint256);
        assert.equal(read.subject, "CN=gateway");
        assert.equal(read.issuer, "CN=Issuer");
        assert.equal(cert.validAt, Date.UTC(2026, 0, 1) / 1000, "cut to whole seconds");
        assert.equal(Date.parse(read.validFrom) / 1000, cert.validAt);
        assert.equal(Date.parse(read.validTo) / 1000, cert.expiresAt);
    });

    it("makes a chain whose leaf the CA signed", async () => {
        const chain = await testCertificateChain({ now: NOW_SECONDS });
        const leaf = new X509Certificate(chain.leaf.pem);
        const ca = new X509Certificate(chain.issuer.pem);
        assert.ok(leaf.checkIssued(ca));
        assert.ok(leaf.verify(ca.publicKey));
        assert.equal(ca.ca, true);
        assert.equal(leaf.ca, false);
        assert.equal(chain.pem, chain.leaf.pem + chain.issuer.pem);
    });

    it("refuses a certificate that would end before it starts", async () => {
        await assert.rejects(testCertificate({ now: NOW_SECONDS, validFrom: "1d", expiresIn: "-1d" }), /must end after it starts/);
    });
});

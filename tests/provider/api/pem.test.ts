import { strict as assert } from "assert";
import { X509Certificate, generateKeyPairSync } from "crypto";
import { InvalidArgumentError, inspectPemCertificate } from "../../../provider/api";
import { MAX_CERTIFICATE_PEM_BYTES, uploadRequirementProblem } from "../../../provider/api/pem";
import { invalidArgument } from "../../support/fixtures";
import { testCertificate, testCertificateChain } from "../../support/test-certificates";

const PRIVATE_KEY_BODY = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETKEYMATERIAL";
const CLEAN = /openssl x509 -in FILE\.pem -out clean\.pem/;

/** A real private key, in the forms people paste: PKCS#8 PEM, a JWK, and its bare base64. */
function realKey(): { pem: string; jwk: string; base64: string; secret: string } {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const jwk = privateKey.export({ format: "jwk" });
    const base64 = pem.split("\n").filter((l) => l && !l.startsWith("-----")).join("");
    return { pem, jwk: JSON.stringify(jwk), base64, secret: String(jwk.d) };
}

function assertThrowsArgument(run: () => unknown): InvalidArgumentError {
    try {
        run();
    } catch (error) {
        assert.ok(error instanceof InvalidArgumentError, String(error));
        return error;
    }
    assert.fail("expected an InvalidArgumentError");
}

/** Refused, naming the certificate argument, with the way to clean the file, quoting none of `secrets`. */
function assertRefusedQuietly(pem: string, pattern: RegExp, ...secrets: string[]): void {
    const error = assertThrowsArgument(() => inspectPemCertificate(pem));
    assert.ok(invalidArgument("certificate")(error));
    assert.match(error.message, pattern);
    assert.match(error.message, CLEAN);
    for (const secret of secrets) {
        for (const piece of [secret, secret.slice(0, 12), secret.slice(-12)]) assert.ok(!error.message.includes(piece), `the refusal quoted the input: ${error.message}`);
    }
}

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

    it("accepts what RFC 7468 allows around one block: a BOM, CRLF, blank lines, and explanatory text before it (issue 20, item 2)", async () => {
        const made = await testCertificate({ subjectCN: "gateway" });
        const pkcs12NoKeys = `Bag Attributes\n    localKeyID: 9A 5F 01 00 \n    friendlyName: gateway\nsubject=CN = gateway\n\nissuer=CN = gateway\n\n${made.pem}`;
        const x509Text =
            "Certificate:\n    Data:\n        Version: 3 (0x2)\n        Serial Number:\n            01:00:00:3a:00:00:00:01\n" +
            "        Signature Algorithm: ecdsa-with-SHA256\n        Subject Public Key Info:\n            Public Key Algorithm: id-ecPublicKey\n" +
            "                Public-Key: (256 bit)\n                pub:\n                    04:6b:17:d1:f2:e1:2c:42:47:f8:bc:e6:e5:63:a4:\n" +
            "                ASN1 OID: prime256v1\n                NIST CURVE: P-256\n        X509v3 extensions:\n            X509v3 Private Key Usage Period:\n" +
            "            X509v3 Subject Key Identifier:\n                AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01\n" +
            `    Signature Value:\n        30:45:02:21:00:c3\n${made.pem}`;
        for (const text of [`\uFEFF${made.pem}`, made.pem.replace(/\n/g, "\r\n"), `\n\n${made.pem}\n\n`, pkcs12NoKeys, x509Text, `subject=CN=x\r\n${made.pem.replace(/\n/g, "\r\n")}\r\n`]) {
            assert.equal(inspectPemCertificate(text).fingerprintSha256, made.fingerprint256);
        }
    });

    it("refuses a chain, naming how many certificates it holds", async () => {
        const chain = await testCertificateChain();
        assert.throws(() => inspectPemCertificate(chain.pem), (e: unknown) => invalidArgument("certificate")(e) && /holds 2 certificates/.test((e as Error).message));
    });

    it("refuses key material under any label or encoding, quoting none of it, and says how to clean the file (issue 20, item 2)", async () => {
        const made = await testCertificate();
        const key = realKey();
        const lowerCase = key.pem.replace(/PRIVATE KEY/g, "private key");
        const cases: Array<[string, RegExp]> = [
            [`${made.pem}${key.pem}`, /key material/],
            [`${key.pem}${made.pem}`, /key material/],
            [`${made.pem}-----BEGIN EC PRIVATE KEY-----\n${PRIVATE_KEY_BODY}\n-----END EC PRIVATE KEY-----\n`, /key material/],
            [`${made.pem}${lowerCase}`, /key material/],
            [`${made.pem}-----BEGIN ENCRYPTED PRIVATE KEY-----\n${PRIVATE_KEY_BODY}\n-----END ENCRYPTED PRIVATE KEY-----\n`, /key material/],
            [`${made.pem}${key.base64}\n`, /text after the certificate block/],
            [`${made.pem}${key.jwk}\n`, /text after the certificate block/],
            [`${key.jwk}\n${made.pem}`, /may be key material before the certificate block \(line 1/],
            [`${key.base64}\n${made.pem}`, /may be key material before the certificate block/],
            [`Private-Key: (256 bit)\npriv:\n    3a:0f:44\n${made.pem}`, /may be key material before the certificate block/],
        ];
        for (const [pem, pattern] of cases) assertRefusedQuietly(pem, pattern, key.secret, key.base64, PRIVATE_KEY_BODY);
    });

    it("refuses any second block, anything after the block, and bytes inside the block beyond the certificate", async () => {
        const made = await testCertificate();
        assertRefusedQuietly(`${made.pem}-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n`, /another PEM block beside the certificate \(line \d+\)/);
        assertRefusedQuietly(`${made.pem}-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n`, /another PEM block/);
        assertRefusedQuietly(`${made.pem}trailing words\n`, /text after the certificate block/);
        const body = made.pem.split("\n").filter((l) => l && !l.startsWith("-----")).join("");
        const padded = Buffer.concat([Buffer.from(body, "base64"), Buffer.from("SECRET-KEY-BYTES-APPENDED")]).toString("base64");
        assertRefusedQuietly(`-----BEGIN CERTIFICATE-----\n${padded}\n-----END CERTIFICATE-----\n`, /could not be read as an X\.509 certificate|bytes inside the certificate block beyond the certificate/, "SECRET-KEY-BYTES");
        assertRefusedQuietly(`-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n${body}\n-----END CERTIFICATE-----\n`, /not base64 \(line 2\)/);
    });

    it("refuses text with no certificate, DER that does not parse, and what is not text", async () => {
        assert.match(assertThrowsArgument(() => inspectPemCertificate("hello")).message, /no "-----BEGIN CERTIFICATE-----" \.\.\. "-----END CERTIFICATE-----" block/);
        assert.match(assertThrowsArgument(() => inspectPemCertificate("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n")).message, /could not be read as an X\.509 certificate/);
        assert.match(assertThrowsArgument(() => inspectPemCertificate(42)).message, /got number/);
        assert.match(assertThrowsArgument(() => inspectPemCertificate(null, "certificateFile")).message, /certificateFile.*got null/);
    });
});

describe("uploadRequirementProblem: what OpenAI's mutual TLS accepts (issue 20, item 5)", () => {
    it("accepts the issuing CA certificate with CA:TRUE, Certificate Sign and CRL Sign, and both key identifiers", async () => {
        const details = inspectPemCertificate((await testCertificate({ kind: "ca" })).pem);
        assert.equal(details.certificateAuthority, true);
        assert.deepEqual([...(details.keyUsage ?? [])].sort(), ["cRLSign", "keyCertSign"]);
        assert.equal(details.subjectKeyIdentifier, true);
        assert.equal(details.authorityKeyIdentifier, true);
        assert.equal(uploadRequirementProblem(details), undefined);
    });

    it("refuses a client certificate, saying the issuing CA goes here", async () => {
        const client = inspectPemCertificate((await testCertificate({ kind: "client" })).pem);
        assert.equal(client.certificateAuthority, false);
        assert.deepEqual([...(client.keyUsage ?? [])].sort(), ["digitalSignature", "keyEncipherment"]);
        assert.match(uploadRequirementProblem(client) ?? "", /not a CA certificate[\s\S]*issuing CA certificate that directly signs your client certificates/);
    });

    it("refuses a CA without the key usage, or without either key identifier, and one of 16 KB or more", async () => {
        assert.match(uploadRequirementProblem(inspectPemCertificate((await testCertificate({ without: ["keyUsage"] })).pem)) ?? "", /lacks the key usage keyCertSign and cRLSign/);
        assert.match(uploadRequirementProblem(inspectPemCertificate((await testCertificate({ without: ["subjectKeyIdentifier"] })).pem)) ?? "", /no Subject Key Identifier/);
        assert.match(uploadRequirementProblem(inspectPemCertificate((await testCertificate({ without: ["authorityKeyIdentifier"] })).pem)) ?? "", /no Authority Key Identifier/);
        const made = await testCertificate();
        const padding = "an explanatory line. ".repeat(MAX_CERTIFICATE_PEM_BYTES / 20);
        assert.match(uploadRequirementProblem(inspectPemCertificate(`subject=${padding}\n${made.pem}`)) ?? "", /OpenAI takes certificates under 16 KB/);
    });
});

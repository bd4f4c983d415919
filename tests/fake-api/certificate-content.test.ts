import { strict as assert } from "assert";
import { X509Certificate, createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeOpenAI, readSeedFile } from "../../fake-api";
import { inspectPemCertificate, uploadRequirementProblem } from "../../provider/api/pem";
import { DAY, LEAK_CANARY_KEY, NOW_SECONDS, useFakeApi } from "../support/fixtures";

async function content(api: FakeOpenAI, id: string): Promise<X509Certificate> {
    const response = await fetch(`${api.baseUrl}/organization/certificates/${id}?include[]=content`, { headers: { authorization: `Bearer ${LEAK_CANARY_KEY}` } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { certificate_details: { content: string } };
    return new X509Certificate(body.certificate_details.content);
}

const keyHash = (cert: X509Certificate) => createHash("sha256").update(cert.publicKey.export({ type: "spki", format: "der" })).digest("hex");

describe("the fake API's certificate content: real PEM for seeded certificates, keys shared by key group (issue 25)", () => {
    const api = useFakeApi(() => ({
        seed: {
            certificates: [
                { id: "cert_old", name: "payments-ca-2025", commonName: "Payments CA", keyGroup: "payments", expiresAt: NOW_SECONDS + 5 * DAY },
                { id: "cert_new", name: "payments-ca-2026", commonName: "Payments CA", keyGroup: "payments", expiresAt: NOW_SECONDS + 400 * DAY },
                { id: "cert_rekeyed", name: "payments-ca-rekeyed", commonName: "Payments CA", expiresAt: NOW_SECONDS + 400 * DAY },
                { id: "cert_plain", name: "gateway", expiresAt: NOW_SECONDS + 90 * DAY },
            ],
        },
    }));

    it("mints the certificates of one key group with one key, and a certificate without a group with a key of its own", async () => {
        const [old, renewed, rekeyed] = [await content(api(), "cert_old"), await content(api(), "cert_new"), await content(api(), "cert_rekeyed")];
        assert.equal(keyHash(old), keyHash(renewed));
        assert.notEqual(keyHash(old), keyHash(rekeyed));
        assert.equal(old.subject, "CN=Payments CA");
        assert.equal(rekeyed.subject, "CN=Payments CA");
        // Self-signed with that key: the renewal verifies what the old one signed.
        assert.ok(old.verify(renewed.publicKey));
        assert.ok(!old.verify(rekeyed.publicKey));
    });

    it("mints a CA certificate that OpenAI's upload rules take, with the seed's dates and the name as common name by default", async () => {
        const plain = await content(api(), "cert_plain");
        const details = inspectPemCertificate(plain.toString());
        assert.equal(uploadRequirementProblem(details), undefined);
        assert.equal(details.subject, "CN=gateway");
        assert.equal(details.expiresAt, NOW_SECONDS + 90 * DAY);
    });

    it("keeps the PEM once minted: the content of a certificate never changes", async () => {
        const first = await content(api(), "cert_new");
        const second = await content(api(), "cert_new");
        assert.equal(first.fingerprint256, second.fingerprint256);
    });

    it("takes commonName and keyGroup in a seed file, and refuses them as anything but text", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-"));
        const file = path.join(dir, "seed.json");
        fs.writeFileSync(file, JSON.stringify({ certificates: [{ id: "cert_a", commonName: "Payments CA", keyGroup: "payments" }] }));
        assert.deepEqual(readSeedFile(file).certificates, [{ id: "cert_a", commonName: "Payments CA", keyGroup: "payments" }]);
        fs.writeFileSync(file, JSON.stringify({ certificates: [{ keyGroup: 3 }] }));
        assert.throws(() => readSeedFile(file), /certificates\[0\]\.keyGroup: must be a string, got a number/);
    });
});

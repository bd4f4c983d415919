import { KeyObject, createHash, createPublicKey, generateKeyPairSync, sign } from "crypto";

/*
 * Real X.509 certificates for the fake's seeded certificates, so that `include[]=content` answers a
 * PEM that any X.509 reader parses, with the seed's dates, its subject and the key of its key group.
 * `node:crypto` reads certificates and signs bytes but does not write certificates, and the fake ships
 * in the package, where a certificate library would be a runtime dependency for one test helper: so
 * this writes the few DER structures of RFC 5280 a certificate needs (about what `openssl req -x509`
 * writes for a CA), and Node signs them. Self-signed CA certificates, as OpenAI's mutual TLS takes
 * them: basic constraints CA, key usage Certificate Sign and CRL Sign, Subject and Authority Key
 * Identifiers; ECDSA P-256 with SHA-256.
 */

/** What a minted certificate says. */
export interface MintSpec {
    /** The subject's (and issuer's) common name. */
    readonly commonName: string;
    /** notBefore, Unix seconds. */
    readonly validAt: number;
    /** notAfter, Unix seconds; absent gives 9999-12-31T23:59:59Z, RFC 5280's "no well-defined expiration". */
    readonly expiresAt?: number;
    /** A positive serial number, unique among what one fake mints. */
    readonly serial: number;
}

/** A key pair for minting: one per key group, shared by every certificate of that group. */
export function mintingKey(): KeyObject {
    return generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
}

/** A PEM certificate as `spec` says, signed with (and holding the public half of) `key`. */
export function mintCertificatePem(spec: MintSpec, key: KeyObject): string {
    const spki = createPublicKey(key).export({ type: "spki", format: "der" });
    const keyId = createHash("sha1").update(spki).digest();
    const name = sequence(set(sequence(objectId("2.5.4.3"), tlv(0x0c, Buffer.from(spec.commonName, "utf8")))));
    const algorithm = sequence(objectId("1.2.840.10045.4.3.2")); // ecdsa-with-SHA256
    const tbs = sequence(
        tlv(0xa0, integer(2)), // v3
        integer(spec.serial),
        algorithm,
        name,
        sequence(time(spec.validAt), time(spec.expiresAt)),
        name,
        spki,
        tlv(
            0xa3,
            sequence(
                extension("2.5.29.19", true, sequence(tlv(0x01, Buffer.from([0xff])))), // basicConstraints CA:TRUE
                extension("2.5.29.15", true, tlv(0x03, Buffer.from([0x01, 0x06]))), // keyUsage keyCertSign, cRLSign
                extension("2.5.29.14", false, tlv(0x04, keyId)), // subjectKeyIdentifier
                extension("2.5.29.35", false, sequence(tlv(0x80, keyId))), // authorityKeyIdentifier (self)
            ),
        ),
    );
    const signature = sign("sha256", tbs, key); // DER ECDSA-Sig-Value
    const der = sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
    const lines = der.toString("base64").match(/.{1,64}/g)!;
    return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function tlv(tag: number, ...contents: Buffer[]): Buffer {
    const body = Buffer.concat(contents);
    let length: Buffer;
    if (body.length < 0x80) length = Buffer.from([body.length]);
    else {
        const bytes: number[] = [];
        for (let n = body.length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
        length = Buffer.from([0x80 | bytes.length, ...bytes]);
    }
    return Buffer.concat([Buffer.from([tag]), length, body]);
}

const sequence = (...contents: Buffer[]) => tlv(0x30, ...contents);
const set = (...contents: Buffer[]) => tlv(0x31, ...contents);

function objectId(dotted: string): Buffer {
    const [first, second, ...rest] = dotted.split(".").map(Number);
    const bytes = [40 * first + second];
    for (const arc of rest) {
        const encoded = [arc & 0x7f];
        for (let v = arc >>> 7; v > 0; v >>>= 7) encoded.unshift(0x80 | (v & 0x7f));
        bytes.push(...encoded);
    }
    return tlv(0x06, Buffer.from(bytes));
}

/** A non-negative INTEGER; a leading zero byte keeps DER from reading a high bit as negative. */
function integer(value: number): Buffer {
    const bytes: number[] = [];
    for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    if (bytes.length === 0 || bytes[0] & 0x80) bytes.unshift(0);
    return tlv(0x02, Buffer.from(bytes));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
    return sequence(objectId(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

/** UTCTime from 1950 to 2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5). */
function time(unixSeconds: number | undefined): Buffer {
    if (unixSeconds === undefined) return tlv(0x18, Buffer.from("99991231235959Z"));
    const d = new Date(unixSeconds * 1000);
    const two = (n: number) => String(n).padStart(2, "0");
    const rest = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
    const year = d.getUTCFullYear();
    return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${two(year % 100)}${rest}`)) : tlv(0x18, Buffer.from(`${String(year).padStart(4, "0")}${rest}`));
}

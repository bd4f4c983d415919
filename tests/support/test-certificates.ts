// @peculiar/x509 resolves its parts through tsyringe, which needs a Reflect metadata polyfill loaded
// before it; this module is the only place that loads the library, so the polyfill sits here.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createHash, webcrypto } from "crypto";
import { Duration, parseDurationSeconds } from "../../provider/api/duration";

/**
 * Real X.509 certificates for tests, in PEM. `node:crypto` reads certificates but cannot make them,
 * so this module uses @peculiar/x509 over Node's own WebCrypto (the same code on Node 20, 22 and 24,
 * no native add-on). Keys are ECDSA P-256, made once per process and reused, so a certificate
 * costs one signature, not a key generation.
 */

// The library's parameter types name the DOM's Crypto and CryptoKey, which a Node-only compilation
// (lib ES2022, no "dom") does not have; take them from its own signatures instead.
type WebCrypto = Parameters<typeof x509.cryptoProvider.set>[0];
type SigningKey = x509.X509CertificateCreateWithKeyParams["signingKey"];
x509.cryptoProvider.set(webcrypto as unknown as WebCrypto);

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

/**
 * When a test certificate is valid: absolute dates, or durations relative to `now`. An absolute date
 * wins over its relative twin. Times are cut to whole seconds, as X.509 stores them.
 */
export interface TestCertificateSpec {
    /** The subject's common name. @default "fake-api-test" */
    subjectCN?: string;
    /** The issuer's common name; the certificate is signed by the issuer key either way. @default subjectCN (self-issued) */
    issuerCN?: string;
    /** Start of validity. @default now + validFrom */
    notBefore?: Date;
    /** End of validity. @default now + expiresIn */
    notAfter?: Date;
    /** Start of validity relative to `now` (`"-30d"` is 30 days ago). @default "-30d" */
    validFrom?: Duration;
    /** End of validity relative to `now` (`"-1d"`: expired yesterday). @default "90d" */
    expiresIn?: Duration;
    /** The clock the relative times count from, Unix seconds. @default the current time */
    now?: number;
    /**
     * What OpenAI's mutual TLS takes (`"ca"`: the CA certificate that signs client certificates, with
     * basic constraints CA, key usage Certificate Sign and CRL Sign, Subject and Authority Key
     * Identifiers), or a client certificate (`"client"`: what an upload must refuse). @default "ca"
     */
    kind?: "ca" | "client";
    /** The key pair's name: two certificates with the same name share a key (a renewal). @default kind */
    key?: string;
    /** Extensions to leave out, to make a certificate OpenAI refuses. @default none */
    without?: ReadonlyArray<"keyUsage" | "subjectKeyIdentifier" | "authorityKeyIdentifier">;
}

/** A test certificate and what a test compares against. */
export interface TestCertificate {
    /** One `-----BEGIN CERTIFICATE-----` block, ending in a newline. */
    readonly pem: string;
    /** SHA-256 of the DER, upper-case hex pairs joined by colons: what node's `X509Certificate.fingerprint256` gives. */
    readonly fingerprint256: string;
    /** notBefore, Unix seconds: what the API reports as `certificate_details.valid_at`. */
    readonly validAt: number;
    /** notAfter, Unix seconds: what the API reports as `certificate_details.expires_at`. */
    readonly expiresAt: number;
    readonly subjectCN: string;
    readonly issuerCN: string;
}

/** A leaf and the CA certificate that signed it, and both in one PEM text (leaf first, as servers send them). */
export interface TestCertificateChain {
    readonly pem: string;
    readonly leaf: TestCertificate;
    readonly issuer: TestCertificate;
}

/**
 * Makes a certificate valid as `spec` says.
 *
 * @example
 * ```ts
 * const now = Date.UTC(2026, 0, 15) / 1000;
 * const soon = await testCertificate({ subjectCN: "gateway", now, expiresIn: "5d" });
 * const expired = await testCertificate({ now, validFrom: "-90d", expiresIn: "-1d" });
 * const notYet = await testCertificate({ now, validFrom: "2d", expiresIn: "30d" });
 * ```
 */
export async function testCertificate(spec: TestCertificateSpec = {}): Promise<TestCertificate> {
    const subjectCN = spec.subjectCN ?? "fake-api-test";
    const kind = spec.kind ?? "ca";
    const keys = await keyPair(spec.key ?? kind);
    return sign({ ...validity(spec), subjectCN, issuerCN: spec.issuerCN ?? subjectCN, keys, signer: keys, ca: kind === "ca", without: spec.without ?? [] });
}

/**
 * Makes a leaf signed by a CA certificate (its own key pair, `CA:true`), both valid as `spec` says,
 * and the PEM of the two: what an upload that expects one certificate must refuse.
 *
 * @example
 * ```ts
 * const chain = await testCertificateChain({ subjectCN: "gateway", issuerCN: "Test CA" });
 * chain.pem.match(/BEGIN CERTIFICATE/g)!.length; // 2
 * ```
 */
export async function testCertificateChain(spec: TestCertificateSpec = {}): Promise<TestCertificateChain> {
    const subjectCN = spec.subjectCN ?? "fake-api-test";
    const issuerCN = spec.issuerCN ?? "fake-api-test CA";
    const times = validity(spec);
    const caKeys = await keyPair("ca");
    const issuer = await sign({ ...times, subjectCN: issuerCN, issuerCN, keys: caKeys, signer: caKeys, ca: true, without: [] });
    const leaf = await sign({ ...times, subjectCN, issuerCN, keys: await keyPair("client"), signer: caKeys, ca: false, without: [] });
    return { pem: leaf.pem + issuer.pem, leaf, issuer };
}

interface KeyPair {
    readonly publicKey: unknown;
    readonly privateKey: unknown;
}

const keyPairs = new Map<string, Promise<KeyPair>>();

/** One key pair per name for the whole process: generation is the slow part, and tests need no secrecy. */
function keyPair(role: string): Promise<KeyPair> {
    let pair = keyPairs.get(role);
    if (!pair) {
        pair = webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"]) as Promise<KeyPair>;
        keyPairs.set(role, pair);
    }
    return pair;
}

function validity(spec: TestCertificateSpec): { notBefore: Date; notAfter: Date } {
    const now = spec.now ?? Math.floor(Date.now() / 1000);
    const at = (date: Date | undefined, relative: Duration, argument: string) =>
        new Date(Math.floor((date ? date.getTime() / 1000 : now + parseDurationSeconds(relative, argument))) * 1000);
    const notBefore = at(spec.notBefore, spec.validFrom ?? "-30d", "validFrom");
    const notAfter = at(spec.notAfter, spec.expiresIn ?? "90d", "expiresIn");
    if (notAfter.getTime() <= notBefore.getTime()) {
        throw new Error(`A test certificate must end after it starts: notBefore ${notBefore.toISOString()}, notAfter ${notAfter.toISOString()}`);
    }
    return { notBefore, notAfter };
}

let serial = 0;

/**
 * A distinguished name of one common name, a UTF8String. The library reads `{ utf8String }` values
 * at run time, though its typings list plain strings only (which it would parse as text).
 */
function commonName(cn: string): x509.JsonName {
    return [{ "2.5.4.3": [{ utf8String: cn }] }] as unknown as x509.JsonName;
}

/**
 * A CA as OpenAI's mutual TLS requires it (RFC 5280 names): basic constraints CA, key usage
 * keyCertSign and cRLSign, a Subject Key Identifier and an Authority Key Identifier (the signer's);
 * a client certificate as OpenAI requires client certificates: digital signature, key encipherment,
 * client authentication, and the same identifiers.
 */
async function extensions(params: { keys: KeyPair; signer: KeyPair; ca: boolean; without: readonly string[] }): Promise<x509.Extension[]> {
    const usages = params.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;
    const wanted = (name: string) => !params.without.includes(name);
    return [
        ...(params.ca ? [new x509.BasicConstraintsExtension(true, 0, true)] : [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]),
        ...(wanted("keyUsage") ? [new x509.KeyUsagesExtension(usages, true)] : []),
        ...(wanted("subjectKeyIdentifier") ? [await x509.SubjectKeyIdentifierExtension.create(params.keys.publicKey as SigningKey)] : []),
        ...(wanted("authorityKeyIdentifier") ? [await x509.AuthorityKeyIdentifierExtension.create(params.signer.publicKey as SigningKey)] : []),
    ];
}

async function sign(params: {
    notBefore: Date;
    notAfter: Date;
    subjectCN: string;
    issuerCN: string;
    keys: KeyPair;
    signer: KeyPair;
    ca: boolean;
    without: readonly string[];
}): Promise<TestCertificate> {
    serial += 1;
    const cert = await x509.X509CertificateGenerator.create({
        // A positive serial that never repeats in a process: a leading 01 keeps DER from reading it as negative.
        serialNumber: `01${process.pid.toString(16).padStart(8, "0")}${serial.toString(16).padStart(8, "0")}`,
        // As JSON names, so any text (a hostile name with line breaks or bidi controls) is encoded as given, not parsed.
        subject: commonName(params.subjectCN),
        issuer: commonName(params.issuerCN),
        notBefore: params.notBefore,
        notAfter: params.notAfter,
        signingAlgorithm: ALGORITHM,
        publicKey: params.keys.publicKey as SigningKey,
        signingKey: params.signer.privateKey as SigningKey,
        extensions: await extensions(params),
    });
    const der = Buffer.from(cert.rawData);
    return {
        pem: `${cert.toString("pem").trim()}\n`,
        // Computed from the DER here, not read back through node's parser, so a test compares two independent sources.
        fingerprint256: createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g)!.join(":"),
        validAt: params.notBefore.getTime() / 1000,
        expiresAt: params.notAfter.getTime() / 1000,
        subjectCN: params.subjectCN,
        issuerCN: params.issuerCN,
    };
}

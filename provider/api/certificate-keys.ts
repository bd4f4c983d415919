import { X509Certificate, createHash } from "crypto";
import type { Certificate, UploadedCertificate } from "./certificate";
import type { CertificatesClient } from "./client";
import { OpenAICertificatesError } from "./errors/base";
import { usageConcurrencyOf } from "./certificate-usage";
import { PathSafeId } from "./codecs";

/*
 * What renewal detection keeps of a certificate's content: its subject and the SHA-256 of its public
 * key, never the PEM. The lists carry neither, so each active certificate's content is read once
 * (`GET /organization/certificates/{id}?include[]=content`); a certificate's content never changes,
 * so a caller that stored these fields passes them back (`known`) and they are not read again.
 */

/** A certificate's subject and public key, as read from its content. */
export interface CertificateKey {
    /** The subject's distinguished name in RFC 4514 order (most specific first), such as `CN=Payments CA,O=Example`. */
    readonly subject: string;
    /** SHA-256 of the DER SubjectPublicKeyInfo, 64 lower-case hex digits. */
    readonly publicKeySha256: string;
}

/**
 * The fields a certificate gains once its content was read: its {@link CertificateKey}, or, when the
 * content could not be read or parsed, why (`contentProblem`), and then no key. The evaluation needs
 * them to tell a renewal (same subject, same key) from a risk.
 */
export interface CertificateKeyFields {
    /** The subject, RFC 4514 (see {@link CertificateKey}). */
    readonly subject?: string;
    /** SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex. */
    readonly publicKeySha256?: string;
    /** Why the content could not be read: the certificate is judged without renewal detection. */
    readonly contentProblem?: string;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/**
 * The subject and public-key hash of a PEM certificate, or what is wrong with it (a sentence that
 * quotes nothing of the text). Whitespace inside the block is ignored, so content on one line with
 * spaces (as the OpenAPI description's example shows it) reads as well as OpenSSL's 64-column lines.
 *
 * @example
 * ```ts
 * certificateKeyOf(pem); // { subject: "CN=Payments CA", publicKeySha256: "3f0c..." }
 * ```
 */
export function certificateKeyOf(pem: string): CertificateKey | { readonly problem: string } {
    const blocks = [...pem.matchAll(CERTIFICATE_BLOCK)];
    if (blocks.length !== 1) return { problem: blocks.length === 0 ? "the content holds no PEM certificate block" : `the content holds ${blocks.length} certificate blocks, not one` };
    const base64 = blocks[0][1].replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]+=*$/.test(base64)) return { problem: "the content's certificate block is not base64" };
    let certificate: X509Certificate;
    try {
        certificate = new X509Certificate(Buffer.from(base64, "base64"));
    } catch {
        return { problem: "the content could not be read as an X.509 certificate" };
    }
    const spki = certificate.publicKey.export({ type: "spki", format: "der" });
    return { subject: rfc4514(certificate.subject), publicKeySha256: createHash("sha256").update(spki).digest("hex") };
}

/**
 * Node gives the subject one attribute per line, least specific first, with RFC 2253 escaping and
 * control characters escaped (OpenSSL's `ESC_2253 | ESC_CTRL`); RFC 4514 lists them the other way
 * round, separated by commas.
 */
function rfc4514(lines: string): string {
    return lines
        .split("\n")
        .filter((line) => line.length > 0)
        .reverse()
        .join(",");
}

/** Options of {@link readCertificateKeys}. */
export interface ReadCertificateKeysOptions {
    /** Keys already read, by certificate id (from a previous read's stored fields): not read again. */
    readonly known?: ReadonlyMap<string, CertificateKey>;
    /** Content reads at once, 1 to 64 (as the organization-wide view's `concurrency`). @default 8 */
    readonly concurrency?: number;
}

/** The one endpoint {@link readCertificateKeys} calls. */
export interface CertificateRetriever {
    /** `GET /organization/certificates/{id}`, with the PEM when `includeContent` is set (a {@link CertificatesClient} has it). */
    retrieveCertificate(certificateId: string, options?: { includeContent?: boolean }): Promise<UploadedCertificate>;
}

/**
 * Each active certificate (`activeAnywhere`, else `active`) with its {@link CertificateKeyFields}:
 * its key from `known`, or read from its content, one request per certificate not known. Inactive
 * certificates are returned as they are: they are neither judged for renewal nor anyone's successor.
 * A read that fails with an API error (the certificate deleted since the list, a server error after
 * the retries) or content that does not parse gives that certificate a `contentProblem`: it is
 * judged as before, fail closed. Any other error rejects.
 *
 * @example
 * ```ts
 * const withKeys = await readCertificateKeys(createCertificatesClient({ adminKey }), certificates);
 * ```
 */
export async function readCertificateKeys<C extends Certificate & { readonly activeAnywhere?: boolean }>(
    client: CertificateRetriever,
    certificates: readonly C[],
    options: ReadCertificateKeysOptions = {},
): Promise<Array<C & CertificateKeyFields>> {
    const known = options.known ?? new Map<string, CertificateKey>();
    const result = certificates.map((c) => withoutKeyFields(c as C & CertificateKeyFields));
    const toRead: number[] = [];
    result.forEach((c, i) => {
        if (!(c.activeAnywhere ?? c.active)) return;
        const key = known.get(c.id);
        if (key) result[i] = { ...c, subject: key.subject, publicKeySha256: key.publicKeySha256 };
        else toRead.push(i);
    });
    let next = 0;
    const worker = async () => {
        while (next < toRead.length) {
            const i = toRead[next++];
            result[i] = { ...result[i], ...(await keyFieldsOf(client, result[i].id)) };
        }
    };
    await Promise.all(Array.from({ length: Math.min(usageConcurrencyOf(options.concurrency), toRead.length) }, worker));
    return result;
}

async function keyFieldsOf(client: CertificateRetriever, id: string): Promise<CertificateKeyFields> {
    // An id that cannot go into a path as it is (the API's own never do) is not sent at all.
    if (!PathSafeId.is(id)) return { contentProblem: "its content was not read: its id holds characters other than letters, digits, _ and -, so it cannot go into the request's path" };
    let content: string | undefined;
    try {
        content = (await client.retrieveCertificate(id, { includeContent: true })).content;
    } catch (error) {
        if (error instanceof OpenAICertificatesError) return { contentProblem: `its content could not be read (${error.code}): ${error.message}` };
        throw error;
    }
    if (content === undefined) return { contentProblem: "the API returned no content for it" };
    const key = certificateKeyOf(content);
    return "problem" in key ? { contentProblem: key.problem } : key;
}

/** A certificate without key fields of an earlier read: they are set anew. */
function withoutKeyFields<C extends CertificateKeyFields>(c: C): C {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    if (c.subject === undefined && c.publicKeySha256 === undefined && c.contentProblem === undefined) return c;
    const { subject: _s, publicKeySha256: _p, contentProblem: _c, ...rest } = c;
    return rest as C;
}

/**
 * The keys a stored list holds, by id: what {@link readCertificateKeys} need not read again. Reads
 * anything (a stack's state); entries without both fields as strings are left out, so they are read.
 */
export function knownCertificateKeys(stored: unknown): Map<string, CertificateKey> {
    const known = new Map<string, CertificateKey>();
    if (!Array.isArray(stored)) return known;
    for (const c of stored) {
        if (c === null || typeof c !== "object") continue;
        const { id, subject, publicKeySha256 } = c as Record<string, unknown>;
        if (typeof id === "string" && typeof subject === "string" && typeof publicKeySha256 === "string" && /^[0-9a-f]{64}$/.test(publicKeySha256)) {
            known.set(id, { subject, publicKeySha256 });
        }
    }
    return known;
}

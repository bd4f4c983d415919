import { X509Certificate } from "crypto";
import { InvalidArgumentError } from "./errors/argument-error";
import { KeyUsage, MalformedDerError, readCertificateExtensions } from "./x509-extensions";

/**
 * What a PEM certificate says about itself, read locally with `node:crypto` before anything is sent:
 * the same facts the API derives at upload (`valid_at`, `expires_at`), plus those it does not return.
 */
export interface PemCertificateDetails {
    /** SHA-256 of the DER encoding, as colon-separated upper-case hex (`node:crypto`'s `fingerprint256`). */
    readonly fingerprintSha256: string;
    /** The subject's distinguished name, one attribute after another: `CN=client, O=Example`. */
    readonly subject: string;
    /** The issuer's distinguished name, in the same form. */
    readonly issuer: string;
    /** `notBefore`, Unix seconds. */
    readonly validAt: number;
    /** `notAfter`, Unix seconds. */
    readonly expiresAt: number;
    /** Whether basic constraints say it is a certificate authority (`CA:TRUE`). */
    readonly certificateAuthority: boolean;
    /** Its key usage bits; `undefined` when it has no key usage extension. */
    readonly keyUsage?: readonly KeyUsage[];
    /** Whether it carries a Subject Key Identifier. */
    readonly subjectKeyIdentifier: boolean;
    /** Whether it carries an Authority Key Identifier in the key identifier form. */
    readonly authorityKeyIdentifier: boolean;
    /** The size of the PEM text, in bytes (UTF-8). */
    readonly pemBytes: number;
}

/** How to turn a file with anything else in it into the certificate alone; said in every refusal of the text. */
export const CLEAN_PEM_ADVICE = "Keep the certificate alone: `openssl x509 -in FILE.pem -out clean.pem` writes only the certificate block";

/** Any line that looks like a PEM boundary, in any case and with any label. */
const BOUNDARY = /-{3,}\s*(BEGIN|END)\b([^-]*)-*/i;
const CERTIFICATE_BEGIN = /^-----BEGIN CERTIFICATE-----[ \t]*$/;
const CERTIFICATE_END = /^-----END CERTIFICATE-----[ \t]*$/;
const BASE64_LINE = /^[A-Za-z0-9+/=]*$/;
/** Words that only key material's text forms use (`openssl pkey -text`, PKCS#1/#8 field names, JWK members). */
const KEY_WORDS = /\bpriv:|private[-_ ]?key(?![ -]usage)|privateexponent|\bprime[12]\b|\bexponent[12]\b|\bcoefficient\b|"kty"|"d"\s*:/i;
/** A run of base64 or hex long enough to be key bytes, outside a block. */
const BARE_ENCODED = /[A-Za-z0-9+/=_-]{40,}/;

/**
 * Reads one PEM certificate, or throws an {@link InvalidArgumentError} naming `argument` that says
 * what is wrong. RFC 7468 is followed as OpenSSL writes files: a byte-order mark, blank lines, LF or
 * CRLF, and explanatory text before the block (`openssl pkcs12 -nokeys`'s `Bag Attributes` and
 * `subject=` lines, `openssl x509 -text` output) are accepted. Refused: not text, no certificate
 * block, more than one certificate (a chain), key material under any label or encoding (a
 * `PRIVATE KEY` block in any case, a JWK, bare base64 or hex, `openssl pkey -text` output), any
 * other block, anything after the block, and a block whose bytes are not exactly one certificate.
 * The PEM itself is never quoted back, nor any line of it: a private key pasted into it must not
 * reach a log.
 *
 * @example
 * ```ts
 * const { fingerprintSha256, expiresAt } = inspectPemCertificate(readFileSync("ca.pem", "utf8"));
 * ```
 */
export function inspectPemCertificate(pem: unknown, argument = "certificate"): PemCertificateDetails {
    if (typeof pem !== "string") throw new InvalidArgumentError(argument, `must be a PEM certificate (text), got ${pem === null ? "null" : typeof pem}`);
    const read = readPemCertificate(pem);
    if ("problem" in read) throw new InvalidArgumentError(argument, `${read.problem}. Nothing was sent. ${CLEAN_PEM_ADVICE}`);
    return read;
}

/**
 * {@link inspectPemCertificate}'s reading, with what is wrong as a sentence instead of an error (for
 * the fake API, which answers it in an error envelope). The sentence quotes nothing of the text.
 */
export function readPemCertificate(pem: string): PemCertificateDetails | { readonly problem: string } {
    try {
        return readOrThrow(pem);
    } catch (error) {
        if (error instanceof PemProblem) return { problem: error.message };
        throw error;
    }
}

class PemProblem extends Error {}

function readOrThrow(pem: string): PemCertificateDetails {
    const refuse = (problem: string) => new PemProblem(problem);
    const lines = pem.replace(/^\uFEFF/, "").split(/\r?\n/);
    const boundaries = lines.map((line, index) => ({ index, match: BOUNDARY.exec(line) })).filter((b) => b.match !== null);
    const labels = boundaries.map((b) => (b.match![2] ?? "").trim().toUpperCase());
    if (labels.some((label) => label.includes("KEY") && !label.includes("PUBLIC"))) {
        throw refuse('holds key material (a "-----BEGIN ... KEY-----" block). The private key stays with the clients that use it; it must not reach OpenAI or the stack\'s state');
    }
    const certificates = boundaries.filter((b, i) => b.match![1].toUpperCase() === "BEGIN" && labels[i] === "CERTIFICATE").length;
    if (certificates > 1) throw refuse(`holds ${certificates} certificates (a chain?); OpenAI takes one certificate per upload: the CA certificate that directly signs your client certificates`);
    const begin = lines.findIndex((line) => CERTIFICATE_BEGIN.test(line));
    const end = lines.findIndex((line, i) => i > begin && CERTIFICATE_END.test(line));
    if (begin < 0 || end < 0) throw refuse('is not a PEM certificate: there is no "-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----" block');
    if (boundaries.length !== 2) throw refuse(`holds another PEM block beside the certificate (line ${boundaries.find((b) => b.index !== begin && b.index !== end)!.index + 1})`);
    for (let i = 0; i < begin; i++) {
        if (KEY_WORDS.test(lines[i]) || /[{}]/.test(lines[i]) || BARE_ENCODED.test(lines[i])) {
            throw refuse(`holds what may be key material before the certificate block (line ${i + 1}: a private key's text form, JSON such as a JWK, or bare base64 or hex)`);
        }
    }
    const after = lines.slice(end + 1).findIndex((line) => line.trim() !== "");
    if (after >= 0) throw refuse(`holds text after the certificate block (line ${end + 2 + after}); nothing may follow the certificate`);
    const body = lines.slice(begin + 1, end).map((line) => line.trim());
    const badBody = body.findIndex((line) => !BASE64_LINE.test(line));
    if (badBody >= 0) throw refuse(`has a line in the certificate block that is not base64 (line ${begin + 2 + badBody})`);

    let x509: X509Certificate;
    try {
        x509 = new X509Certificate(`-----BEGIN CERTIFICATE-----\n${body.join("\n")}\n-----END CERTIFICATE-----\n`);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw refuse(`could not be read as an X.509 certificate (${reason})`);
    }
    // The parser reads the first certificate of the bytes; anything else inside the block (key bytes
    // appended to the DER) would travel to OpenAI and into the state unread.
    if (!x509.raw.equals(Buffer.from(body.join(""), "base64"))) throw refuse("holds bytes inside the certificate block beyond the certificate itself");
    let extensions;
    try {
        extensions = readCertificateExtensions(x509.raw);
    } catch (error) {
        if (error instanceof MalformedDerError) throw refuse(`could not be read as an X.509 certificate (${error.message})`);
        throw error;
    }
    return {
        fingerprintSha256: x509.fingerprint256,
        subject: distinguishedName(x509.subject),
        issuer: distinguishedName(x509.issuer),
        validAt: unixSeconds(x509.validFrom),
        expiresAt: unixSeconds(x509.validTo),
        certificateAuthority: x509.ca,
        ...(extensions.keyUsage ? { keyUsage: [...extensions.keyUsage] } : {}),
        subjectKeyIdentifier: extensions.subjectKeyIdentifier,
        authorityKeyIdentifier: extensions.authorityKeyIdentifier,
        pemBytes: Buffer.byteLength(pem, "utf8"),
    };
}

/** The most a certificate upload may be, by OpenAI's mutual TLS requirements: under 16 KB. */
export const MAX_CERTIFICATE_PEM_BYTES = 16 * 1024;
/** OpenAI refuses a certificate that expires within a day. */
export const OPENAI_MIN_REMAINING_SECONDS = 86_400;

/**
 * What OpenAI's mutual TLS program requires of an uploaded certificate, other than its dates: the
 * CA certificate that directly signs the client certificates (single-length chains), so basic
 * constraints `CA:TRUE`, key usage Certificate Sign and CRL Sign, a Subject Key Identifier and an
 * Authority Key Identifier (key identifier form), under 16 KB. The first requirement not met, as a
 * sentence, or `undefined`. The fake API refuses the same.
 *
 * @example
 * ```ts
 * const problem = uploadRequirementProblem(inspectPemCertificate(pem));
 * ```
 */
export function uploadRequirementProblem(details: PemCertificateDetails): string | undefined {
    if (details.pemBytes >= MAX_CERTIFICATE_PEM_BYTES) return `is ${details.pemBytes} bytes; OpenAI takes certificates under 16 KB`;
    if (!details.certificateAuthority) {
        return (
            "is not a CA certificate (its basic constraints do not say CA:TRUE): it looks like a client certificate. " +
            "OpenAI's mutual TLS takes the issuing CA certificate that directly signs your client certificates; upload that one, and keep the client certificates with the clients"
        );
    }
    const usage = new Set(details.keyUsage ?? []);
    const missing = (["keyCertSign", "cRLSign"] as const).filter((u) => !usage.has(u));
    if (missing.length > 0) return `lacks the key usage ${missing.join(" and ")} (Certificate Sign and CRL Sign), which OpenAI requires of the CA certificate`;
    if (!details.subjectKeyIdentifier) return "has no Subject Key Identifier extension, which OpenAI requires";
    if (!details.authorityKeyIdentifier) return "has no Authority Key Identifier extension with a key identifier, which OpenAI requires";
    return undefined;
}

/** Node prints one attribute per line; a name on one line reads better in a table or a diff. */
function distinguishedName(lines: string): string {
    return lines.split("\n").filter((line) => line.length > 0).join(", ");
}

function unixSeconds(openSslTime: string): number {
    return Math.floor(Date.parse(openSslTime) / 1000);
}

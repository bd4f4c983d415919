import { X509Certificate } from "crypto";
import { InvalidArgumentError } from "./errors";

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
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----/g;

/**
 * Reads one PEM certificate, or throws an {@link InvalidArgumentError} naming `argument` that says
 * what is wrong: not text, no certificate block, more than one certificate (a chain: the API takes a
 * single certificate), a private key or anything else beside it, or DER that does not parse. The
 * PEM itself is never quoted back: a private key pasted into it must not reach a log.
 *
 * @example
 * ```ts
 * const { fingerprintSha256, expiresAt } = inspectPemCertificate(readFileSync("client.pem", "utf8"));
 * ```
 */
export function inspectPemCertificate(pem: unknown, argument = "certificate"): PemCertificateDetails {
    if (typeof pem !== "string") throw new InvalidArgumentError(argument, `must be a PEM certificate (text), got ${pem === null ? "null" : typeof pem}`);
    const labels = [...pem.matchAll(PEM_BLOCK)].map((m) => m[1]);
    if (labels.some((label) => label.includes("PRIVATE KEY"))) {
        throw new InvalidArgumentError(
            argument,
            "holds a private key (a \"-----BEGIN ... PRIVATE KEY-----\" block). Give the certificate only: the private key stays with the clients that use it, and it must not reach OpenAI or the stack's state. Nothing was sent",
        );
    }
    const certificates = labels.filter((label) => label === "CERTIFICATE").length;
    if (certificates === 0) throw new InvalidArgumentError(argument, 'is not a PEM certificate: there is no "-----BEGIN CERTIFICATE-----" block');
    if (certificates > 1) {
        throw new InvalidArgumentError(argument, `holds ${certificates} certificates (a chain?); OpenAI takes one certificate per upload: give the client certificate alone`);
    }
    const others = labels.filter((label) => label !== "CERTIFICATE");
    if (others.length > 0) throw new InvalidArgumentError(argument, `holds a "${others[0]}" block beside the certificate; give the certificate alone`);
    let x509: X509Certificate;
    try {
        x509 = new X509Certificate(pem);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InvalidArgumentError(argument, `could not be read as an X.509 certificate (${reason})`);
    }
    return {
        fingerprintSha256: x509.fingerprint256,
        subject: distinguishedName(x509.subject),
        issuer: distinguishedName(x509.issuer),
        validAt: unixSeconds(x509.validFrom),
        expiresAt: unixSeconds(x509.validTo),
    };
}

/** Node prints one attribute per line; a name on one line reads better in a table or a diff. */
function distinguishedName(lines: string): string {
    return lines.split("\n").filter((line) => line.length > 0).join(", ");
}

function unixSeconds(openSslTime: string): number {
    return Math.floor(Date.parse(openSslTime) / 1000);
}

import { X509Certificate } from "crypto";

/** The times an uploaded certificate states, in Unix seconds. */
export interface CertificateTimes {
    readonly validAt: number;
    readonly expiresAt: number;
}

/**
 * Reads the one certificate a PEM text holds, with node's own X.509 parser, or says why it cannot:
 * no PEM block, a block that is not a certificate (a private key pasted by mistake), more than one
 * certificate (`X509Certificate` would silently read the first of a chain), or a certificate that
 * does not parse.
 */
export function readCertificatePem(pem: string): CertificateTimes | { readonly problem: string } {
    const labels = [...pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1]);
    if (labels.length === 0) return { problem: "is not a PEM certificate (no -----BEGIN CERTIFICATE----- block)" };
    const other = labels.find((label) => label !== "CERTIFICATE");
    if (other !== undefined) return { problem: `holds a ${other} block; upload the certificate alone` };
    if (labels.length > 1) return { problem: `holds ${labels.length} certificates; upload one certificate, not a chain` };
    let cert: X509Certificate;
    try {
        cert = new X509Certificate(pem);
    } catch (error) {
        return { problem: `does not parse as an X.509 certificate (${(error as Error).message})` };
    }
    const validAt = unixSeconds(cert.validFrom);
    const expiresAt = unixSeconds(cert.validTo);
    if (validAt === undefined || expiresAt === undefined) return { problem: `has validity dates node cannot read (${cert.validFrom}, ${cert.validTo})` };
    return { validAt, expiresAt };
}

/**
 * `validFrom`/`validTo` are OpenSSL's text ("Jan  1 00:00:00 2025 GMT"); `validFromDate` would be
 * better but arrived in Node 22.10, and the package supports Node 20.
 */
function unixSeconds(text: string): number | undefined {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

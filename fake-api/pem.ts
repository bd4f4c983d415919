import { OPENAI_MIN_REMAINING_SECONDS, readPemCertificate, uploadRequirementProblem } from "../provider/api/pem";

/** The times an uploaded certificate states, in Unix seconds. */
export interface CertificateTimes {
    readonly validAt: number;
    readonly expiresAt: number;
}

/**
 * Judges an upload as OpenAI's mutual TLS program does (its help article, "OpenAI Mutual TLS beta
 * program"): one certificate and nothing else in the text, the CA certificate that directly signs
 * the client certificates (basic constraints CA, key usage Certificate Sign and CRL Sign, Subject and
 * Authority Key Identifiers), under 16 KB, and not expiring within a day. The rules are the package's
 * own (`provider/api/pem.ts`), so what `Certificate` refuses at preview and what the fake refuses at
 * upload cannot drift apart. Returns the certificate's times, or the problem as a sentence that
 * quotes nothing of the text.
 */
export function readCertificatePem(pem: string, nowSeconds: number): CertificateTimes | { readonly problem: string } {
    const details = readPemCertificate(pem);
    if ("problem" in details) return details;
    const problem = uploadRequirementProblem(details);
    if (problem !== undefined) return { problem };
    if (details.expiresAt - nowSeconds <= OPENAI_MIN_REMAINING_SECONDS) return { problem: "expires within a day; upload a certificate with more time left" };
    return { validAt: details.validAt, expiresAt: details.expiresAt };
}

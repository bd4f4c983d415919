/**
 * The few X.509 v3 extensions that OpenAI's mutual TLS checks at upload, read from a certificate's
 * DER. `node:crypto`'s `X509Certificate` says whether a certificate is a CA (`ca`) but not its key
 * usage bits or its key identifiers, so this walks the DER (RFC 5280 section 4.1) far enough to find
 * them: Certificate -> tbsCertificate -> [3] extensions -> each Extension's id and value. Anything
 * that is not well-formed DER is a {@link MalformedDerError}; nothing here allocates more than the
 * certificate's own bytes, and every loop advances through a buffer it never leaves.
 */

/** The extensions OpenAI's upload checks, as read from the DER. */
export interface CertificateExtensions {
    /** The key usage bits (RFC 5280 4.2.1.3), or `undefined` when the extension is absent. */
    readonly keyUsage?: ReadonlySet<KeyUsage>;
    /** Whether a Subject Key Identifier extension is present. */
    readonly subjectKeyIdentifier: boolean;
    /** Whether an Authority Key Identifier extension with a `keyIdentifier` is present. */
    readonly authorityKeyIdentifier: boolean;
}

/** Key usage bits, in the order of their bit numbers. */
export const KEY_USAGES: readonly KeyUsage[] = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"];
/** One key usage bit, by its name in RFC 5280. */
export type KeyUsage = "digitalSignature" | "nonRepudiation" | "keyEncipherment" | "dataEncipherment" | "keyAgreement" | "keyCertSign" | "cRLSign" | "encipherOnly" | "decipherOnly";

/** The DER could not be walked. */
export class MalformedDerError extends Error {
    constructor(where: string) {
        super(`the certificate's DER is malformed (${where})`);
        this.name = "MalformedDerError";
    }
}

const SEQUENCE = 0x30;
const OID = 0x06;
const BOOLEAN = 0x01;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
const EXTENSIONS_TAG = 0xa3; // [3] EXPLICIT, constructed
const KEY_IDENTIFIER_TAG = 0x80; // AuthorityKeyIdentifier's [0] IMPLICIT keyIdentifier

// The extension ids, as their DER content bytes (2.5.29.x is 55 1d x).
const ID_SUBJECT_KEY_IDENTIFIER = "551d0e";
const ID_KEY_USAGE = "551d0f";
const ID_AUTHORITY_KEY_IDENTIFIER = "551d23";

interface Element {
    readonly tag: number;
    /** Where the content starts and ends, in the buffer. */
    readonly start: number;
    readonly end: number;
}

/** The element at `offset`, which must end at or before `limit`. Only definite lengths (DER). */
function elementAt(der: Uint8Array, offset: number, limit: number): Element {
    if (offset + 2 > limit) throw new MalformedDerError("truncated header");
    const tag = der[offset];
    if ((tag & 0x1f) === 0x1f) throw new MalformedDerError("multi-byte tag");
    let length = der[offset + 1];
    let start = offset + 2;
    if (length & 0x80) {
        const bytes = length & 0x7f;
        if (bytes === 0 || bytes > 4) throw new MalformedDerError("length form");
        if (start + bytes > limit) throw new MalformedDerError("truncated length");
        length = 0;
        for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
        start += bytes;
    }
    const end = start + length;
    if (end > limit) throw new MalformedDerError("length past the end");
    return { tag, start, end };
}

/** The elements inside a constructed one, in order. */
function childrenOf(der: Uint8Array, parent: Element): Element[] {
    const children: Element[] = [];
    for (let offset = parent.start; offset < parent.end; ) {
        const child = elementAt(der, offset, parent.end);
        children.push(child);
        offset = child.end; // strictly advances: every element has a two-byte header at least
    }
    return children;
}

function expect(element: Element | undefined, tag: number, what: string): Element {
    if (!element || element.tag !== tag) throw new MalformedDerError(what);
    return element;
}

function hex(der: Uint8Array, element: Element): string {
    return Buffer.from(der.subarray(element.start, element.end)).toString("hex");
}

/**
 * Reads the key usage, Subject Key Identifier and Authority Key Identifier extensions of a DER
 * certificate. Throws {@link MalformedDerError} when the structure is not DER.
 *
 * @example
 * ```ts
 * const { keyUsage } = readCertificateExtensions(new X509Certificate(pem).raw);
 * keyUsage?.has("keyCertSign");
 * ```
 */
export function readCertificateExtensions(der: Uint8Array): CertificateExtensions {
    const certificate = expect(elementAt(der, 0, der.length), SEQUENCE, "Certificate");
    if (certificate.end !== der.length) throw new MalformedDerError("bytes after the certificate");
    const tbs = expect(childrenOf(der, certificate)[0], SEQUENCE, "tbsCertificate");
    const wrapper = childrenOf(der, tbs).find((e) => e.tag === EXTENSIONS_TAG);
    const found: { keyUsage?: Set<KeyUsage>; subjectKeyIdentifier: boolean; authorityKeyIdentifier: boolean } = { subjectKeyIdentifier: false, authorityKeyIdentifier: false };
    if (!wrapper) return found;
    for (const extension of childrenOf(der, expect(childrenOf(der, wrapper)[0], SEQUENCE, "Extensions"))) {
        const parts = childrenOf(der, expect(extension, SEQUENCE, "Extension"));
        const id = hex(der, expect(parts[0], OID, "extnID"));
        const value = expect(parts[1]?.tag === BOOLEAN ? parts[2] : parts[1], OCTET_STRING, "extnValue");
        const inner = elementAt(der, value.start, value.end);
        if (id === ID_KEY_USAGE) found.keyUsage = keyUsageBits(der, expect(inner, BIT_STRING, "keyUsage"));
        else if (id === ID_SUBJECT_KEY_IDENTIFIER) found.subjectKeyIdentifier = expect(inner, OCTET_STRING, "subjectKeyIdentifier").end > inner.start;
        else if (id === ID_AUTHORITY_KEY_IDENTIFIER) {
            found.authorityKeyIdentifier = childrenOf(der, expect(inner, SEQUENCE, "authorityKeyIdentifier")).some((e) => e.tag === KEY_IDENTIFIER_TAG && e.end > e.start);
        }
    }
    return found;
}

function keyUsageBits(der: Uint8Array, bits: Element): Set<KeyUsage> {
    const usages = new Set<KeyUsage>();
    // The first content byte counts the unused bits of the last byte; bit 0 is the first byte's top bit.
    for (let bit = 0; bit < KEY_USAGES.length; bit++) {
        const byte = bits.start + 1 + (bit >> 3);
        if (byte < bits.end && der[byte] & (0x80 >> (bit & 7))) usages.add(KEY_USAGES[bit]);
    }
    return usages;
}

/**
 * Removes secrets from text that came from elsewhere (a server's error body, a parser's message)
 * before it goes into an error or a log line. A server may reflect the request's headers back, so the
 * exact key, every run of {@link SECRET_FRAGMENT_LENGTH} or more characters of its secret part or of
 * that part's base64 and URL encodings, any bearer credential and anything shaped like an OpenAI key
 * are all replaced.
 *
 * @example
 * ```ts
 * redact(`Bad key: ${key.slice(0, 20)}\n${key.slice(20)}`, [key]); // "Bad key: [REDACTED]\n[REDACTED]"
 * ```
 */
export function redact(text: string, secrets: readonly string[] = []): string {
    return createRedactor(secrets).redact(text);
}

/** What replaces a secret. */
export const REDACTED = "[REDACTED]";

/**
 * The shortest run of a secret's characters that is redacted on its own. A key split across two lines
 * (or masked at one end) leaves fragments; 12 characters of a random key are as good as unique, while
 * shorter runs would start to match ordinary text.
 */
export const SECRET_FRAGMENT_LENGTH = 12;

/** Finds and removes the forms of a fixed set of secrets; build one per key and reuse it. */
export interface Redactor {
    /** `text` with every form of the secrets, every bearer credential and every key-shaped string replaced by {@link REDACTED}. */
    redact(text: string): string;
    /**
     * Whether `text` holds one of the secrets in a form {@link Redactor.redact} removes for it: the
     * whole secret, a fragment, an encoding. Bearer and key shapes alone do not count, so data that
     * merely looks like a key (a certificate named `sk-test-gateway`) is not mistaken for ours.
     */
    contains(text: string): boolean;
}

/**
 * Builds a {@link Redactor} for `secrets`. Secrets shorter than 8 characters are ignored: they would
 * redact ordinary words, and a real key is far longer. Matching is case-insensitive for ASCII letters:
 * a key echoed into a host name comes back lower-cased.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
    const usable = secrets.filter((s) => typeof s === "string" && s.length >= 8);
    const exact = usable.map((s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"));
    const fragments = new FragmentIndex(usable.flatMap(secretForms));
    return {
        redact(text) {
            let out = text;
            for (const pattern of exact) out = out.replace(pattern, REDACTED);
            out = fragments.replace(out, REDACTED);
            out = out.replace(BEARER, `Bearer ${REDACTED}`).replace(OPENAI_KEY_SHAPE, REDACTED);
            // `sk-admin-` before a redacted fragment is itself key-shaped: say it once.
            return out.replace(REPEATED, REDACTED);
        },
        contains(text) {
            return exact.some((pattern) => text.search(pattern) >= 0) || fragments.firstMatch(text) >= 0;
        },
    };
}

const REPEATED = /(?:\[REDACTED\]){2,}/g;
const BEARER = /Bearer\s+[^\s"',;]+/gi;
// OpenAI keys: sk-..., sk-proj-..., sk-admin-...; also their masked forms such as sk-adm***abcd.
const OPENAI_KEY_SHAPE = /\bsk-[A-Za-z0-9_*\-]{6,}/g;
// The public part of an OpenAI key: the same in every key of a kind, so no fragment of it is secret.
const KEY_PREFIX = /^sk-(?:admin-|proj-|svcacct-)?/;

/**
 * The texts whose fragments give a secret away: its secret part (the key without `sk-admin-`), that
 * part percent-encoded (as `encodeURIComponent` does, and every byte), and its base64 in both
 * alphabets at each of the three byte alignments it can have inside a longer encoded text (a Basic
 * credential, a JWT, a log line encoded whole). Characters of an encoding that mix in bytes from
 * outside the secret depend on its neighbours, so they are left out.
 */
function secretForms(secret: string): string[] {
    const part = secret.replace(KEY_PREFIX, "");
    const bytes = Buffer.from(part, "utf8");
    const forms = [part, percentEncoded(part), [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")];
    for (const shift of [0, 1, 2]) {
        const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64").replace(/=+$/, "");
        // A base64 character covers 6 bits: the first ceil(8 * shift / 6) also hold the padding bytes
        // put in front, and the last one holds bits of whatever follows, unless the bytes end a group.
        const pure = encoded.slice(Math.ceil((8 * shift) / 6), (shift + bytes.length) % 3 === 0 ? undefined : -1);
        forms.push(pure, pure.replace(/\+/g, "-").replace(/\//g, "_"));
    }
    return forms;
}

/** `encodeURIComponent`, but a lone surrogate (which it refuses) leaves the text as it is. */
function percentEncoded(text: string): string {
    try {
        return encodeURIComponent(text);
    } catch {
        return text;
    }
}

/**
 * Every {@link SECRET_FRAGMENT_LENGTH}-character window of some texts, found in other text in one
 * pass with a rolling hash (Rabin-Karp): checking every string of every response must stay cheap.
 * Any longer fragment is a chain of overlapping windows, so marking the windows marks it whole.
 */
class FragmentIndex {
    private readonly windows = new Set<string>();
    private readonly hashes = new Set<number>();

    constructor(forms: readonly string[]) {
        for (const form of forms) {
            const folded = foldAscii(form);
            for (let i = 0; i + SECRET_FRAGMENT_LENGTH <= folded.length; i++) {
                const window = folded.slice(i, i + SECRET_FRAGMENT_LENGTH);
                this.windows.add(window);
                this.hashes.add(hashOf(window));
            }
        }
    }

    /** The index of the first window found in `text`, or -1. */
    firstMatch(text: string): number {
        let found = -1;
        this.scan(text, (start) => {
            found = start;
            return false;
        });
        return found;
    }

    /** `text` with every run of overlapping or adjacent windows replaced by one `replacement`. */
    replace(text: string, replacement: string): string {
        const runs: Array<[number, number]> = [];
        this.scan(text, (start) => {
            const last = runs[runs.length - 1];
            if (last && start <= last[1]) last[1] = start + SECRET_FRAGMENT_LENGTH;
            else runs.push([start, start + SECRET_FRAGMENT_LENGTH]);
            return true;
        });
        if (runs.length === 0) return text;
        let out = "";
        let from = 0;
        for (const [start, end] of runs) {
            out += text.slice(from, start) + replacement;
            from = end;
        }
        return out + text.slice(from);
    }

    /** Calls `onMatch` with the start of each window found, in order, while it returns true. */
    private scan(text: string, onMatch: (start: number) => boolean): void {
        const w = SECRET_FRAGMENT_LENGTH;
        if (this.windows.size === 0 || text.length < w) return;
        let hash = 0;
        for (let i = 0; i < text.length; i++) {
            if (i >= w) hash = (hash - Math.imul(foldCode(text.charCodeAt(i - w)), TOP_POWER)) | 0;
            hash = (Math.imul(hash, BASE) + foldCode(text.charCodeAt(i))) | 0;
            const start = i - w + 1;
            if (start >= 0 && this.hashes.has(hash) && this.windows.has(foldAscii(text.slice(start, i + 1))) && !onMatch(start)) return;
        }
    }
}

// Rabin-Karp over UTF-16 code units, modulo 2^32 in 32-bit integer arithmetic (Math.imul and | 0
// wrap exactly). A hash hit is confirmed against the windows themselves, so collisions cost nothing.
const BASE = 257;
const TOP_POWER = Array.from({ length: SECRET_FRAGMENT_LENGTH - 1 }).reduce<number>((p) => Math.imul(p, BASE), 1);

function hashOf(window: string): number {
    let hash = 0;
    for (let i = 0; i < window.length; i++) hash = (Math.imul(hash, BASE) + window.charCodeAt(i)) | 0;
    return hash;
}

/** Lower-cases ASCII letters only, so a string keeps its length (full Unicode folding does not). */
function foldAscii(text: string): string {
    return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

function foldCode(code: number): number {
    return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * Redacts every string an error carries: its message, its stack, and its own string properties and
 * the strings inside their arrays and objects (`issues[].received`, `contentType`...). Applied at
 * the client's boundary to every error it throws, whatever built it, because servers can echo
 * credentials into places no one thought of: a content-type, an id, a cursor, a redirect's host.
 */
export function scrubError<E>(error: E, clean: (text: string) => string): E {
    if (!(error instanceof Error)) return error;
    const target = error as unknown as Record<string, unknown>;
    const scrub = (value: unknown, depth: number): unknown => {
        if (typeof value === "string") return clean(value);
        if (depth > 2 || value === null || typeof value !== "object") return value;
        if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
    };
    for (const key of Object.getOwnPropertyNames(error)) {
        if (key === "cause") continue;
        target[key] = scrub(target[key], 0);
    }
    if (error.cause !== undefined) scrubError(error.cause, clean);
    return error;
}

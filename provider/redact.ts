/**
 * Removes secrets from text that came from elsewhere (a server's error body, a parser's message)
 * before it goes into an error or a log line. A server may reflect the request's headers back, so the
 * exact key, any bearer credential and anything shaped like an OpenAI key are all replaced.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
    let out = text;
    for (const secret of secrets) {
        // Very short strings would redact ordinary words; a real key is far longer. Case-insensitive:
        // a key echoed into a host name comes back lower-cased.
        if (secret && secret.length >= 8) out = out.replace(new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), REDACTED);
    }
    return out.replace(BEARER, `Bearer ${REDACTED}`).replace(OPENAI_KEY_SHAPE, REDACTED);
}

/** What replaces a secret. */
export const REDACTED = "[REDACTED]";

const BEARER = /Bearer\s+[^\s"',;]+/gi;
// OpenAI keys: sk-..., sk-proj-..., sk-admin-...; also their masked forms such as sk-adm***abcd.
const OPENAI_KEY_SHAPE = /\bsk-[A-Za-z0-9_*\-]{6,}/g;

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

/**
 * Removes secrets from text that came from elsewhere (a server's error body, a parser's message)
 * before it goes into an error or a log line. A server may reflect the request's headers back, so the
 * exact key, any bearer credential and anything shaped like an OpenAI key are all replaced.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
    let out = text;
    for (const secret of secrets) {
        // Very short strings would redact ordinary words; a real key is far longer.
        if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED);
    }
    return out.replace(BEARER, `Bearer ${REDACTED}`).replace(OPENAI_KEY_SHAPE, REDACTED);
}

/** What replaces a secret. */
export const REDACTED = "[REDACTED]";

const BEARER = /Bearer\s+[^\s"',;]+/gi;
// OpenAI keys: sk-..., sk-proj-..., sk-admin-...; also their masked forms such as sk-adm***abcd.
const OPENAI_KEY_SHAPE = /\bsk-[A-Za-z0-9_*\-]{6,}/g;

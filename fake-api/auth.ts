import { ApiAnswer, apiError } from "./answers";

/** Whether a request's Authorization header carried the key the fake accepts. */
export type AuthState = "valid" | "invalid" | "missing";

/** Judges an Authorization header against the key the fake accepts now. */
export function authState(header: string | undefined, adminKey: string): AuthState {
    if (!header) return "missing";
    return bearer(header) === adminKey ? "valid" : "invalid";
}

/**
 * The API's 401 for a request whose key was missing or wrong, or `undefined` when it was right. A
 * wrong key is quoted back masked, as the real API does, never whole.
 */
export function authFailure(state: AuthState, header: string | undefined): ApiAnswer | undefined {
    switch (state) {
        case "valid":
            return undefined;
        case "missing":
            return apiError(401, "You didn't provide an API key.", null, "missing_api_key");
        case "invalid":
            return apiError(401, `Incorrect API key provided: ${mask(bearer(header))}.`, null, "invalid_api_key");
    }
}

function bearer(header: string | undefined): string {
    return (header ?? "").replace(/^Bearer\s+/i, "");
}

/** Masks a key the way the real API quotes it back: the first 6 and last 4 characters. */
function mask(key: string): string {
    return key.length <= 10 ? "***" : `${key.slice(0, 6)}${"*".repeat(8)}${key.slice(-4)}`;
}

import { InvalidArgumentError } from "./errors/argument-error";

/** The environment variable every entry point reads the admin key from, when it is not given otherwise. */
export const ENV_ADMIN_KEY = "OPENAI_ADMIN_KEY";

/**
 * The one rule for an admin key, wherever it comes from (an argument, the stack config, the
 * environment): whitespace around it is dropped, and what remains must be a non-empty run of visible
 * ASCII characters, since it goes into an HTTP header. A key read from a file or pasted into
 * `pulumi config set` often ends in a newline; the command trimmed it while the library and the
 * provider refused it (issue 12, item 15). Throws {@link InvalidArgumentError} naming `argument`,
 * and never quotes the key.
 *
 * @example
 * ```ts
 * normalizeAdminKey("sk-admin-abc\n"); // "sk-admin-abc"
 * normalizeAdminKey(" \n");            // throws: empty once the surrounding whitespace is dropped
 * ```
 */
export function normalizeAdminKey(value: unknown, argument = "adminKey"): string {
    if (typeof value !== "string") throw new InvalidArgumentError(argument, "must be a string: an organization admin key (sk-admin-...)");
    const key = value.trim();
    if (key === "") throw new InvalidArgumentError(argument, "is empty once the whitespace around it is dropped; set it to an organization admin key (sk-admin-...)");
    if (!/^[\x21-\x7e]+$/.test(key)) {
        // A header value with a line break would be refused by Node with a message that quotes it.
        throw new InvalidArgumentError(argument, "must not contain whitespace, line breaks or other control or non-ASCII characters inside it (whitespace around it is ignored)");
    }
    return key;
}

/**
 * The first of `candidates` that is set and not blank, with the whitespace around it dropped, for
 * entry points that look in several places in turn. A blank value (empty, or only whitespace such
 * as a lone newline) counts as not set, so the next place is tried; `undefined` when none is set.
 *
 * @example
 * ```ts
 * firstAdminKey(args.adminKey, config.adminKey, process.env[ENV_ADMIN_KEY]) ?? fail();
 * ```
 */
export function firstAdminKey(...candidates: ReadonlyArray<string | undefined>): string | undefined {
    for (const candidate of candidates) {
        if (typeof candidate === "string" && candidate.trim() !== "") return candidate.trim();
    }
    return undefined;
}

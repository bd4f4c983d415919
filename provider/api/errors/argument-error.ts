import { OpenAICertificatesError } from "./base";

/**
 * An argument or option was unknown, of the wrong type or out of range. Nothing was sent to the API.
 *
 * @example
 * ```ts
 * try { await getCertificates({ pageSize: 500 }); }
 * catch (e) { if (e instanceof InvalidArgumentError) console.error(e.argument); } // "pageSize"
 * ```
 */
export class InvalidArgumentError extends OpenAICertificatesError {
    readonly code = "invalid_argument";

    constructor(
        /** The argument that was wrong, as the caller spelled it (`pageSize`, `baseUrl`, ...). */
        readonly argument: string,
        /** What was wrong with it, as the message says it after the argument's name. */
        readonly problem: string,
    ) {
        super(`Invalid argument "${argument}": ${problem}`);
    }
}

/**
 * No admin key was found in any of the places the entry point looks. Nothing was sent to the API.
 * Each entry point names its own places (`where`): a Pulumi program its stack config, the command
 * line its environment variable, so that the advice is something the reader can actually do.
 */
export class MissingAdminKeyError extends OpenAICertificatesError {
    readonly code = "missing_admin_key";

    constructor(
        /** Where to put the key, as a sentence: "Set the environment variable OPENAI_ADMIN_KEY". */
        where = "Pass `adminKey`, or set the environment variable OPENAI_ADMIN_KEY",
    ) {
        super(`No OpenAI admin key found. ${where}. A value that is empty or only whitespace counts as not set.`);
    }
}

/**
 * Two places that both hold the admin key hold different keys, so which one is meant cannot be told.
 * The message names the places and never the values. Nothing was sent to the API.
 *
 * @example
 * ```ts
 * // openai:adminApiKey and openai:adminKey both set, to different keys:
 * // AdminKeyConflictError: The admin key is set twice, to different values: in openai:adminApiKey and in openai:adminKey. ...
 * ```
 */
export class AdminKeyConflictError extends OpenAICertificatesError {
    readonly code = "admin_key_conflict";

    constructor(
        /** The places, in the order they are read, such as `["openai:adminApiKey", "openai:adminKey"]`. */
        readonly places: readonly string[],
        advice: string,
    ) {
        super(`The admin key is set twice, to different values: in ${places.join(" and in ")}. ${advice}`);
    }
}

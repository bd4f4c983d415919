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
        problem: string,
    ) {
        super(`Invalid argument "${argument}": ${problem}`);
    }
}

/** No admin key was found in any of the places this package looks. Nothing was sent to the API. */
export class MissingAdminKeyError extends OpenAICertificatesError {
    readonly code = "missing_admin_key";

    constructor() {
        super(
            "No OpenAI admin key found. Pass `adminKey`, or set it as the Pulumi secret `openai:adminKey` " +
                "(`pulumi config set --secret openai:adminKey <key>`), or set the environment " +
                "variable OPENAI_ADMIN_KEY. A value that is empty or only whitespace counts as not set.",
        );
    }
}

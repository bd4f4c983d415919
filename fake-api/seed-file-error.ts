import { OpenAICertificatesError } from "../provider/api/errors/base";

/**
 * A seed file of the fake API cannot be used: it cannot be read, is not JSON, or a field in it is
 * unknown, of the wrong type or not a duration. The message names the file and the field as a path
 * into the JSON (`certificates[2].expiresIn`), and never quotes a refused value that could be a key
 * (a wrong type is described by its kind: "got a number").
 *
 * @example
 * ```ts
 * try { readSeedFile("seed.json"); }
 * catch (e) { if (e instanceof SeedFileError) console.error(e.field); } // "certificates[2].expiresIn"
 * ```
 */
export class SeedFileError extends OpenAICertificatesError {
    readonly code = "invalid_seed_file";

    constructor(
        /** The seed file, as it was given. */
        readonly file: string,
        /** Where in the file, such as `certificates[2].expiresIn`; absent when the file as a whole is wrong. */
        readonly field: string | undefined,
        /** What is wrong, as the message says it after the file and field. */
        readonly problem: string,
    ) {
        super(`Seed file ${file}${field === undefined ? "" : `, ${field}`}: ${problem}`);
    }
}

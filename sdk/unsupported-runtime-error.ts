import { OpenAICertificatesError } from "../provider/api/errors/base";

/**
 * This part of the package cannot work on the JavaScript runtime the program runs on, and fails at
 * once, before anything is registered, naming what does work there. Thrown by all three resources
 * (`Certificates`, `Certificate`, `CertificateActivation`) on Bun, where Pulumi cannot serialize a
 * dynamic provider.
 *
 * @example
 * ```ts
 * try { new Certificates("org", {}); }
 * catch (e) { if (e instanceof UnsupportedRuntimeError) console.error(e.runtime); } // "bun"
 * ```
 */
export class UnsupportedRuntimeError extends OpenAICertificatesError {
    readonly code = "unsupported_runtime";

    constructor(
        /** The runtime, such as `bun`. */
        readonly runtime: string,
        message: string,
    ) {
        super(message);
    }
}

import { CertificatesClient, createCertificatesClient } from "../api/client";
import { environmentBaseUrl } from "../api/client-options";
import { AdminKeyConflictError, MissingAdminKeyError } from "../api/errors/argument-error";
import { OpenAICertificatesError } from "../api/errors/base";
import { ProviderSettings, keyPlacesOf, stackAdminKey, withStackKeyAdvice } from "./stack-config";

/**
 * The client of the resources that change certificates (`Certificate`, `CertificateActivation`),
 * with the key of {@link requireStackAdminKey} and the base URL from `openai:baseUrl`, else
 * `OPENAI_BASE_URL`. The key is read when an operation runs and lives only in this process.
 */
export function writeClient(settings: ProviderSettings = {}): CertificatesClient {
    return createCertificatesClient({ adminKey: requireStackAdminKey(settings), baseUrl: settings.baseUrl ?? environmentBaseUrl() });
}

/**
 * The key of every dynamic provider: the stack config's (`openai:adminApiKey`, else
 * `openai:adminKey`), else the environment's, by the rule every entry point shares. Throws
 * {@link MissingAdminKeyError} naming where to set it, and {@link AdminKeyConflictError} when both
 * config keys are set to different keys.
 */
export function requireStackAdminKey(settings: ProviderSettings): string {
    const adminKey = stackAdminKey(settings);
    if (!adminKey) throw new MissingAdminKeyError(`Set ${keyPlacesOf(settings)}${settings.keyPlaces === undefined ? " (of the process that runs pulumi)" : ""}`);
    return adminKey;
}

/** Runs `operation`, restating a refused key in the words of `settings`' stack, as one line for the provider host. */
export async function withStackAdvice<T>(operation: () => Promise<T>, settings: ProviderSettings = {}): Promise<T> {
    try {
        return await operation();
    } catch (error) {
        throw oneLineForHost(withStackKeyAdvice(error, keyPlacesOf(settings)));
    }
}

/**
 * Pulumi's dynamic provider host prints a failed operation as `${error}: ${error.stack}` before the
 * engine prints its message: for our typed errors that was the message twice and a trace into files
 * the package does not ship (issue 23, item 7). Such an error, leaving an operation, reads as one
 * line there: its class and code, then its message, with no trace. Other errors (bugs) keep theirs.
 */
export function oneLineForHost(error: unknown): unknown {
    if (error instanceof OpenAICertificatesError) {
        const header = `${error.name} (${error.code})`;
        Object.defineProperty(error, "toString", { value: () => header, enumerable: false, configurable: true, writable: true });
        Object.defineProperty(error, "stack", { value: error.message, enumerable: false, configurable: true, writable: true });
    }
    return error;
}

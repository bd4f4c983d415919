import * as pulumi from "@pulumi/pulumi";
import { ENV_ADMIN_KEY, firstAdminKey } from "../provider/api/admin-key";
import { MissingAdminKeyError } from "../provider/api/errors/argument-error";
import { ENV_BASE_URL, environmentBaseUrl } from "../provider/api/client-options";
import { CONFIG_ADMIN_API_KEY, CONFIG_ADMIN_KEY_ALIAS, CONFIG_BASE_URL, STACK_ADMIN_KEY_PLACES, providerSettingsFromConfig, stackAdminKey, withStackKeyAdvice } from "../provider/dynamic/stack-config";

export { CONFIG_ADMIN_API_KEY, CONFIG_ADMIN_KEY_ALIAS, CONFIG_BASE_URL, ENV_ADMIN_KEY, ENV_BASE_URL };
/**
 * The earlier name of the admin key's config, `openai:adminKey`: still read, after `openai:adminApiKey`.
 * @deprecated Use {@link CONFIG_ADMIN_API_KEY}, the official OpenAI provider's name.
 */
export const CONFIG_ADMIN_KEY = CONFIG_ADMIN_KEY_ALIAS;

/**
 * The admin key: the argument, else the Pulumi config `openai:adminApiKey` (a secret), else its alias
 * `openai:adminKey`, else the environment variable `OPENAI_ADMIN_KEY`, with the whitespace around it
 * dropped; a blank value counts as not set (the rule of `firstAdminKey`, which the provider and the
 * command share). Throws {@link MissingAdminKeyError} naming the places, and `AdminKeyConflictError`
 * when both config keys hold different keys (only read when there is no argument).
 */
export function resolveAdminKey(explicit: string | undefined): string {
    const key = firstAdminKey(explicit) ?? stackAdminKey(providerSettingsFromConfig({ get: readPulumiConfig }));
    if (key === undefined) throw new MissingAdminKeyError(`Pass \`adminKey\`, or set ${STACK_ADMIN_KEY_PLACES}`);
    return key;
}

/**
 * Runs a data source's `work`, telling a refused key in the words of a Pulumi program: where its key
 * is read from. The API layer cannot say, since it is given the key.
 */
export async function withDataSourceKeyAdvice<T>(work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (error) {
        throw withStackKeyAdvice(error, `the admin key (\`adminKey\`, or ${STACK_ADMIN_KEY_PLACES})`);
    }
}

/** The base URL: the argument, else `openai:baseUrl`, else `OPENAI_BASE_URL`, else the public API. */
export function resolveBaseUrl(explicit: string | undefined): string {
    return nonEmpty(explicit) ?? nonEmpty(readPulumiConfig(CONFIG_BASE_URL)) ?? environmentBaseUrl();
}

// Outside a Pulumi program there is no config; getConfig then answers undefined. The low-level
// reader returns secrets as plain text, which is what we need to send the key, and logs nothing.
function readPulumiConfig(key: string): string | undefined {
    try {
        return pulumi.runtime.getConfig(key);
    } catch {
        return undefined;
    }
}

function nonEmpty(value: string | undefined): string | undefined {
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

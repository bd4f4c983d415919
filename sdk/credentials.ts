import * as pulumi from "@pulumi/pulumi";
import { ENV_ADMIN_KEY, MissingAdminKeyError, environmentBaseUrl, firstAdminKey } from "../provider/api";

/** Where the admin key and base URL are read from, in order, when not passed as arguments. */
export const CONFIG_ADMIN_KEY = "openai:adminKey";
export const CONFIG_BASE_URL = "openai:baseUrl";
export { ENV_ADMIN_KEY };
export const ENV_BASE_URL = "OPENAI_BASE_URL";

/**
 * The admin key: the argument, else the Pulumi config `openai:adminKey` (a secret), else the
 * environment variable `OPENAI_ADMIN_KEY`, with the whitespace around it dropped; a blank value
 * counts as not set (the rule of `firstAdminKey`, which the provider and the command share). Throws
 * {@link MissingAdminKeyError}, naming all three.
 */
export function resolveAdminKey(explicit: string | undefined): string {
    const key = firstAdminKey(explicit, readPulumiConfig(CONFIG_ADMIN_KEY), process.env[ENV_ADMIN_KEY]);
    if (key === undefined) throw new MissingAdminKeyError();
    return key;
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

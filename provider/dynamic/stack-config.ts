import { ENV_ADMIN_KEY, firstAdminKey } from "../api/admin-key";
import { AuthenticationError, adminKeyAdvice } from "../api/errors/api-error";
import { AdminKeyConflictError, InvalidArgumentError } from "../api/errors/argument-error";

/*
 * The Pulumi stack configuration this package reads, in one place for the data sources (sdk/) and
 * the dynamic provider's `configure`. The names are those of the official OpenAI Terraform provider
 * (`admin_api_key`, `base_url`), which Pulumi users add as a bridged provider in the same `openai`
 * namespace; bridged providers refuse keys they do not know, so a stack that uses both can only set
 * `openai:adminApiKey`. `openai:adminKey`, our name in 0.1, stays readable as an alias (issue 11).
 */

/** The admin key, as the official OpenAI provider names it. Read first. Set it with `--secret`. */
export const CONFIG_ADMIN_API_KEY = "openai:adminApiKey";
/** The earlier name of the admin key, still read after {@link CONFIG_ADMIN_API_KEY}. */
export const CONFIG_ADMIN_KEY_ALIAS = "openai:adminKey";
/** The API's base URL. */
export const CONFIG_BASE_URL = "openai:baseUrl";

/** The command that stores the key, in its prompting form: a key typed on the command line lands in shell history. */
export const SET_ADMIN_KEY_COMMAND = `pulumi config set --secret ${CONFIG_ADMIN_API_KEY}`;

/** Where a Pulumi program's key is read from, for messages: in order, as a phrase. */
export const STACK_ADMIN_KEY_PLACES =
    `the Pulumi secret ${CONFIG_ADMIN_API_KEY} (\`${SET_ADMIN_KEY_COMMAND}\` prompts for it; ${CONFIG_ADMIN_KEY_ALIAS} is read as an alias) ` +
    `or the environment variable ${ENV_ADMIN_KEY}`;

/**
 * The admin key from the stack config: `openai:adminApiKey`, else `openai:adminKey`, each by the
 * rule of `firstAdminKey` (whitespace around it dropped); `undefined` when neither is set. A key
 * that is set but blank, with no other key in the config, is an {@link InvalidArgumentError} naming
 * it: an empty secret is a failed `pulumi config set`, not a missing key. Both set to different keys is an {@link AdminKeyConflictError} naming both keys
 * and neither value: guessing would send one of them to the API, perhaps the revoked one.
 *
 * @example
 * ```ts
 * stackConfigAdminKey(config.get("openai:adminApiKey"), config.get("openai:adminKey"));
 * ```
 */
export function stackConfigAdminKey(adminApiKey: string | undefined, adminKeyAlias: string | undefined): string | undefined {
    const official = firstAdminKey(adminApiKey);
    const alias = firstAdminKey(adminKeyAlias);
    if (official !== undefined && alias !== undefined && official !== alias) {
        throw new AdminKeyConflictError(
            [CONFIG_ADMIN_API_KEY, CONFIG_ADMIN_KEY_ALIAS],
            `Keep ${CONFIG_ADMIN_API_KEY}, the official OpenAI provider's name, and remove the other: \`pulumi config rm ${CONFIG_ADMIN_KEY_ALIAS}\`.`,
        );
    }
    const key = official ?? alias;
    if (key === undefined) {
        // `pulumi config set --secret openai:adminApiKey` with nothing on standard input (a CI step, a
        // script) stores an empty secret and exits 0; "no key found" would send the user looking for
        // a key that is set (issue 16).
        const blank = adminApiKey !== undefined ? CONFIG_ADMIN_API_KEY : adminKeyAlias !== undefined ? CONFIG_ADMIN_KEY_ALIAS : undefined;
        if (blank !== undefined) {
            throw new InvalidArgumentError(
                blank,
                `is set in the stack config but empty (\`pulumi config set --secret\` with nothing on its standard input stores an empty secret), so no other key is used in its place. Run \`${SET_ADMIN_KEY_COMMAND}\` and type the key at its prompt, or pipe it in: \`printf %s "$KEY" | ${SET_ADMIN_KEY_COMMAND}\`; or, to use ${ENV_ADMIN_KEY} instead, remove it: \`pulumi config rm ${blank}\``,
            );
        }
    }
    return key;
}

/** What `configure` received from the stack config. Lives only in the provider process's memory. */
export interface ProviderSettings {
    /** `openai:adminApiKey`. Providers stored by 0.1.0 never set it. */
    adminApiKey?: string;
    /** `openai:adminKey`, the alias (the only key a provider stored by 0.1.0 reads). */
    adminKey?: string;
    baseUrl?: string;
    /**
     * Where this provider's key is read from, as a phrase for messages. The dynamic providers leave
     * it out ({@link STACK_ADMIN_KEY_PLACES}); the provider plugin names its own config.
     */
    keyPlaces?: string;
    /** The command that stores this provider's key, for messages. @default {@link SET_ADMIN_KEY_COMMAND} */
    setKeyCommand?: string;
    /**
     * Whether `OPENAI_ADMIN_KEY` stands in for a key the config does not hold. The plugin's explicit
     * providers say `false`: one that falls back would send the default organization's key. @default true
     */
    environmentKey?: boolean;
}

/** Where `settings`' key is read from, as a phrase for messages. */
export function keyPlacesOf(settings: ProviderSettings = {}): string {
    return settings.keyPlaces ?? STACK_ADMIN_KEY_PLACES;
}

/**
 * `configure`: the settings from the stack config, read by name here rather than in the serialized
 * provider, so the names have one home. The key is resolved later, in each operation, so that a
 * conflict fails the operation with its message instead of the provider process.
 */
export function providerSettingsFromConfig(config: { get(key: string): string | undefined }): ProviderSettings {
    return { adminApiKey: config.get(CONFIG_ADMIN_API_KEY), adminKey: config.get(CONFIG_ADMIN_KEY_ALIAS), baseUrl: config.get(CONFIG_BASE_URL) };
}

/**
 * Every place a stack's admin key is read from, in the order it is read: `openai:adminApiKey`, its
 * alias `openai:adminKey`, then `OPENAI_ADMIN_KEY`. The one list that both choosing the key to send
 * ({@link stackAdminKey}) and redacting messages ({@link everyStackAdminKey}) read, so a new place
 * cannot be sent from without being redacted.
 */
export function stackAdminKeySources(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): { config: [adminApiKey: string | undefined, adminKeyAlias: string | undefined]; environment: string | undefined } {
    return { config: [settings.adminApiKey, settings.adminKey], environment: settings.environmentKey === false ? undefined : env[ENV_ADMIN_KEY] };
}

/**
 * The key a stack sends: the config's by {@link stackConfigAdminKey} (which refuses a conflict and a
 * blank secret), else the environment's; `undefined` when none is set.
 */
export function stackAdminKey(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
    const { config, environment } = stackAdminKeySources(settings, env);
    return firstAdminKey(stackConfigAdminKey(...config), environment);
}

/** Every key a stack could send, whitespace dropped: what a message is redacted of, even after a conflict. */
export function everyStackAdminKey(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): string[] {
    const { config, environment } = stackAdminKeySources(settings, env);
    return [...config, environment].map((k) => firstAdminKey(k)).filter((k): k is string => k !== undefined);
}

/**
 * A refused key ({@link AuthenticationError}) told in the words of a Pulumi stack: where its key is
 * read from (`places`, {@link STACK_ADMIN_KEY_PLACES} unless an entry point reads more). Any other
 * error is returned as it is.
 */
export function withStackKeyAdvice(error: unknown, places: string = STACK_ADMIN_KEY_PLACES): unknown {
    return error instanceof AuthenticationError ? error.withAdvice(adminKeyAdvice(places)) : error;
}

import { ENV_ADMIN_KEY } from "../api/admin-key";
import { DEFAULT_BASE_URL, ENV_BASE_URL } from "../api/client-options";
import { InvalidArgumentError } from "../api/errors/argument-error";
import { UNKNOWN } from "../dynamic/list-inputs";
import type { ProviderSettings } from "../dynamic/stack-config";
import { plainValue } from "./secrets";
import { PLUGIN_CONFIG_ADMIN_API_KEY, PLUGIN_CONFIG_BASE_URL, PLUGIN_PACKAGE } from "./tokens";

/*
 * Where a plugin process's key and base URL come from. The engine starts one plugin process per
 * provider, the default one (configured from the stack config `openai-certificates:*`) or an
 * explicit `pulumi:providers:openai-certificates` resource (configured from its properties), and
 * sends each its config in Configure. The Node.js provider server of @pulumi/pulumi answers that
 * call without reading it, and the only config it passes on, the PULUMI_CONFIG environment
 * variable, is the stack's even in an explicit provider's process: read there, a second
 * organization's provider would send the first one's key. So the plugin reads Configure itself
 * (plugin-server.ts), and nothing from PULUMI_CONFIG.
 *
 * The default provider falls back to OPENAI_ADMIN_KEY and OPENAI_BASE_URL, as the dynamic providers
 * do. An explicit provider never does: its key is its `adminApiKey` property or nothing (an error
 * saying so), and its base URL its `baseUrl` property or the public API.
 */

/** What Configure says, as the server reads it. */
export interface PluginConfigure {
    /** The provider resource's name: `default` (or `default_<version>`) for the default provider. */
    readonly name?: string;
    /** The provider resource's URN. */
    readonly urn?: string;
    /** The provider's properties (`adminApiKey`, `baseUrl`), secrets still wrapped. */
    readonly args: Record<string, unknown>;
}

const SET_PLUGIN_KEY_COMMAND = `pulumi config set --secret ${PLUGIN_CONFIG_ADMIN_API_KEY}`;

/**
 * Whether Configure is the default provider's: named `default` or `default_<version>`, with no
 * parent (a provider under a component has `parent$` in its URN's type). An engine that sends
 * neither name nor URN gets the explicit provider's rules: no fallback.
 */
export function isDefaultProvider(configure: Pick<PluginConfigure, "name" | "urn">): boolean {
    if (configure.name === undefined || !/^default(_|$)/.test(configure.name)) return false;
    const type = configure.urn?.split("::")[2];
    return type === `pulumi:providers:${PLUGIN_PACKAGE}`;
}

/**
 * The settings the operations take (the dynamic providers' {@link ProviderSettings}) for one plugin
 * process. `undefined` (no Configure yet) and a malformed config are {@link InvalidArgumentError}s,
 * naming the property and never its value.
 */
export function pluginProviderSettings(configure: PluginConfigure | undefined): ProviderSettings {
    if (configure === undefined) throw new InvalidArgumentError("provider", "the engine has not configured this provider (no Configure call); nothing is sent without its key");
    const explicit = !isDefaultProvider(configure);
    const where = explicit ? `the provider "${configure.name ?? configure.urn ?? "(unnamed)"}"'s` : "the config";
    const adminApiKey = configValue(configure.args.adminApiKey, explicit ? "adminApiKey" : PLUGIN_CONFIG_ADMIN_API_KEY, where);
    const baseUrl = configValue(configure.args.baseUrl, explicit ? "baseUrl" : PLUGIN_CONFIG_BASE_URL, where);
    if (!explicit) {
        return {
            adminApiKey,
            baseUrl,
            keyPlaces: `the Pulumi secret ${PLUGIN_CONFIG_ADMIN_API_KEY} (\`${SET_PLUGIN_KEY_COMMAND}\` prompts for it) or the environment variable ${ENV_ADMIN_KEY}`,
            setKeyCommand: SET_PLUGIN_KEY_COMMAND,
        };
    }
    return {
        adminApiKey,
        baseUrl: baseUrl ?? DEFAULT_BASE_URL,
        environmentKey: false,
        keyPlaces:
            `the adminApiKey property of the explicit provider "${configure.name ?? configure.urn ?? "(unnamed)"}" (a secret). An explicit provider reads no stack config and ` +
            `neither ${ENV_ADMIN_KEY} nor ${ENV_BASE_URL}, so that it never sends another organization's key`,
        setKeyCommand: `the provider's adminApiKey property, from a secret (\`pulumi config set --secret <key>\`, read with config.requireSecret or a secret variable)`,
    };
}

/** A config string: absent, or text that is known; a blank key is refused, since no other key may stand in for it. */
function configValue(raw: unknown, name: string, where: string): string | undefined {
    const value = plainValue(raw);
    if (value === undefined || value === null) return undefined;
    if (value === UNKNOWN) throw new InvalidArgumentError(name, `${where} value is not known yet (computed by a resource this update creates): it is known in the update, not in this preview`);
    if (typeof value !== "string") throw new InvalidArgumentError(name, `${where} value must be text, got ${typeof value}`);
    if (value.trim() === "") throw new InvalidArgumentError(name, `${where} value is set but empty, so no other key or URL is used in its place; set it, or remove it`);
    return value;
}

/*
 * The names the provider plugin is known by, in programs of every language, in stored stacks and in
 * the policy pack: its package, its type tokens and its config keys. Stacks store the tokens: they
 * never change.
 */

/** The plugin's package name: `pulumi-resource-openai-certificates`, `openai-certificates:*` config. */
export const PLUGIN_PACKAGE = "openai-certificates";

/** `openai-certificates:index:<name>`. */
function token(name: string): string {
    return `${PLUGIN_PACKAGE}:index:${name}`;
}

/** The plugin's `Certificates` resource: the list, held in the stack, that the policy pack judges. */
export const PLUGIN_CERTIFICATES_TYPE = token("Certificates");
/** The plugin's `Certificate` resource: one uploaded certificate. */
export const PLUGIN_CERTIFICATE_TYPE = token("Certificate");
/** The plugin's `CertificateActivation` resource: one certificate active in the organization or a project. */
export const PLUGIN_CERTIFICATE_ACTIVATION_TYPE = token("CertificateActivation");
/** The plugin's `getCertificates` function. */
export const PLUGIN_GET_CERTIFICATES = token("getCertificates");
/** The plugin's `getCertificateUsage` function (the organization-wide view). */
export const PLUGIN_GET_CERTIFICATE_USAGE = token("getCertificateUsage");

/** The plugin's admin key config, `openai-certificates:adminApiKey` (set it with `--secret`). */
export const PLUGIN_CONFIG_ADMIN_API_KEY = `${PLUGIN_PACKAGE}:adminApiKey`;
/** The plugin's base URL config, `openai-certificates:baseUrl`. */
export const PLUGIN_CONFIG_BASE_URL = `${PLUGIN_PACKAGE}:baseUrl`;

import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { environmentBaseUrl } from "../api/client-options";
import { GetCertificateUsageResult, GetCertificatesResult, readCertificateList, readCertificateUsage, resolveCertificateListArgs, resolveCertificateUsageArgs } from "../api/data-source-reads";
import { InvalidArgumentError } from "../api/errors/argument-error";
import { PACKAGE_VERSION } from "../api/version";
import * as activation from "../dynamic/activation-operations";
import * as list from "../dynamic/list-operations";
import * as upload from "../dynamic/upload-operations";
import { CheckFailure, failureOf, pickDefined } from "../dynamic/props";
import { ACTIVATION_INPUT_NAMES } from "../dynamic/activation-inputs";
import { CERTIFICATES_INPUT_NAMES } from "../dynamic/list-inputs";
import { CERTIFICATE_INPUT_NAMES } from "../dynamic/upload-inputs";
import { ProviderSettings, keyPlacesOf, withStackKeyAdvice } from "../dynamic/stack-config";
import { oneLineForHost, requireStackAdminKey } from "../dynamic/write-client";
import { PluginConfigure, pluginProviderSettings } from "./plugin-config";
import { pluginSchema } from "./schema";
import { unwrapSecrets, wrapSecrets } from "./secrets";
import {
    PLUGIN_CERTIFICATES_TYPE,
    PLUGIN_CERTIFICATE_ACTIVATION_TYPE,
    PLUGIN_CERTIFICATE_TYPE,
    PLUGIN_CONFIG_ADMIN_API_KEY,
    PLUGIN_GET_CERTIFICATES,
    PLUGIN_GET_CERTIFICATE_USAGE,
} from "./tokens";

/*
 * The provider plugin's door: Pulumi's provider calls, translated to the operations the dynamic
 * providers call (provider/dynamic/*-operations.ts) and the data sources' reads
 * (provider/api/data-source-reads.ts). It only translates: the type token to the operations, the
 * engine's secrets to plain values and back, refused arguments to failures; every rule (checks,
 * expiry at upload and activation, update and replace, retries, redaction) is the operations'.
 */

type Props = Record<string, unknown>;

/** The three resources' operations, each with the signature the provider server calls. */
interface ResourceOperations {
    /** The inputs a program gives: what an import's read returns as inputs. */
    readonly inputNames: readonly string[];
    check(olds: Props, news: Props, settings: ProviderSettings): Promise<{ inputs: Props; failures?: CheckFailure[] }>;
    diff(olds: Props, news: Props): { changes: boolean; replaces: string[]; deleteBeforeReplace?: boolean };
    create(inputs: Props, settings: ProviderSettings): Promise<{ id: string; outs: Props }>;
    update(id: string, olds: Props, news: Props, settings: ProviderSettings): Promise<{ outs: Props }>;
    read(id: string, props: Props, settings: ProviderSettings): Promise<{ id: string; props: Props; inputs?: Props }>;
    delete(id: string, props: Props, settings: ProviderSettings): Promise<void>;
}

const RESOURCES: Readonly<Record<string, ResourceOperations>> = {
    [PLUGIN_CERTIFICATES_TYPE]: {
        inputNames: CERTIFICATES_INPUT_NAMES,
        // The previous inputs: known ids reuse the subject and key hash read before (a certificate's content never changes).
        check: (olds, news, settings) => list.checkCertificatesResource(news, settings, olds),
        diff: (olds, news) => list.diffCertificates(olds, news),
        create: async (inputs) => list.createCertificates(inputs),
        update: async (_id, _olds, news) => list.updateCertificates(news),
        read: (id, props, settings) => list.readCertificatesResource(id, props, settings),
        // Reading creates nothing remote, so deleting removes nothing remote.
        delete: async () => undefined,
    },
    [PLUGIN_CERTIFICATE_TYPE]: {
        inputNames: CERTIFICATE_INPUT_NAMES,
        check: async (olds, news) => upload.checkCertificateResource(olds, news),
        diff: (olds, news) => upload.diffCertificate(olds, news),
        create: (inputs, settings) => upload.createCertificate(inputs, settings),
        update: (id, olds, news, settings) => upload.updateCertificate(id, olds, news, settings),
        read: (id, props, settings) => upload.readCertificate(id, props, settings),
        delete: (id, _props, settings) => upload.deleteCertificate(id, settings),
    },
    [PLUGIN_CERTIFICATE_ACTIVATION_TYPE]: {
        inputNames: ACTIVATION_INPUT_NAMES,
        check: (olds, news, settings) => activation.checkActivation(olds, news, settings),
        diff: (olds, news) => activation.diffActivation(olds, news),
        create: (inputs, settings) => activation.createActivation(inputs, settings),
        update: async (id, olds, news) => activation.updateActivation(id, olds, news),
        read: (id, props, settings) => activation.readActivation(id, props, settings),
        delete: (id, props, settings) => activation.deleteActivation(id, props, settings),
    },
};

/** The resource type of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
function typeOf(urn: string): string {
    return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

function operationsOf(urn: string): ResourceOperations {
    const operations = RESOURCES[typeOf(urn)];
    if (!operations) throw new InvalidArgumentError("type", `the openai-certificates plugin has no resource ${JSON.stringify(typeOf(urn))}; it has ${Object.keys(RESOURCES).join(", ")}`);
    return operations;
}

/** The plugin's functions: the door's arguments are the shared ones, never a key. */
const FUNCTIONS: Readonly<Record<string, (args: Props, settings: ProviderSettings) => Promise<GetCertificatesResult | GetCertificateUsageResult>>> = {
    [PLUGIN_GET_CERTIFICATES]: async (args, settings) => {
        const query = resolveCertificateListArgs(args, PLUGIN_GET_CERTIFICATES, [], settings.baseUrl ?? environmentBaseUrl());
        return readCertificateList(query, requireStackAdminKey(settings));
    },
    [PLUGIN_GET_CERTIFICATE_USAGE]: async (args, settings) => {
        const query = resolveCertificateUsageArgs(args, PLUGIN_GET_CERTIFICATE_USAGE, [], settings.baseUrl ?? environmentBaseUrl());
        return readCertificateUsage(query, requireStackAdminKey(settings));
    },
};

/** Why a function refuses `adminKey`: a key is never an argument, so it is never in a program or in the engine's logs of invokes. */
const NO_KEY_ARGUMENT =
    `a key is never an argument of the plugin's functions (it would sit in the program's source and in its invokes); ` +
    `set ${PLUGIN_CONFIG_ADMIN_API_KEY} (a secret), or the adminApiKey property of an explicit provider`;

/** The state of one plugin process: its Configure, once the engine has sent it. */
export interface PluginState {
    configure?: PluginConfigure;
}

/**
 * The plugin's {@link pulumiProvider.Provider}: the schema, the two functions and the three
 * resources, over the operations. `state.configure` is set by the server when the engine configures
 * the process (plugin-server.ts).
 */
export function createPluginProvider(state: PluginState, version: string = PACKAGE_VERSION): pulumiProvider.Provider {
    const schema = JSON.stringify(pluginSchema(version));
    const settings = () => pluginProviderSettings(state.configure);
    return {
        version,
        schema,

        async invoke(token: string, rawArgs: Props) {
            const fn = FUNCTIONS[token];
            if (!fn) throw oneLineForHost(new InvalidArgumentError("token", `the openai-certificates plugin has no function ${JSON.stringify(token)}; it has ${Object.keys(FUNCTIONS).join(", ")}`));
            const args = unwrapSecrets(rawArgs).plain;
            if (args.adminKey !== undefined) return { failures: [failureOf(new InvalidArgumentError("adminKey", NO_KEY_ARGUMENT))] };
            let provider: ProviderSettings | undefined;
            try {
                provider = settings();
                // The result holds nothing secret (the key never reaches it): it is plain.
                return { outputs: await fn(args, provider) };
            } catch (error) {
                if (error instanceof InvalidArgumentError) return { failures: [failureOf(error)] };
                throw oneLineForHost(withStackKeyAdvice(error, keyPlacesOf(provider)));
            }
        },

        async check(urn: string, rawOlds: Props, rawNews: Props) {
            const operations = operationsOf(urn);
            const news = unwrapSecrets(rawNews);
            let provider: ProviderSettings;
            try {
                provider = settings();
            } catch (error) {
                // Nothing of the program's is handed back: an input the operations would refuse (a PEM
                // holding a private key) was not checked.
                if (error instanceof InvalidArgumentError) return { inputs: {}, failures: [failureOf(error)] };
                throw error;
            }
            const result = await operations.check(unwrapSecrets(rawOlds).plain, news.plain, provider);
            return { inputs: wrapSecrets(result.inputs, news.secretNames), ...(result.failures?.length ? { failures: result.failures } : {}) };
        },

        async diff(_id: string, urn: string, olds: Props, news: Props) {
            return operationsOf(urn).diff(unwrapSecrets(olds).plain, unwrapSecrets(news).plain);
        },

        async create(urn: string, rawInputs: Props) {
            const inputs = unwrapSecrets(rawInputs);
            const created = await operationsOf(urn).create(inputs.plain, settingsOrThrow(settings));
            return { id: created.id, outs: wrapSecrets(created.outs, inputs.secretNames) };
        },

        async update(id: string, urn: string, rawOlds: Props, rawNews: Props) {
            const news = unwrapSecrets(rawNews);
            const updated = await operationsOf(urn).update(id, unwrapSecrets(rawOlds).plain, news.plain, settingsOrThrow(settings));
            return { outs: wrapSecrets(updated.outs, news.secretNames) };
        },

        async read(id: string, urn: string, rawProps: Props = {}) {
            const operations = operationsOf(urn);
            const props = unwrapSecrets(rawProps);
            const read = await operations.read(id, props.plain, settingsOrThrow(settings));
            // An import (the `import` option, `pulumi import`) reads by id alone, and the engine then
            // needs the inputs that would make the resource: those of the program's that the read knows.
            const importing = Object.keys(props.plain).length === 0 && read.id !== "";
            const inputs = read.inputs ?? (importing ? pickDefined(read.props, operations.inputNames) : undefined);
            return {
                id: read.id,
                props: wrapSecrets(read.props, props.secretNames),
                ...(inputs !== undefined ? { inputs: wrapSecrets(inputs, props.secretNames) } : {}),
            };
        },

        async delete(id: string, urn: string, rawProps: Props) {
            await operationsOf(urn).delete(id, unwrapSecrets(rawProps).plain, settingsOrThrow(settings));
        },
    };
}

/** The settings, or the refusal as one line for the host (the operations that write throw their errors). */
function settingsOrThrow(settings: () => ProviderSettings): ProviderSettings {
    try {
        return settings();
    } catch (error) {
        throw oneLineForHost(error);
    }
}

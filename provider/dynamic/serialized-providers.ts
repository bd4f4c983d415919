import type * as pulumi from "@pulumi/pulumi";
import type { ProviderSettings } from "./stack-config";

/*
 * The objects Pulumi serializes into the state as `__provider`, one for each resource, and revives
 * in the dynamic provider process. Closure serialization freezes whatever the methods capture, so
 * they capture almost nothing: each method loads its operations with `require` at call time, from
 * the package as installed (`pulumi-openai-certificates/provider`, resolved from the program's
 * folder), else from the compiled entry beside this folder (a program inside this repository). Our
 * own modules, captured by value, would lose the `this` of their io-ts codecs.
 *
 * The admin key arrives in `configure` (stack config `openai:adminApiKey`, or its alias
 * `openai:adminKey`; see stack-config.ts) and is kept in this process's memory only; it is never a
 * property at serialization time, so it never reaches the state.
 *
 * Whatever these objects call is a contract with every stack that stores them: `STORED_PROVIDER_CALLS`
 * (stored-provider-calls.ts) lists each name, and a test resolves each from the built package.
 */

// A string, captured by value: the compiled `pulumi-openai-certificates/provider` entry.
const PROVIDER_ENTRY_FILE = require.resolve("..");

type ProviderEntry = typeof import("..");

/** What the serialized providers load from the `/provider` entry. */
type Loaded = "dynamicOperations" | "certificateOperations" | "certificateActivationOperations" | "providerSettingsFromConfig";

/** The one loader: `name` from the entry as installed under the package's name, else from the compiled entry. */
function load<K extends Loaded>(name: K): ProviderEntry[K] {
    try {
        const installed = require("pulumi-openai-certificates/provider")[name] as ProviderEntry[K] | undefined;
        if (installed) return installed;
    } catch {
        // Not installed under its name: a program inside this repository.
    }
    return (require(PROVIDER_ENTRY_FILE) as ProviderEntry)[name];
}

/** The one state of every serialized provider: what `configure` read from the stack config. */
export interface SerializedProviderState {
    settings?: ProviderSettings;
}

/** The dynamic provider of the `Certificates` resource. */
export const certificatesProvider: pulumi.dynamic.ResourceProvider & SerializedProviderState = {
    async configure(this: SerializedProviderState, req: pulumi.dynamic.ConfigureRequest) {
        this.settings = load("providerSettingsFromConfig")(req.config);
    },
    async check(this: SerializedProviderState, olds: any, news: any) {
        return load("dynamicOperations").checkCertificatesResource(news, this.settings, olds);
    },
    async diff(_id: string, olds: any, news: any) {
        return load("dynamicOperations").diffCertificates(olds, news);
    },
    async create(inputs: any) {
        return load("dynamicOperations").createCertificates(inputs);
    },
    async update(_id: string, _olds: any, news: any) {
        return load("dynamicOperations").updateCertificates(news);
    },
    async read(this: SerializedProviderState, id: string, props: any) {
        return load("dynamicOperations").readCertificatesResource(id, props, this.settings);
    },
    // Reading creates nothing remote, so deleting removes nothing remote; it needs no code at all,
    // which keeps `pulumi destroy` working even where the package can no longer be loaded.
    async delete() {
        return;
    },
};

/** The dynamic provider of the `Certificate` resource. */
export const certificateProvider: pulumi.dynamic.ResourceProvider & SerializedProviderState = {
    async configure(this: SerializedProviderState, req: pulumi.dynamic.ConfigureRequest) {
        this.settings = load("providerSettingsFromConfig")(req.config);
    },
    async check(olds: any, news: any) {
        return load("certificateOperations").checkCertificateResource(olds, news);
    },
    async diff(_id: string, olds: any, news: any) {
        return load("certificateOperations").diffCertificate(olds, news);
    },
    async create(this: SerializedProviderState, inputs: any) {
        return load("certificateOperations").createCertificate(inputs, this.settings);
    },
    async update(this: SerializedProviderState, id: string, olds: any, news: any) {
        return load("certificateOperations").updateCertificate(id, olds, news, this.settings);
    },
    async read(this: SerializedProviderState, id: string, props: any) {
        return load("certificateOperations").readCertificate(id, props, this.settings);
    },
    async delete(this: SerializedProviderState, id: string) {
        return load("certificateOperations").deleteCertificate(id, this.settings);
    },
};

/** The dynamic provider of the `CertificateActivation` resource. */
export const certificateActivationProvider: pulumi.dynamic.ResourceProvider & SerializedProviderState = {
    async configure(this: SerializedProviderState, req: pulumi.dynamic.ConfigureRequest) {
        this.settings = load("providerSettingsFromConfig")(req.config);
    },
    async check(this: SerializedProviderState, olds: any, news: any) {
        return load("certificateActivationOperations").checkActivation(olds, news, this.settings);
    },
    async diff(_id: string, olds: any, news: any) {
        return load("certificateActivationOperations").diffActivation(olds, news);
    },
    async create(this: SerializedProviderState, inputs: any) {
        return load("certificateActivationOperations").createActivation(inputs, this.settings);
    },
    async update(_id: string, olds: any, news: any) {
        return load("certificateActivationOperations").updateActivation(_id, olds, news);
    },
    async read(this: SerializedProviderState, id: string, props: any) {
        return load("certificateActivationOperations").readActivation(id, props, this.settings);
    },
    async delete(this: SerializedProviderState, id: string, props: any) {
        return load("certificateActivationOperations").deleteActivation(id, props, this.settings);
    },
};

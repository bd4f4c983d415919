import type * as pulumi from "@pulumi/pulumi";

/*
 * The serialized providers of `Certificate` and `CertificateActivation`, on the pattern of
 * certificates-provider.ts: each method loads the operations by name at call time, from the package
 * as installed (`pulumi-openai-certificates/provider`), else from the compiled files beside this one,
 * so the code frozen into a stack's state is a few lines. The key arrives in `configure` and stays in
 * the provider process's memory; it is never a property.
 *
 * What these call is a contract with every stack that stores them: the names listed at the top of
 * certificate-operations.ts and certificate-activation-operations.ts.
 */

// Strings, captured by value: the compiled operations modules beside this file.
const CERTIFICATE_OPERATIONS_FILE = require.resolve("./certificate-operations");
const ACTIVATION_OPERATIONS_FILE = require.resolve("./certificate-activation-operations");
const SETTINGS_FILE = require.resolve("./certificates-operations");

type CertificateOperations = typeof import("./certificate-operations");
type ActivationOperations = typeof import("./certificate-activation-operations");
type Settings = ReturnType<typeof import("./certificates-operations").providerSettingsFromConfig>;

function installed<T>(name: "certificateOperations" | "certificateActivationOperations" | "dynamicOperations", file: string): T {
    try {
        const operations = require("pulumi-openai-certificates/provider")[name] as T | undefined;
        if (operations) return operations;
    } catch {
        // Not installed under its name: a program inside this repository.
    }
    return require(file) as T;
}

const certificateOperations = () => installed<CertificateOperations>("certificateOperations", CERTIFICATE_OPERATIONS_FILE);
const activationOperations = () => installed<ActivationOperations>("certificateActivationOperations", ACTIVATION_OPERATIONS_FILE);
const settingsFromConfig = (req: pulumi.dynamic.ConfigureRequest) => installed<typeof import("./certificates-operations")>("dynamicOperations", SETTINGS_FILE).providerSettingsFromConfig(req.config);

interface ProviderState {
    settings?: Settings;
}

/** The dynamic provider of the `Certificate` resource. */
export const certificateProvider: pulumi.dynamic.ResourceProvider & ProviderState = {
    async configure(this: ProviderState, req: pulumi.dynamic.ConfigureRequest) {
        this.settings = settingsFromConfig(req);
    },
    async check(olds: any, news: any) {
        return certificateOperations().checkCertificate(olds, news);
    },
    async diff(_id: string, olds: any, news: any) {
        return certificateOperations().diffCertificate(olds, news);
    },
    async create(this: ProviderState, inputs: any) {
        return certificateOperations().createCertificate(inputs, this.settings);
    },
    async update(this: ProviderState, id: string, olds: any, news: any) {
        return certificateOperations().updateCertificate(id, olds, news, this.settings);
    },
    async read(this: ProviderState, id: string, props: any) {
        return certificateOperations().readCertificate(id, props, this.settings);
    },
    async delete(this: ProviderState, id: string) {
        return certificateOperations().deleteCertificate(id, this.settings);
    },
};

/** The dynamic provider of the `CertificateActivation` resource. */
export const certificateActivationProvider: pulumi.dynamic.ResourceProvider & ProviderState = {
    async configure(this: ProviderState, req: pulumi.dynamic.ConfigureRequest) {
        this.settings = settingsFromConfig(req);
    },
    async check(this: ProviderState, olds: any, news: any) {
        return activationOperations().checkActivation(olds, news, this.settings);
    },
    async diff(_id: string, olds: any, news: any) {
        return activationOperations().diffActivation(olds, news);
    },
    async create(this: ProviderState, inputs: any) {
        return activationOperations().createActivation(inputs, this.settings);
    },
    async update(_id: string, olds: any, news: any) {
        return activationOperations().updateActivation(_id, olds, news);
    },
    async read(this: ProviderState, id: string, props: any) {
        return activationOperations().readActivation(id, props, this.settings);
    },
    async delete(this: ProviderState, id: string, props: any) {
        return activationOperations().deleteActivation(id, props, this.settings);
    },
};

/*
 * What the serialized providers frozen into stacks' state call, by name, on the
 * `pulumi-openai-certificates/provider` entry of whatever version of the package the program has
 * installed. Each name is a contract with every stack that stores a provider: renaming or removing
 * one breaks `pulumi refresh`, `up` and `destroy` of those stacks. tests/provider/dynamic/
 * list-provider.test.ts resolves each name from the built entry and checks that the providers of
 * this version call nothing else; tests/e2e/upgrade.test.ts runs a stack stored by 0.1.0.
 */

/** One name a stored provider calls: `namespace.function`, or a function of the entry itself. */
export interface StoredProviderCall {
    readonly name: string;
    /** The first version whose providers call it. */
    readonly since: "0.1.0" | "0.2.0";
}

const calls = (since: StoredProviderCall["since"], names: readonly string[]): StoredProviderCall[] => names.map((name) => ({ name, since }));

/** Every name a stored provider calls, oldest first. Add names; never remove or rename one. */
export const STORED_PROVIDER_CALLS: readonly StoredProviderCall[] = [
    // The `Certificates` provider of 0.1.0 (its settings are `{ adminKey, baseUrl }`).
    ...calls("0.1.0", [
        "dynamicOperations.checkCertificates",
        "dynamicOperations.diffCertificates",
        "dynamicOperations.createCertificates",
        "dynamicOperations.updateCertificates",
        "dynamicOperations.readCertificatesResource",
    ]),
    // Every provider of 0.2.0 configures through this one function.
    ...calls("0.2.0", ["providerSettingsFromConfig", "dynamicOperations.checkCertificatesResource"]),
    // The `Certificate` provider.
    ...calls("0.2.0", [
        "certificateOperations.checkCertificateResource",
        "certificateOperations.diffCertificate",
        "certificateOperations.createCertificate",
        "certificateOperations.updateCertificate",
        "certificateOperations.readCertificate",
        "certificateOperations.deleteCertificate",
    ]),
    // The `CertificateActivation` provider.
    ...calls("0.2.0", [
        "certificateActivationOperations.checkActivation",
        "certificateActivationOperations.diffActivation",
        "certificateActivationOperations.createActivation",
        "certificateActivationOperations.updateActivation",
        "certificateActivationOperations.readActivation",
        "certificateActivationOperations.deleteActivation",
    ]),
];

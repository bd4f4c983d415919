import type * as pulumi from "@pulumi/pulumi";

/*
 * The object Pulumi serializes into the state as `__provider` and revives in the dynamic provider
 * process. Closure serialization freezes whatever the methods capture, so they capture almost
 * nothing: each method loads the real operations with `require` at call time, from the package as
 * installed (`pulumi-openai-certificates/provider`, resolved from the program's folder), else from
 * the compiled file next to this one (a program inside this repository). Our own modules, captured
 * by value, would lose the `this` of their io-ts codecs.
 *
 * The admin key arrives in `configure` (stack config `openai:adminApiKey`, or its alias
 * `openai:adminKey`; see stack-config.ts) and is kept in this process's memory only; it is never a
 * property at serialization time, so it never reaches the state.
 *
 * Whatever this object calls is a contract with every stack that stores it: see the list of names
 * at the top of certificates-operations.ts.
 */

// A string, captured by value: the compiled operations module beside this file.
const OPERATIONS_FILE = require.resolve("./certificates-operations");

type Operations = typeof import("./certificates-operations");

function loadOperations(): Operations {
    try {
        const installed = require("pulumi-openai-certificates/provider").dynamicOperations as Operations | undefined;
        if (installed) return installed;
    } catch {
        // Not installed under its name: a program inside this repository.
    }
    return require(OPERATIONS_FILE) as Operations;
}

interface ProviderState {
    settings?: { adminApiKey?: string; adminKey?: string; baseUrl?: string };
}

/** The dynamic provider of the `Certificates` resource. */
export const certificatesProvider: pulumi.dynamic.ResourceProvider & ProviderState = {
    async configure(this: ProviderState, req: pulumi.dynamic.ConfigureRequest) {
        this.settings = loadOperations().providerSettingsFromConfig(req.config);
    },
    async check(this: ProviderState, _olds: any, news: any) {
        return loadOperations().checkCertificatesResource(news, this.settings);
    },
    async diff(_id: string, olds: any, news: any) {
        return loadOperations().diffCertificates(olds, news);
    },
    async create(inputs: any) {
        return loadOperations().createCertificates(inputs);
    },
    async update(_id: string, _olds: any, news: any) {
        return loadOperations().updateCertificates(news);
    },
    async read(this: ProviderState, id: string, props: any) {
        return loadOperations().readCertificatesResource(id, props, this.settings);
    },
    // Reading creates nothing remote, so deleting removes nothing remote; it needs no code at all,
    // which keeps `pulumi destroy` working even where the package can no longer be loaded.
    async delete() {
        return;
    },
};

import * as pulumiProvider from "@pulumi/pulumi/provider";
import { PluginConfigure } from "./plugin-config";
import { PluginState, createPluginProvider } from "./plugin-provider";

/*
 * The plugin process: @pulumi/pulumi's provider server (`provider.main`) serves every call, and the
 * plugin reads one more: Configure, which that server answers (accepting secrets) without reading
 * it, and which alone says which provider this process is and what its config holds (see
 * plugin-config.ts). The server's gRPC service is the generated one shipped in @pulumi/pulumi
 * (`proto/provider_grpc_pb`); its Configure method decodes each request with the definition's
 * `requestDeserialize`, which grpc-js takes when the service is added. Wrapped before `provider.main`
 * adds it, the decoder hands the plugin each Configure request as the server receives it, and the
 * server answers it as before.
 */

/** The little of a ReadRequest the plugin mends. */
interface ReadRequest {
    getProperties(): unknown;
    setProperties(properties: unknown): void;
}

/** The little of a ConfigureRequest the plugin reads. */
interface ConfigureRequest {
    getName(): string | undefined;
    getUrn(): string | undefined;
    getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
    getVariablesMap(): { entries(): Iterable<[string, string]> };
}

interface MethodDefinition<Request> {
    requestDeserialize: (buffer: Buffer) => Request;
}

/** What Configure says: the provider's name, URN and properties (from `variables` for an engine that sends no `args`). */
export function configureOf(request: ConfigureRequest): PluginConfigure {
    const args = request.getArgs()?.toJavaScript();
    const fromVariables = () => Object.fromEntries([...request.getVariablesMap().entries()].map(([key, value]) => [key.split(":").pop() as string, value]));
    return { name: request.getName() || undefined, urn: request.getUrn() || undefined, args: args && Object.keys(args).length > 0 ? args : fromVariables() };
}

/**
 * Makes every Configure request that `service` (the generated ResourceProviderService) decodes
 * land in `state`. Call it before the service is added to a server.
 */
export function readConfigureInto(state: PluginState, service: { configure: MethodDefinition<ConfigureRequest> }): void {
    const decode = service.configure.requestDeserialize;
    service.configure.requestDeserialize = (buffer: Buffer) => {
        const request = decode(buffer);
        state.configure = configureOf(request);
        return request;
    };
}

/**
 * Makes every Read request that `service` decodes carry properties, empty when the engine sent none.
 * The engine's import step (the `import` resource option, `pulumi import`) reads a resource by its
 * id alone, and @pulumi/pulumi's server (3.248) then fails on the missing properties
 * ("Cannot read properties of undefined (reading 'toJavaScript')") before the provider is called.
 */
export function mendReadsWithoutProperties(service: { read: MethodDefinition<ReadRequest> }, emptyProperties: () => unknown): void {
    const decode = service.read.requestDeserialize;
    service.read.requestDeserialize = (buffer: Buffer) => {
        const request = decode(buffer);
        if (!request.getProperties()) request.setProperties(emptyProperties());
        return request;
    };
}

/** Serves the plugin: the engine's address is in `args`; prints the port, as `provider.main` does. */
export async function servePlugin(args: string[] = process.argv.slice(2)): Promise<void> {
    const state: PluginState = {};
    // The same modules `provider.main` loads (one @pulumi/pulumi), so the server sees the wrapped decoders.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const service = require("@pulumi/pulumi/proto/provider_grpc_pb").ResourceProviderService;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
    readConfigureInto(state, service);
    mendReadsWithoutProperties(service, () => new Struct());
    await pulumiProvider.main(createPluginProvider(state), args);
}

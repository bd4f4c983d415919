import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { REPO_ROOT, closeHostProcess } from "./processes";
// Only generated stubs ship with @pulumi/pulumi; these are the ones the engine's peers use.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const providerRpc = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const providerProto = require("@pulumi/pulumi/proto/provider_pb.js");

type Props = Record<string, unknown>;

/** The plugin's launcher in this repository, as Pulumi runs it from the plugin folder. */
export const PLUGIN_LAUNCHER = path.join(REPO_ROOT, "pulumi-plugin/pulumi-resource-openai-certificates");

/** A running provider plugin and a client that speaks to it as the engine does. */
export interface PluginProcess {
    /** Everything the plugin printed on stderr. */
    readonly stderr: () => string;
    getSchema(): Promise<Record<string, unknown>>;
    version(): Promise<string>;
    /** Configure as the engine sends it: the provider's name and URN, its properties (secrets wrapped) and the same as `variables`. */
    configure(provider: { name: string; urn: string }, args: Props): Promise<{ acceptSecrets: boolean }>;
    invoke(token: string, args: Props): Promise<{ outputs: Props; failures: Array<{ property: string; reason: string }> }>;
    check(urn: string, news: Props, olds?: Props): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
    diff(urn: string, id: string, olds: Props, news: Props): Promise<{ changes: number; replaces: string[] }>;
    create(urn: string, properties: Props): Promise<{ id: string; properties: Props }>;
    /** Read; `properties` undefined sends none, as the engine's import step does. */
    read(urn: string, id: string, properties: Props | undefined): Promise<{ id: string; properties: Props; inputs?: Props }>;
    delete(urn: string, id: string, properties: Props): Promise<void>;
    /** Stops the plugin; resolves once its process has exited. */
    close(): Promise<void>;
}

/** Starts `launcher` (the plugin's executable) as the engine does, with its address as the argument; reads the port it prints. */
export async function startPluginProcess(options: { launcher?: string; env?: NodeJS.ProcessEnv } = {}): Promise<PluginProcess> {
    const child: ChildProcess = spawn(options.launcher ?? PLUGIN_LAUNCHER, ["127.0.0.1:1"], { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (c) => (stderr += c));
    const port = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d) => {
            out += d;
            const line = /^(\d+)\n/.exec(out);
            if (line) resolve(line[1]);
        });
        child.once("exit", (code) => reject(new Error(`the plugin exited with ${code} before printing its port: ${stderr}`)));
    });
    const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const call = <T>(method: string, request: unknown): Promise<T> =>
        new Promise((resolve, reject) => client[method](request, { deadline: Date.now() + 30_000 }, (e: Error | null, r: T) => (e ? reject(e) : resolve(r))));
    const failuresOf = (res: any) => res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
    const struct = (props: Props) => Struct.fromJavaScript(props as never);

    return {
        stderr: () => stderr,
        async getSchema() {
            const req = new providerProto.GetSchemaRequest();
            return JSON.parse((await call<any>("getSchema", req)).getSchema());
        },
        async version() {
            return (await call<any>("getPluginInfo", new Empty())).getVersion();
        },
        async configure(provider, args) {
            const req = new providerProto.ConfigureRequest();
            req.setName(provider.name);
            req.setUrn(provider.urn);
            req.setType("pulumi:providers:openai-certificates");
            req.setArgs(struct(args));
            const variables = req.getVariablesMap();
            for (const [key, value] of Object.entries(args)) {
                const plain = value !== null && typeof value === "object" && "value" in (value as object) ? (value as { value: unknown }).value : value;
                variables.set(`openai-certificates:config:${key}`, String(plain));
            }
            req.setAcceptsecrets(true);
            req.setAcceptresources(true);
            const res = await call<any>("configure", req);
            return { acceptSecrets: res.getAcceptsecrets() };
        },
        async invoke(token, args) {
            const req = new providerProto.InvokeRequest();
            req.setTok(token);
            req.setArgs(struct(args));
            const res = await call<any>("invoke", req);
            return { outputs: res.getReturn()?.toJavaScript() ?? {}, failures: failuresOf(res) };
        },
        async check(urn, news, olds = {}) {
            const req = new providerProto.CheckRequest();
            req.setUrn(urn);
            req.setOlds(struct(olds));
            req.setNews(struct(news));
            const res = await call<any>("check", req);
            return { inputs: res.getInputs().toJavaScript(), failures: failuresOf(res) };
        },
        async diff(urn, id, olds, news) {
            const req = new providerProto.DiffRequest();
            req.setId(id);
            req.setUrn(urn);
            req.setOlds(struct(olds));
            req.setNews(struct(news));
            const res = await call<any>("diff", req);
            return { changes: res.getChanges(), replaces: res.getReplacesList() };
        },
        async create(urn, properties) {
            const req = new providerProto.CreateRequest();
            req.setUrn(urn);
            req.setProperties(struct(properties));
            const res = await call<any>("create", req);
            return { id: res.getId(), properties: res.getProperties().toJavaScript() };
        },
        async read(urn, id, properties) {
            const req = new providerProto.ReadRequest();
            req.setId(id);
            req.setUrn(urn);
            if (properties !== undefined) req.setProperties(struct(properties));
            const res = await call<any>("read", req);
            return { id: res.getId(), properties: res.getProperties()?.toJavaScript() ?? {}, inputs: res.getInputs()?.toJavaScript() };
        },
        async delete(urn, id, properties) {
            const req = new providerProto.DeleteRequest();
            req.setId(id);
            req.setUrn(urn);
            req.setProperties(struct(properties));
            await call("delete", req);
        },
        close: () => closeHostProcess(client, child),
    };
}

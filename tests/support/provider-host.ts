import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { CERTIFICATES_TYPE } from "../../sdk";
import { closeHostProcess } from "./processes";
// Only generated stubs ship with @pulumi/pulumi; these are the same ones the engine's peers use.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const providerRpc = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const providerProto = require("@pulumi/pulumi/proto/provider_pb.js");

/** How the engine marks a secret in a Struct. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const DIFF = { UNKNOWN: 0, NONE: 1, SOME: 2 } as const;

/** A secret value as the engine sends it in Configure. */
export function secretValue(value: string): object {
    return { [SECRET_SIG]: SECRET_VALUE_SIG, value };
}

type Props = Record<string, unknown>;

/** A running `@pulumi/pulumi/cmd/dynamic-provider` host and a typed client for it. */
export interface DynamicProviderHost {
    /** Everything the host printed on stderr (its logs and stack traces). */
    readonly stderr: () => string;
    configure(config: Props): Promise<void>;
    check(news: Props, olds?: Props): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
    diff(id: string, olds: Props, news: Props): Promise<{ changes: number; replaces: string[] }>;
    create(properties: Props): Promise<{ id: string; properties: Props }>;
    read(id: string, properties: Props): Promise<{ id: string; properties: Props }>;
    delete(id: string, properties: Props): Promise<void>;
    /** Stops the host; resolves once its process has exited, so a test run leaves no process behind. */
    close(): Promise<void>;
}

/**
 * Starts the real dynamic provider host, as the engine does: `node <host> <engine address>` in the
 * program's folder with PULUMI_NODEJS_PROJECT set; it prints its port.
 */
export async function startDynamicProviderHost(options: { hostScript: string; cwd: string; project?: string; env?: NodeJS.ProcessEnv }): Promise<DynamicProviderHost> {
    const child: ChildProcess = spawn(process.execPath, [options.hostScript, "127.0.0.1:1"], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env, PULUMI_NODEJS_PROJECT: options.project ?? "certs-test", PULUMI_NODEJS_STACK: "test" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (c) => (stderr += c));
    const port = await new Promise<string>((resolve, reject) => {
        child.stdout!.once("data", (d) => resolve(String(d).trim()));
        child.once("exit", (code) => reject(new Error(`dynamic provider host exited with ${code}: ${stderr}`)));
    });
    const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const call = <T>(method: string, request: unknown): Promise<T> =>
        new Promise((resolve, reject) => client[method](request, { deadline: Date.now() + 30_000 }, (e: Error | null, r: T) => (e ? reject(e) : resolve(r))));
    const urn = `urn:pulumi:test::certs-test::${CERTIFICATES_TYPE}::certs`;

    return {
        stderr: () => stderr,
        async configure(config) {
            const req = new providerProto.ConfigureRequest();
            req.setArgs(Struct.fromJavaScript(config as never));
            req.setAcceptsecrets(true);
            await call("configure", req);
        },
        async check(news, olds = {}) {
            const req = new providerProto.CheckRequest();
            req.setUrn(urn);
            req.setOlds(Struct.fromJavaScript(olds as never));
            req.setNews(Struct.fromJavaScript(news as never));
            const res = await call<any>("check", req);
            return {
                inputs: res.getInputs().toJavaScript(),
                failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
            };
        },
        async diff(id, olds, news) {
            const req = new providerProto.DiffRequest();
            req.setId(id);
            req.setUrn(urn);
            req.setOlds(Struct.fromJavaScript(olds as never));
            req.setNews(Struct.fromJavaScript(news as never));
            const res = await call<any>("diff", req);
            return { changes: res.getChanges(), replaces: res.getReplacesList() };
        },
        async create(properties) {
            const req = new providerProto.CreateRequest();
            req.setUrn(urn);
            req.setProperties(Struct.fromJavaScript(properties as never));
            const res = await call<any>("create", req);
            return { id: res.getId(), properties: res.getProperties().toJavaScript() };
        },
        async read(id, properties) {
            const req = new providerProto.ReadRequest();
            req.setId(id);
            req.setUrn(urn);
            req.setProperties(Struct.fromJavaScript(properties as never));
            const res = await call<any>("read", req);
            return { id: res.getId(), properties: res.getProperties().toJavaScript() };
        },
        async delete(id, properties) {
            const req = new providerProto.DeleteRequest();
            req.setId(id);
            req.setUrn(urn);
            req.setProperties(Struct.fromJavaScript(properties as never));
            await call("delete", req);
        },
        close: () => closeHostProcess(client, child),
    };
}

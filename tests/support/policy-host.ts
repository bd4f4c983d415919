import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { closeHostProcess } from "./processes";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb.js");

/** The engine's enforcement levels, as the analyzer protocol numbers them. */
export const ENFORCEMENT = { ADVISORY: 0, MANDATORY: 1, DISABLED: 2, REMEDIATE: 3 } as const;

export interface Diagnostic {
    policyName: string;
    message: string;
    enforcementLevel: number;
    urn: string;
}

/** A running `@pulumi/pulumi/cmd/run-policy-pack` host and a client for it. */
export interface PolicyHost {
    info(): Promise<{ name: string; policies: Array<{ name: string; enforcementLevel: number }> }>;
    configure(config: Record<string, { enforcementLevel?: number; properties?: Record<string, unknown> }>): Promise<void>;
    analyze(resource: { type: string; name: string; properties: Record<string, unknown> }): Promise<Diagnostic[]>;
    stderr(): string;
    /** Stops the host; resolves once its process has exited, so a test run leaves no process behind. */
    close(): Promise<void>;
}

/**
 * Starts the real policy host in the pack's folder, as the language host would. The engine address
 * argument is required but not used by the host.
 */
export async function startPolicyHost(options: { hostScript: string; packDir: string }): Promise<PolicyHost> {
    const child: ChildProcess = spawn(process.execPath, [options.hostScript, "127.0.0.1:1", "."], { cwd: options.packDir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (c) => (stderr += c));
    const port = await new Promise<string>((resolve, reject) => {
        child.stdout!.once("data", (d) => resolve(String(d).trim()));
        child.once("exit", (code) => reject(new Error(`policy host exited with ${code}: ${stderr}`)));
    });
    const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const call = <T>(method: string, request: unknown): Promise<T> =>
        new Promise((resolve, reject) => client[method](request, { deadline: Date.now() + 30_000 }, (e: Error | null, r: T) => (e ? reject(e) : resolve(r))));

    return {
        async info() {
            const res = await call<any>("getAnalyzerInfo", new Empty());
            return {
                name: res.getName(),
                policies: res.getPoliciesList().map((p: any) => ({ name: p.getName(), enforcementLevel: p.getEnforcementlevel() })),
            };
        },
        async configure(config) {
            const req = new analyzerProto.ConfigureAnalyzerRequest();
            for (const [policy, c] of Object.entries(config)) {
                const pc = new analyzerProto.PolicyConfig();
                pc.setEnforcementlevel(c.enforcementLevel ?? ENFORCEMENT.MANDATORY);
                pc.setProperties(Struct.fromJavaScript((c.properties ?? {}) as never));
                req.getPolicyconfigMap().set(policy, pc);
            }
            await call("configure", req);
        },
        async analyze(resource) {
            const req = new analyzerProto.AnalyzeRequest();
            req.setType(resource.type);
            req.setName(resource.name);
            req.setUrn(`urn:pulumi:test::certs-test::${resource.type}::${resource.name}`);
            req.setProperties(Struct.fromJavaScript(resource.properties as never));
            // The host refuses requests without options ("a more recent version of the CLI is required").
            req.setOptions(new analyzerProto.AnalyzerResourceOptions());
            const res = await call<any>("analyze", req);
            return res.getDiagnosticsList().map((d: any) => ({
                policyName: d.getPolicyname(),
                message: d.getMessage(),
                enforcementLevel: d.getEnforcementlevel(),
                urn: d.getUrn(),
            }));
        },
        stderr: () => stderr,
        close: () => closeHostProcess(client, child),
    };
}

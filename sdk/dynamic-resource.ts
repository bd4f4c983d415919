import { markProgramError } from "./program-error";
import { UnsupportedRuntimeError } from "./unsupported-runtime-error";

/*
 * What the package's dynamic resources (`Certificates`, `Certificate`, `CertificateActivation`)
 * share: how their type token is made, how a policy or program recognises one, the refusal on Bun,
 * and the props object handed to `pulumi.dynamic.Resource`.
 */

/** The token's module, as `pulumi.dynamic.Resource` composes it. Stored stacks hold the tokens: they never change. */
export const TOKEN_MODULE = "openai";

/** `pulumi-nodejs:dynamic/openai:<type>`, the token `pulumi.dynamic.Resource(…, TOKEN_MODULE, type)` gives. */
export function dynamicTypeToken(type: string): string {
    return `pulumi-nodejs:dynamic/${TOKEN_MODULE}:${type}`;
}

/** Whether `obj` is a resource of this token, even across copies of this package (the SDK sets `__pulumiType` on every resource). */
export function isResourceOfType(obj: unknown, token: string): boolean {
    return obj !== null && typeof obj === "object" && (obj as { __pulumiType?: unknown }).__pulumiType === token;
}

/**
 * Throws, marked as a program error, when the program runs on Bun. Pulumi runs programs on Bun, but
 * its function serialization throws there ("not supported when using bun") from deep inside the
 * registration, after the program has moved on: say so at the line that cannot work, with what does.
 */
export function refuseBun(what: string, instead = `Run the program on Node.js (${NODE_RUNTIME}).`): void {
    if (process.versions.bun === undefined) return;
    throw markProgramError(
        new UnsupportedRuntimeError(
            "bun",
            `${what} cannot run on Bun: Pulumi stores a dynamic resource's provider as serialized JavaScript, and Bun does not ` + `support function serialization. ${instead}`,
        ),
    );
}

/** How a Pulumi project asks for Node.js. */
export const NODE_RUNTIME = "runtime: nodejs in Pulumi.yaml";

/**
 * The props for `pulumi.dynamic.Resource`: a fresh object (the SDK adds `__provider` to it), the
 * inputs by name, and every output that is not an input seeded as `undefined`, or it never resolves.
 */
export function dynamicProps(args: object, inputNames: readonly string[], outputNames: readonly string[]): Record<string, unknown> {
    const props: Record<string, unknown> = Object.fromEntries(outputNames.map((name) => [name, undefined]));
    for (const key of inputNames) props[key] = (args as Record<string, unknown>)[key];
    return props;
}

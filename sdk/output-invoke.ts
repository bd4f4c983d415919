import * as pulumi from "@pulumi/pulumi";

/**
 * The `...Output` form of a data-source function: waits for every Input, then calls `invoke` with
 * plain values. Only `adminKey` is unwrapped from its secret, because the result holds no part of it;
 * marking the whole result secret would hide certificate data for no reason.
 */
export function invokeWithInputs<R>(args: { adminKey?: pulumi.Input<string | undefined> } & Record<string, unknown>, invoke: (plain: Record<string, unknown>) => Promise<R>): pulumi.Output<R> {
    const { adminKey, ...rest } = args;
    return pulumi
        .all([pulumi.output(rest), pulumi.unsecret(pulumi.output(adminKey))])
        .apply(([plain, key]) => invoke({ ...(plain as Record<string, unknown>), ...(key !== undefined ? { adminKey: key } : {}) }));
}

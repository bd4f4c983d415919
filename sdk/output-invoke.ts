import * as pulumi from "@pulumi/pulumi";
import { checkInvokeOptions, dependenciesKnown } from "./invoke-options";
import { markProgramError } from "./program-error";

/**
 * The `...Output` form of the data source `dataSource`: checks `opts` at once (a refused option
 * throws, naming it; see {@link checkInvokeOptions}), waits for every Input and for the resources of
 * `dependsOn` (see {@link dependenciesKnown}), then calls `invoke` with plain values; unknown during
 * preview when any of them is. Only `adminKey` is unwrapped from its secret, because the result
 * holds no part of it; marking the whole result secret would hide certificate data for no reason.
 */
export function readOnceKnown<R>(
    args: { adminKey?: pulumi.Input<string | undefined> } & Record<string, unknown>,
    invoke: (plain: Record<string, unknown>) => Promise<R>,
    opts: pulumi.InvokeOutputOptions | undefined,
    dataSource: string,
): pulumi.Output<R> {
    let dependsOn;
    try {
        ({ dependsOn } = checkInvokeOptions(opts, dataSource, "output"));
    } catch (error) {
        throw markProgramError(error);
    }
    const { adminKey, ...rest } = args;
    return pulumi
        .all([pulumi.output(rest), pulumi.unsecret(pulumi.output(adminKey)), dependenciesKnown(dependsOn)])
        .apply(([plain, key]) => invoke({ ...(plain as Record<string, unknown>), ...(key !== undefined ? { adminKey: key } : {}) }));
}

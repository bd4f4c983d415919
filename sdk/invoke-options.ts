import * as pulumi from "@pulumi/pulumi";
import { InvalidArgumentError } from "../provider/api/errors/argument-error";

/*
 * The `opts` of the data sources. Pulumi's own data sources are invokes of a provider plugin; ours
 * read the API in the program's own process. So the options that choose or fetch a provider plugin
 * cannot apply, and are refused by name instead of being dropped (a user who passes `provider` means
 * something by it). `dependsOn` can apply, and is honoured as @pulumi/pulumi's `invokeOutput` does
 * it (runtime/invoke.js, `invokeAsync` with `checkDependencies`, 3.248): the read waits until every
 * custom resource it depends on (a component stands for its custom descendants) has its id, and
 * during preview, while one of them is being created or replaced (its id unknown), the result is
 * unknown. The gates treat an unknown result as they treat unknown inputs: they never pass it
 * (see `assertCertificateExpiryOutput` and its `unknownDuringPreview`).
 */

/** The form of a data source, which decides whether `dependsOn` can apply. */
export type InvokeForm = "promise" | "output";

const NO_PROVIDER_PLUGIN = "this data source runs in the program's own process, with no provider plugin to choose, version or download";

/** Why each option of `pulumi.InvokeOptions` that cannot apply is refused. */
const REFUSED: Readonly<Record<string, string>> = {
    provider: `${NO_PROVIDER_PLUGIN}; the key and base URL come from the arguments, the stack config or the environment`,
    providers: `${NO_PROVIDER_PLUGIN}; the key and base URL come from the arguments, the stack config or the environment`,
    parent: `a parent only picks the default provider of a provider plugin's invoke, and ${NO_PROVIDER_PLUGIN}; to order the read after a resource, use dependsOn in the Output form`,
    version: NO_PROVIDER_PLUGIN,
    pluginDownloadURL: NO_PROVIDER_PLUGIN,
};

/** What remains of `opts` once checked: the one option that applies. */
export interface CheckedInvokeOptions {
    dependsOn?: pulumi.InvokeOutputOptions["dependsOn"];
}

/**
 * Checks the `opts` of `dataSource` (`getCertificates`: its promise form, or with `form` "output" its
 * `getCertificatesOutput`) and returns the options that apply. An option given as `undefined`
 * counts as absent. Throws {@link InvalidArgumentError} naming `opts.<option>` for one that cannot
 * apply: `provider`, `providers`, `parent`, `version`, `pluginDownloadURL`, `async: false` (a
 * synchronous invoke; this read is asynchronous), `dependsOn` in the promise form (a Promise cannot
 * be unknown during preview, so it cannot wait as Pulumi's invokes do; use the Output form), and
 * any option `pulumi.InvokeOutputOptions` does not have.
 *
 * @example
 * ```ts
 * checkInvokeOptions({ dependsOn: [project] }, "getCertificates", "output"); // { dependsOn: [project] }
 * checkInvokeOptions({ provider }, "getCertificates", "promise"); // throws: Invalid argument "opts.provider"
 * ```
 */
export function checkInvokeOptions(opts: unknown, dataSource: string, form: InvokeForm): CheckedInvokeOptions {
    const where = form === "output" ? `${dataSource}Output` : dataSource;
    if (opts === undefined || opts === null) return {};
    if (typeof opts !== "object" || Array.isArray(opts)) throw new InvalidArgumentError("opts", `${where} takes an object of options, got ${Array.isArray(opts) ? "an array" : typeof opts}`);
    const checked: CheckedInvokeOptions = {};
    for (const [option, value] of Object.entries(opts)) {
        if (value === undefined) continue;
        const refuse = (why: string) => new InvalidArgumentError(`opts.${option}`, `${where} cannot apply the option "${option}": ${why}`);
        if (option === "async") {
            if (value !== true) throw refuse("it asks for a synchronous invoke, which Pulumi has deprecated; this read is always asynchronous (leave it out)");
        } else if (option === "dependsOn") {
            if (form === "promise") {
                throw refuse(
                    "a Promise cannot be unknown during preview, so it cannot wait for resources the update creates as Pulumi's invokes do; " +
                        `use ${dataSource}Output(args, { dependsOn }), which waits for them and is unknown in preview while they are being created`,
                );
            }
            checked.dependsOn = value as CheckedInvokeOptions["dependsOn"];
        } else if (option in REFUSED) {
            throw refuse(REFUSED[option]);
        } else {
            const honoured = form === "output" ? "dependsOn (and async: true)" : "async: true";
            throw refuse(`it is not an invoke option; of Pulumi's invoke options, ${where} honours ${honoured} and refuses the rest`);
        }
    }
    return checked;
}

/**
 * An Output that is known once every resource in `dependsOn` is: for each custom resource (the
 * custom descendants of a component), its id. Unknown during preview while one of them is being
 * created or replaced, and pending in the update until they are created; it carries them as
 * dependencies, so what is computed from it depends on them too. Never secret: it holds no value.
 */
export function dependenciesKnown(dependsOn: CheckedInvokeOptions["dependsOn"]): pulumi.Output<unknown> {
    if (dependsOn === undefined) return pulumi.output(undefined);
    return pulumi.unsecret(
        pulumi.output(dependsOn).apply(async (value) => {
            const resources = await customResourcesOf(value);
            return pulumi.all(resources.map((resource) => resource.id));
        }),
    );
}

/**
 * The custom resources `value` (a resource or a nested array of them) stands for, walking components
 * to their custom descendants as @pulumi/pulumi does (runtime/dependsOn.js, stopping at custom and
 * remote resources). A component's children are the SDK's undeclared `__childResources`, complete
 * once its construction (`__data`) has settled.
 */
async function customResourcesOf(value: unknown, seen = new Set<pulumi.Resource>()): Promise<pulumi.CustomResource[]> {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return (await Promise.all(value.map((v) => customResourcesOf(v, seen)))).flat();
    if (!pulumi.Resource.isInstance(value)) throw new InvalidArgumentError("opts.dependsOn", `must be a resource or a list of resources, got ${typeof value}`);
    if (seen.has(value)) return [];
    seen.add(value);
    // DependencyResource is a CustomResource without an id: nothing to wait for, as in Pulumi.
    if (pulumi.CustomResource.isInstance(value)) return (value as { id?: unknown }).id ? [value] : [];
    const component = value as unknown as { __remote?: boolean; __data?: Promise<unknown>; __childResources?: Iterable<pulumi.Resource> };
    if (!pulumi.ComponentResource.isInstance(value) || component.__remote) return [];
    await component.__data;
    return customResourcesOf([...(component.__childResources ?? [])], seen);
}

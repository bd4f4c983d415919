import { InvalidArgumentError } from "../errors";

/*
 * What every dynamic provider's operations do with property bags: pick the inputs a program gave,
 * drop the serialized provider, and turn a refused argument into a `check` failure.
 */

/** A `check` failure, as the dynamic provider host passes it to the engine. */
export interface CheckFailure {
    property: string;
    reason: string;
}

/** The properties named in `names` that are set in `props`. */
export function pickDefined(props: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
    return Object.fromEntries(names.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
}

/** `props` without `__provider`, which the host adds back itself. */
export function withoutProvider(props: Record<string, unknown>): Record<string, unknown> {
    const { __provider: _provider, ...rest } = props;
    void _provider;
    return rest;
}

/** Runs `check`; an {@link InvalidArgumentError} becomes a failure pushed onto `failures`, anything else is thrown. */
export function collectFailure(failures: CheckFailure[], check: () => void): void {
    try {
        check();
    } catch (error) {
        if (!(error instanceof InvalidArgumentError)) throw error;
        failures.push({ property: error.argument, reason: error.message });
    }
}

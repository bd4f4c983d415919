import { InvalidArgumentError } from "../api/errors/argument-error";

/*
 * What every dynamic provider's operations do with property bags: pick the inputs a program gave,
 * drop the serialized provider, and turn a refused argument into a `check` failure.
 */

/**
 * A `check` failure, as the dynamic provider host passes it to the engine. `property` is always
 * empty: when a failure names a property, the engine prints the program's whole input value beside
 * the reason (`property certificate value {-----BEGIN PRIVATE KEY-----...} has a problem: ...`, its
 * step generator's `issueCheckFailures`), in `preview`, `preview --json` and `up` alike, so a private
 * key pasted into a PEM, or an admin key pasted into `baseUrl`, would land in CI logs. The reason
 * names the input instead, and never quotes its value.
 */
export interface CheckFailure {
    property: "";
    reason: string;
}

/** The failure of one input, named in the reason (`Invalid argument "name": must be text`). */
export function checkFailure(argument: string, problem: string): CheckFailure {
    return failureOf(new InvalidArgumentError(argument, problem));
}

/** A refused argument as a failure that names it in its reason only. */
export function failureOf(error: InvalidArgumentError): CheckFailure {
    return { property: "", reason: error.message };
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
        failures.push(failureOf(error));
    }
}

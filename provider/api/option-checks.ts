import { InvalidArgumentError } from "./errors/argument-error";

/**
 * Reads an optional integer option within bounds, or throws naming it: the one integer check of the
 * package (page size, retries, timeouts, concurrency).
 */
export function integerIn(name: string, value: unknown, fallback: number, min: number, max: number): number {
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new InvalidArgumentError(name, `must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return value;
}

/** Reads an optional boolean option, or throws naming it: the one boolean check of the package. */
export function booleanIn(name: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") throw new InvalidArgumentError(name, `must be true or false, got ${JSON.stringify(value)}`);
    return value;
}

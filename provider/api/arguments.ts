import { InvalidArgumentError } from "./errors/argument-error";

/**
 * Refuses keys that a function does not know, so a typo such as `pagesize` is an error instead of
 * a silently ignored option.
 */
export function assertKnownKeys(args: object, known: readonly string[], where: string): void {
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
        throw new InvalidArgumentError("args", `${where} takes an object of arguments`);
    }
    for (const key of Object.keys(args)) {
        if (!known.includes(key)) {
            throw new InvalidArgumentError(key, `${where} has no argument "${key}"; known arguments: ${known.join(", ")}`);
        }
    }
}

/** Checks that an optional argument is a string. */
export function optionalString(name: string, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw new InvalidArgumentError(name, `must be a string, got ${typeof value}`);
    return value;
}

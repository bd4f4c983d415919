import { OpenAICertificatesError } from "../provider/api/errors/base";

/**
 * Marks an error of ours that leaves a Pulumi program so that Pulumi treats it as its own `RunError`
 * (`pulumi.RunError.isInstance` reads this property): the failed `preview` or `up` then prints the
 * message alone, which is written for the person who reads it, and no stack. The error keeps its
 * class, `code` and data (such as a `CertificateExpiryError`'s `report`). (Pulumi still inspects the
 * error for its trace; `OpenAICertificatesError`'s inspect hook keeps that fast.)
 */
export function markProgramError<E>(error: E): E {
    if (error instanceof OpenAICertificatesError && !Object.prototype.hasOwnProperty.call(error, PULUMI_RUN_ERROR)) {
        // Not enumerable: it shows in no JSON and no inspection of the error.
        Object.defineProperty(error, PULUMI_RUN_ERROR, { value: true, enumerable: false });
    }
    return error;
}

/**
 * {@link markProgramError} for an error that fails the program from an Output (a rejected `apply`).
 * Pulumi may see such a rejection only after the program's main has finished, and then prints
 * `error.stack` rather than the message (@pulumi/pulumi cmd/run/index.ts, `programRunning`): so the
 * stack is the message alone, and the failure reads exactly as the promise form's (issue 23, item
 * 11), whichever way Pulumi prints it. Errors that are not ours are left alone.
 */
export function markOutputError<E>(error: E): E {
    markProgramError(error);
    if (error instanceof OpenAICertificatesError) {
        Object.defineProperty(error, "stack", { value: error.message, writable: true, configurable: true, enumerable: false });
    }
    return error;
}

/** Runs `work`, marking any error of ours it throws with {@link markProgramError}. */
export async function withProgramErrors<T>(work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (error) {
        throw markProgramError(error);
    }
}

const PULUMI_RUN_ERROR = "__pulumiRunError";

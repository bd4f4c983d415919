import * as pulumi from "@pulumi/pulumi";

/** What becomes of an Output in a program: known or not, its value, or the error it rejected with. */
export interface OutputOutcome<T> {
    known: boolean;
    value?: T;
    error?: unknown;
    /** What Pulumi's handler would see when the program ignores the result: it fails the program on these. */
    unhandled: unknown[];
}

/**
 * Runs `make` and reports what becomes of its Output, collecting the unhandled rejections that fail
 * a Pulumi program (and that would otherwise fail this test run). `isKnown` and `promise` are the
 * Output's own, undeclared, members: the only way to observe an unknown or rejected Output.
 */
export async function outcomeOf<T>(make: () => pulumi.Output<T>): Promise<OutputOutcome<T>> {
    const saved = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const unhandled: unknown[] = [];
    process.on("unhandledRejection", (reason) => void unhandled.push(reason));
    try {
        const output = make() as unknown as { isKnown: Promise<boolean>; promise(): Promise<T> };
        let outcome: OutputOutcome<T>;
        try {
            const known = await output.isKnown;
            outcome = { known, value: known ? await output.promise() : undefined, unhandled };
        } catch (error) {
            outcome = { known: false, error, unhandled };
        }
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
        return outcome;
    } finally {
        process.removeAllListeners("unhandledRejection");
        for (const listener of saved) process.on("unhandledRejection", listener);
    }
}

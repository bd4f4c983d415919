/**
 * Shares one listener on the caller's AbortSignal between every request and wait in flight. With a
 * dozen concurrent project reads each adding its own listener, Node warns of a listener leak on the
 * caller's signal; here the signal holds one listener at most, and none once nothing is in flight.
 */
export interface AbortFanout {
    /** Calls `onAbort` if the caller aborts before the returned function is called. */
    subscribe(onAbort: () => void): () => void;
    /** A signal for one operation: aborted when the caller aborts. Call `release` when done. */
    child(): { signal: AbortSignal; release: () => void };
}

export function createAbortFanout(signal: AbortSignal | undefined): AbortFanout {
    const handlers = new Set<() => void>();
    const fire = () => {
        for (const handler of [...handlers]) handler();
    };
    const subscribe = (onAbort: () => void) => {
        if (!signal) return () => undefined;
        if (signal.aborted) {
            onAbort();
            return () => undefined;
        }
        if (handlers.size === 0) signal.addEventListener("abort", fire);
        handlers.add(onAbort);
        return () => {
            handlers.delete(onAbort);
            if (handlers.size === 0) signal.removeEventListener("abort", fire);
        };
    };
    return {
        subscribe,
        child() {
            const controller = new AbortController();
            const release = subscribe(() => controller.abort(signal?.reason));
            return { signal: controller.signal, release };
        },
    };
}

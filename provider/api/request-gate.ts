/**
 * One gate shared by every request of a transport (one per client; the organization-wide view reads
 * all its projects through one). When a retried answer (408, 409, 429, 5xx; see `shouldRetryStatus`)
 * names a time to wait in `retry-after-ms` or `Retry-After`, the server is overloaded for all of us,
 * not only for the request that asked: the transport pauses the gate, and every request of the
 * client waits at it before its next attempt, instead of letting the others keep hammering the
 * server. A wait longer than `MAX_RETRY_AFTER_MS` never reaches the gate: that request fails fast.
 * Backoff without a server-named time is per request and does not pause the gate.
 */
export class RequestGate {
    private resumeAtMs = 0;

    constructor(
        private readonly now: () => number,
        private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
    ) {}

    /** Holds every request for `ms` from now; extends a pause already in force, never shortens it. */
    pause(ms: number): void {
        this.resumeAtMs = Math.max(this.resumeAtMs, this.now() + ms);
    }

    /**
     * Resolves when no pause is in force; waits again if the pause was extended meanwhile. `signal`
     * (the caller's abort) ends the wait with the sleep's rejection.
     */
    async ready(signal?: AbortSignal): Promise<void> {
        let target = this.resumeAtMs;
        while (target > this.now()) {
            await this.sleep(target - this.now(), signal);
            if (this.resumeAtMs === target) return;
            target = this.resumeAtMs;
        }
    }
}

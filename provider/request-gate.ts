/**
 * One gate shared by every request of a client. When the server answers 429 (or 503) with a
 * Retry-After, it is overloaded for all of us, not only for the request that asked: the gate holds
 * every request of the client until then, instead of letting the others keep hammering it.
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

    /** Resolves when no pause is in force; waits again if the pause was extended meanwhile. */
    async ready(signal?: AbortSignal): Promise<void> {
        let target = this.resumeAtMs;
        while (target > this.now()) {
            await this.sleep(target - this.now(), signal);
            if (this.resumeAtMs === target) return;
            target = this.resumeAtMs;
        }
    }
}

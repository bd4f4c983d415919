/** One row of results.json. */
export interface ResultRow {
    scenario: string;
    client: string;
    n: number;
    /** Projects, for the organization-wide view. */
    p?: number;
    concurrency?: number;
    /** Requests per run (median; exact when nothing is random). */
    requests: number;
    wallMsMedian: number;
    /** The spread of wall times: fastest and slowest run. */
    wallMsMin: number;
    wallMsMax: number;
    cpuMsMedian: number;
    peakRssMb: number;
    /** Requests that must happen one after another, times the latency: no client can be faster. */
    boundMs: number;
    /** wallMsMedian / boundMs. */
    boundRatio: number;
    /** The most requests the fake saw at once. */
    maxConcurrency: number;
    /** Whether every run read exactly what a clean run reads. */
    complete: boolean;
    note?: string;
}

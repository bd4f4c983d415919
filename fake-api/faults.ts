/**
 * Faults the fake API can inject, one rule at a time. Rules are checked in order on each request;
 * the first that matches and still has uses left decides what happens.
 */
export type FaultAction =
    /** Answer with this status; the body defaults to an OpenAI error envelope. */
    | { kind: "status"; status: number; headers?: Record<string, string>; body?: unknown }
    /** Wait, then answer normally. */
    | { kind: "delay"; ms: number }
    /** 200 with a body cut off in the middle of the JSON. */
    | { kind: "truncated" }
    /** 200 with this exact text as the body (HTML, garbage, JSON of the wrong shape...). */
    | { kind: "raw"; status?: number; contentType?: string; body: string }
    /** Close the connection without answering. */
    | { kind: "drop" }
    /** Send the headers and half the body, then reset the connection. */
    | { kind: "reset-mid-body" }
    /** Send the normal body a few bytes at a time, `intervalMs` apart. */
    | { kind: "trickle"; intervalMs: number; chunkBytes?: number }
    /** 200 with a body that never ends (no content-length), `chunkBytes` every `intervalMs`, until the client hangs up. */
    | { kind: "endless"; intervalMs?: number; chunkBytes?: number }
    /** 200 with a valid JSON body padded to at least `bytes`. */
    | { kind: "oversize"; bytes: number }
    /** Redirect to `location` with this status (301, 302, 307, 308). */
    | { kind: "redirect"; status: number; location: string }
    /**
     * 401 whose error message quotes the request's Authorization header back, as a careless proxy
     * would, written as `encoding` says.
     */
    | { kind: "reflect-credentials"; encoding?: ReflectionEncoding }
    /**
     * 200 with the normal list, but every item's `field` replaced by the request's Authorization
     * header, written as `encoding` says: a server that leaks the key into successful data.
     */
    | { kind: "reflect-credentials-in-data"; field: "name" | "id"; encoding?: ReflectionEncoding }
    /** Answer normally, but pass the JSON body through `transform` first (for pagination bugs and wrong types). */
    | { kind: "transform"; transform: (body: any, request: { path: string; query: URLSearchParams }) => unknown };

/**
 * How a reflected credential is written: as received, cut across two lines, in base64 (the whole
 * header, as a Basic-auth-minded proxy might) or URL-encoded. The last two keep the field usable as
 * an id; `split` does not.
 */
export type ReflectionEncoding = "plain" | "split" | "base64" | "url";

/** `header` written as `encoding` says. */
export function reflected(header: string, encoding: ReflectionEncoding = "plain"): string {
    switch (encoding) {
        case "split":
            return `${header.slice(0, Math.ceil(header.length / 2))}\n${header.slice(Math.ceil(header.length / 2))}`;
        case "base64":
            return Buffer.from(header).toString("base64");
        case "url":
            return encodeURIComponent(header);
        default:
            return header;
    }
}

/** When a fault applies. */
export interface FaultRule {
    /** Only requests with this HTTP method (`"POST"`, any case), to fault a write and not the reads beside it. @default every method */
    method?: string;
    /** Only requests whose path (without `/v1`) starts with this, or matches this pattern. @default every path */
    path?: string | RegExp;
    /** Let this many matching requests through first. @default 0 */
    skip?: number;
    /** Apply to this many matching requests, then retire. @default Infinity */
    times?: number;
    /** Apply to each matching request with this probability, drawn from the server's seeded random. @default 1 */
    probability?: number;
    action: FaultAction;
}

/** A rule with its running count. */
export interface ActiveFault {
    readonly rule: FaultRule;
    seen: number;
    applied: number;
}

/**
 * Finds the fault for a request, or `undefined` to answer normally. Every rule whose path and method match
 * counts the request (so `skip: 2` means "from the third matching request on", whatever earlier
 * rules did with the first two); the first rule that is due wins.
 */
export function pickFault(faults: ActiveFault[], method: string, path: string, random: () => number): FaultAction | undefined {
    let chosen: ActiveFault | undefined;
    for (const fault of faults) {
        const { rule } = fault;
        const pathMatches = rule.path === undefined || (typeof rule.path === "string" ? path.startsWith(rule.path) : rule.path.test(path));
        const methodMatches = rule.method === undefined || rule.method.toUpperCase() === method.toUpperCase();
        if (!pathMatches || !methodMatches) continue;
        fault.seen += 1;
        if (chosen) continue;
        if (fault.seen <= (rule.skip ?? 0)) continue;
        if (fault.applied >= (rule.times ?? Infinity)) continue;
        if (rule.probability !== undefined && random() >= rule.probability) continue;
        chosen = fault;
    }
    if (chosen) chosen.applied += 1;
    return chosen?.rule.action;
}

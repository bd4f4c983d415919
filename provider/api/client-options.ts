import { ENV_ADMIN_KEY, firstAdminKey, normalizeAdminKey } from "./admin-key";
import { InvalidArgumentError, MissingAdminKeyError } from "./errors/argument-error";
import { DEFAULT_MAX_PAGES } from "./cursor";
import { integerIn } from "./option-checks";
import { HostLookup, bareHost, isLocalhostName, isLoopbackAddress, systemLookup } from "./loopback";

/** The API's public address. */
export const DEFAULT_BASE_URL = "https://api.openai.com/v1";
/** Retries after the first attempt, as in the official openai SDK. */
export const DEFAULT_MAX_RETRIES = 2;
/** Per request, including reading the body. Shorter than the SDK's 10 minutes: a deployment is waiting. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** A page of 100 certificates is about 30 KB; 8 MiB leaves room and still bounds memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/**
 * 64 MiB of response bodies per list (and for the organization-wide view, all its lists together):
 * about 200,000 certificates, and still an amount a CI runner holds in memory with room to spare.
 */
export const DEFAULT_MAX_LIST_BYTES = 64 * 1024 * 1024;

/**
 * How to reach the API and how hard to try. Every field is optional: the key and the base URL fall
 * back to `OPENAI_ADMIN_KEY` and `OPENAI_BASE_URL`, as in `getCertificates` and `openai-certs`.
 */
export interface ClientOptions {
    /**
     * An organization admin key (`sk-admin-...`). Whitespace around it (a trailing newline) is ignored.
     * Never logged, stored or put into an error.
     * @default the environment variable `OPENAI_ADMIN_KEY`, as for every entry point
     */
    adminKey?: string;
    /**
     * The API's base URL, up to and including `/v1`. `http://` is accepted only for a loopback
     * address (127.0.0.0/8, ::1) or for `localhost` / `*.localhost`, whose addresses are resolved
     * and must all be loopback before the key is sent.
     * @default "https://api.openai.com/v1"
     */
    baseUrl?: string;
    /**
     * Retries after the first attempt of each request.
     * @default 2
     */
    maxRetries?: number;
    /**
     * Time allowed for one request, body included, in milliseconds.
     * @default 30000
     */
    timeoutMs?: number;
    /**
     * Largest response body accepted, in bytes.
     * @default 8388608
     */
    maxResponseBytes?: number;
    /**
     * Largest total of response bodies accepted for one list, in bytes; for the organization-wide
     * view, of every list it reads added up. Past it the read fails with a `list_too_large` error,
     * before the page that would pass it is parsed.
     * @default 67108864
     */
    maxListBytes?: number;
    /**
     * Most pages read from one list before giving up with a `pagination_page_limit` error.
     * No page may hold more than the page size asked for, so one list never holds more than
     * `maxPages` x the page size.
     * @default 1000
     */
    maxPages?: number;
    /** Cancels every request in flight and every wait between retries. */
    signal?: AbortSignal;
    /** Waits between retries. Injectable for tests. @default a timer that honours `signal` */
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    /** Source of jitter, in [0, 1). Injectable for tests. @default Math.random */
    random?: () => number;
    /** The clock, for HTTP-date Retry-After headers. Injectable for tests. @default Date.now */
    now?: () => number;
    /**
     * Resolves the host name of a plain-http base URL to its addresses. Whatever it answers, the key
     * goes only to the addresses it named, and only if every one is loopback. Injectable for tests.
     * @default the system resolver (`dns.lookup`, every address)
     */
    lookup?: HostLookup;
}

/** {@link ClientOptions} with every default applied and every value checked. */
export interface ResolvedClientOptions {
    readonly adminKey: string;
    readonly baseUrl: string;
    readonly maxRetries: number;
    readonly timeoutMs: number;
    readonly maxResponseBytes: number;
    readonly maxListBytes: number;
    readonly maxPages: number;
    readonly signal?: AbortSignal;
    readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    readonly random: () => number;
    readonly now: () => number;
    readonly lookup: HostLookup;
}

/** The key from `OPENAI_ADMIN_KEY`, checked by the one rule; {@link MissingAdminKeyError} when it is not set. */
function environmentAdminKey(): string {
    const key = firstAdminKey(process.env[ENV_ADMIN_KEY]);
    if (key === undefined) throw new MissingAdminKeyError();
    return normalizeAdminKey(key, ENV_ADMIN_KEY);
}

/** Checks every option and applies the defaults; throws {@link InvalidArgumentError} naming the bad one. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
    return {
        adminKey: options.adminKey !== undefined ? normalizeAdminKey(options.adminKey) : environmentAdminKey(),
        baseUrl: normalizeBaseUrl(options.baseUrl ?? environmentBaseUrl()),
        maxRetries: clientIntegerOption("maxRetries", options.maxRetries),
        timeoutMs: clientIntegerOption("timeoutMs", options.timeoutMs),
        maxResponseBytes: clientIntegerOption("maxResponseBytes", options.maxResponseBytes),
        maxListBytes: clientIntegerOption("maxListBytes", options.maxListBytes),
        maxPages: clientIntegerOption("maxPages", options.maxPages),
        signal: options.signal,
        sleep: options.sleep ?? sleep,
        random: options.random ?? Math.random,
        now: options.now ?? Date.now,
        lookup: options.lookup ?? systemLookup,
    };
}

/** The environment variable of the base URL, read by every entry point: `OPENAI_BASE_URL`. */
export const ENV_BASE_URL = "OPENAI_BASE_URL";

/** The base URL from `OPENAI_BASE_URL` when it is set and not blank, else the public API's. */
export function environmentBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
    return env[ENV_BASE_URL]?.trim() || DEFAULT_BASE_URL;
}

/**
 * Validates a base URL and strips trailing slashes. Plain `http://` is refused unless the host is a
 * loopback address or a localhost name (see {@link isLoopbackHost}): the admin key would otherwise
 * cross a network unencrypted.
 */
export function normalizeBaseUrl(raw: string): string {
    if (typeof raw !== "string" || raw.trim() === "") {
        throw new InvalidArgumentError("baseUrl", "must be a non-empty URL such as https://api.openai.com/v1");
    }
    let url: URL;
    try {
        url = new URL(raw.trim());
    } catch {
        // The text is not echoed: a key pasted into the wrong setting must not end up in a log.
        throw new InvalidArgumentError("baseUrl", "is not a valid URL; expected something like https://api.openai.com/v1");
    }
    if (url.username || url.password) {
        throw new InvalidArgumentError("baseUrl", "must not contain credentials; pass the key as adminKey");
    }
    if (url.search || url.hash) {
        throw new InvalidArgumentError("baseUrl", "must not contain a query string or fragment");
    }
    if (url.protocol === "http:") {
        if (!isLoopbackHost(url.hostname)) {
            throw new InvalidArgumentError(
                "baseUrl",
                `plain http:// is only allowed for loopback hosts (127.0.0.0/8, ::1, or localhost names that resolve only to those), not ${url.hostname}: ` +
                    "the admin key would travel unencrypted. Use https://",
            );
        }
    } else if (url.protocol !== "https:") {
        throw new InvalidArgumentError("baseUrl", `protocol ${url.protocol} is not supported; use https://`);
    }
    return url.toString().replace(/\/+$/, "");
}

/**
 * Whether plain `http://` may be tried with a URL hostname (as `URL.hostname` spells it): a loopback
 * IP literal, or `localhost` / `*.localhost`. A name is not trusted on its spelling: before the key is
 * sent, the transport resolves it and requires every address to be loopback (see `loopback.ts`).
 */
export function isLoopbackHost(hostname: string): boolean {
    const host = bareHost(hostname);
    return isLoopbackAddress(host) || isLocalhostName(host);
}

/**
 * Each integer option of the client: its default and its range, least and most. The one rule for the
 * API layer, the data sources, the `Certificates` resource and the command line.
 */
export const CLIENT_INTEGER_OPTIONS = {
    maxRetries: { fallback: DEFAULT_MAX_RETRIES, min: 0, max: 10 },
    timeoutMs: { fallback: DEFAULT_TIMEOUT_MS, min: 1, max: 600_000 },
    maxResponseBytes: { fallback: DEFAULT_MAX_RESPONSE_BYTES, min: 1024, max: 2 ** 30 },
    maxListBytes: { fallback: DEFAULT_MAX_LIST_BYTES, min: 1024, max: 2 ** 40 },
    maxPages: { fallback: DEFAULT_MAX_PAGES, min: 1, max: 1_000_000 },
} as const;

/** Checks one integer option of the client by its rule in {@link CLIENT_INTEGER_OPTIONS} and applies its default; throws naming it. */
export function clientIntegerOption(name: keyof typeof CLIENT_INTEGER_OPTIONS, value: unknown): number {
    const { fallback, min, max } = CLIENT_INTEGER_OPTIONS[name];
    return integerIn(name, value, fallback, min, max);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}

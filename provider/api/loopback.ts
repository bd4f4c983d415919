import * as dns from "dns";
import { BlockList, LookupFunction, isIP } from "net";
import { InvalidArgumentError } from "./errors/argument-error";

/**
 * Plain `http://` is allowed only where the admin key cannot leave the machine: a loopback address.
 * A host name is not trusted on its spelling (`*.localhost` is an ordinary DNS name to the system
 * resolver): it is resolved once, every address must be loopback, and the connection is then made
 * to those checked addresses only, so a second resolution cannot send it elsewhere.
 */

/** One address a host name resolves to, as `dns.lookup` gives it. */
export interface ResolvedAddress {
    readonly address: string;
    readonly family: 4 | 6;
}

/**
 * Resolves a host name to every address it has. {@link systemLookup} by default; injectable for tests.
 * Whatever it answers, the connection goes only to the addresses it named, each checked first.
 */
export type HostLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (`/etc/hosts`, then DNS), every address, in the resolver's order. */
export const systemLookup: HostLookup = async (hostname) =>
    (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Whether an IP address is loopback: 127.0.0.0/8 or ::1, in any spelling (`::ffff:127.0.0.1` too). */
export function isLoopbackAddress(ip: string): boolean {
    const family = isIP(ip);
    // BlockList matches an IPv4-mapped IPv6 address against the IPv4 rules.
    return family !== 0 && LOOPBACK.check(ip, family === 6 ? "ipv6" : "ipv4");
}

/** Whether a URL host names the local machine by convention (`localhost`, `*.localhost`); it must still resolve to loopback. */
export function isLocalhostName(host: string): boolean {
    const name = host.toLowerCase().replace(/\.$/, "");
    return name === "localhost" || name.endsWith(".localhost");
}

/** A URL host (`URL.hostname`) without the brackets of an IPv6 literal. */
export function bareHost(hostname: string): string {
    return hostname.replace(/^\[|\]$/g, "");
}

/**
 * The addresses a plain-http base URL's host may be reached at: none to look up for a loopback IP
 * literal (`undefined`: connect to it as it is); for a name, every address it resolves to, each of
 * which must be loopback. Throws {@link InvalidArgumentError} about `baseUrl` otherwise; a resolver
 * failure (no such name) is passed on as it is, for the caller to report as a connection failure.
 */
export async function verifiedLoopbackAddresses(hostname: string, lookup: HostLookup): Promise<readonly ResolvedAddress[] | undefined> {
    const host = bareHost(hostname);
    if (isIP(host)) {
        if (isLoopbackAddress(host)) return undefined;
        throw new InvalidArgumentError("baseUrl", `plain http:// is only allowed to a loopback address, not ${host}`);
    }
    const addresses = await lookup(host);
    const outside = addresses.filter((a) => !isLoopbackAddress(a.address));
    if (addresses.length === 0 || outside.length > 0) {
        throw new InvalidArgumentError(
            "baseUrl",
            `plain http:// is only allowed to a host whose every address is loopback, but ${host} resolves to ` +
                `${addresses.map((a) => a.address).join(", ") || "no address"}: the admin key would leave this machine unencrypted. Use https://`,
        );
    }
    return addresses;
}

/**
 * A `lookup` for `net.connect` (through an HTTP agent) that answers with `addresses` whatever name
 * it is asked for: the connection goes where the check said, and DNS is not asked again.
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
    return ((_hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
        const allowed = addresses.filter((a) => !options.family || a.family === options.family);
        if (allowed.length === 0) {
            const error = Object.assign(new Error(`no checked loopback address of family IPv${options.family}`), { code: "ENOTFOUND" });
            return process.nextTick(callback, error, options.all ? [] : undefined);
        }
        // Node asks for every address (`all`) when it tries several in turn (autoSelectFamily).
        if (options.all) return process.nextTick(callback, null, allowed.map((a) => ({ address: a.address, family: a.family })));
        process.nextTick(callback, null, allowed[0].address, allowed[0].family);
    }) as LookupFunction;
}

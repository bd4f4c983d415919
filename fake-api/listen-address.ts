import { isIP } from "net";
import { InvalidArgumentError } from "../provider/api/errors/argument-error";
import { HostLookup, isLoopbackAddress } from "../provider/api/loopback";

/**
 * The address the fake API listens on for `host`: the address itself when it is an IP literal, else
 * the first address the name resolves to. Either way every address must be loopback (127.0.0.0/8,
 * ::1): a name is not trusted on its spelling (`127.rt.test` may resolve to 0.0.0.0, which is every
 * address of the machine), and listening on the checked address, not the name, keeps a second
 * resolution from answering differently. Throws {@link InvalidArgumentError} about `host` otherwise;
 * a resolver failure (no such name) is passed on as it is.
 *
 * @example
 * ```ts
 * await loopbackListenAddress("localhost", systemLookup); // "127.0.0.1" (or "::1", as the resolver orders them)
 * ```
 */
export async function loopbackListenAddress(host: string, lookup: HostLookup): Promise<string> {
    const addresses = isIP(host) ? [host] : (await lookup(host)).map((a) => a.address);
    if (addresses.length === 0 || !addresses.every(isLoopbackAddress)) {
        const found = isIP(host) ? "is not a loopback address" : `resolves to ${addresses.join(", ") || "no address"}`;
        throw new InvalidArgumentError("host", `the fake API only listens on loopback addresses (127.0.0.0/8, ::1), and ${host} ${found}`);
    }
    return addresses[0];
}

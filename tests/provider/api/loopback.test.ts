import { strict as assert } from "assert";
import * as dns from "dns";
import { InvalidArgumentError } from "../../../provider/api/errors";
import { HostLookup, isLocalhostName, isLoopbackAddress, pinnedLookup, systemLookup, verifiedLoopbackAddresses } from "../../../provider/api/loopback";
import { rejectionOf } from "../../support/fixtures";

/** A resolver that answers `addresses` and counts its calls. */
function resolver(...addresses: string[]): HostLookup & { calls: string[] } {
    const calls: string[] = [];
    const lookup = async (hostname: string) => {
        calls.push(hostname);
        return addresses.map((address) => ({ address, family: address.includes(":") ? (6 as const) : (4 as const) }));
    };
    return Object.assign(lookup, { calls });
}

describe("plain http only to checked loopback addresses (issue 12, item 8)", () => {
    describe("isLoopbackAddress", () => {
        it("knows 127.0.0.0/8 and ::1 in every spelling", () => {
            for (const ip of ["127.0.0.1", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "::ffff:7f00:1"]) assert.equal(isLoopbackAddress(ip), true, ip);
        });

        it("refuses everything else, names included", () => {
            for (const ip of ["10.0.0.1", "128.0.0.1", "0.0.0.0", "::", "::2", "fe80::1", "::ffff:10.0.0.1", "localhost", "127.0.0.1.example.com", ""]) {
                assert.equal(isLoopbackAddress(ip), false, ip);
            }
        });
    });

    it("isLocalhostName: localhost and *.localhost only", () => {
        for (const name of ["localhost", "LOCALHOST", "api.localhost", "localhost."]) assert.equal(isLocalhostName(name), true, name);
        for (const name of ["localhost.example.com", "mylocalhost", "example.com"]) assert.equal(isLocalhostName(name), false, name);
    });

    describe("verifiedLoopbackAddresses", () => {
        it("asks no resolver about a loopback IP literal", async () => {
            const lookup = resolver("10.0.0.1");
            assert.equal(await verifiedLoopbackAddresses("127.0.0.1", lookup), undefined);
            assert.equal(await verifiedLoopbackAddresses("[::1]", lookup), undefined);
            assert.deepEqual(lookup.calls, []);
        });

        it("returns every address of a name when all are loopback", async () => {
            assert.deepEqual(await verifiedLoopbackAddresses("api.localhost", resolver("127.0.0.1", "::1")), [
                { address: "127.0.0.1", family: 4 },
                { address: "::1", family: 6 },
            ]);
        });

        for (const addresses of [["10.1.2.3"], ["127.0.0.1", "192.0.2.1"], ["::1", "2001:db8::1"], []]) {
            it(`refuses a name that resolves to ${JSON.stringify(addresses)} (regression: *.localhost was trusted on its spelling)`, async () => {
                const error = await rejectionOf(verifiedLoopbackAddresses("api.localhost", resolver(...addresses)));
                assert.ok(error instanceof InvalidArgumentError && error.argument === "baseUrl", error.message);
                assert.match(error.message, /every address is loopback/);
            });
        }

        it("refuses a literal that is not loopback", async () => {
            const error = await rejectionOf(verifiedLoopbackAddresses("10.0.0.1", resolver()));
            assert.ok(error instanceof InvalidArgumentError && error.argument === "baseUrl");
        });

        it("passes a resolver failure on as it is, for the transport to retry", async () => {
            const failing: HostLookup = async () => {
                throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.localhost"), { code: "ENOTFOUND" });
            };
            const error = await rejectionOf(verifiedLoopbackAddresses("nowhere.localhost", failing));
            assert.equal((error as { code?: string }).code, "ENOTFOUND");
        });

        it("resolves localhost with the system resolver to loopback addresses", async () => {
            const addresses = await verifiedLoopbackAddresses("localhost", systemLookup);
            assert.ok(addresses && addresses.length > 0 && addresses.every((a) => isLoopbackAddress(a.address)));
        });
    });

    describe("pinnedLookup", () => {
        const lookup = pinnedLookup([
            { address: "127.0.0.1", family: 4 },
            { address: "::1", family: 6 },
        ]);
        const ask = (options: dns.LookupOptions) =>
            new Promise<unknown[]>((resolve) => (lookup as unknown as (h: string, o: dns.LookupOptions, cb: (...args: unknown[]) => void) => void)("elsewhere.example.com", options, (...args) => resolve(args)));

        it("answers with the checked addresses, whatever name it is asked about", async () => {
            assert.deepEqual(await ask({}), [null, "127.0.0.1", 4]);
            assert.deepEqual(await ask({ family: 6 }), [null, "::1", 6]);
            assert.deepEqual(await ask({ all: true }), [null, [{ address: "127.0.0.1", family: 4 }, { address: "::1", family: 6 }]]);
        });

        it("fails a family it has no checked address for", async () => {
            const [error] = await new Promise<unknown[]>((resolve) =>
                (pinnedLookup([{ address: "127.0.0.1", family: 4 }]) as unknown as (h: string, o: dns.LookupOptions, cb: (...args: unknown[]) => void) => void)("x", { family: 6 }, (...args) => resolve(args)),
            );
            assert.equal((error as { code?: string }).code, "ENOTFOUND");
        });
    });
});

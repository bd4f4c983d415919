import { strict as assert } from "assert";
import * as net from "net";
import { startFakeOpenAI } from "../../fake-api";
import { HostLookup, listCertificates } from "../../provider";
import { invalidArgument, rejectionOf } from "../support/fixtures";

/** A resolver that answers `addresses` for every name, and records the names it was asked. */
function resolver(...addresses: string[]): { lookup: HostLookup; asked: string[] } {
    const asked: string[] = [];
    const lookup: HostLookup = async (name) => {
        asked.push(name);
        return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
    return { lookup, asked };
}

/** A port that was free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

/** Whether anything accepts a connection at 127.0.0.1:`port` (a server on 0.0.0.0 does too). */
function accepting(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect(port, "127.0.0.1");
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
    });
}

describe("where the fake API listens (issue 20, item 13; regression: a host spelled 127.* was trusted unresolved, so 127.rt.test could listen on every address)", () => {
    for (const addresses of [["0.0.0.0"], ["127.0.0.1", "192.0.2.1"], ["::"], []]) {
        it(`127.rt.test resolving to ${addresses.join(" and ") || "nothing"}: refused naming host and its addresses, and no port is opened`, async () => {
            const dns = resolver(...addresses);
            const port = await freePort();
            const error = await rejectionOf(startFakeOpenAI({ host: "127.rt.test", port, lookup: dns.lookup }));
            assert.ok(invalidArgument("host")(error), `${error.name}: ${error.message}`);
            assert.ok(error.message.includes(`127.rt.test resolves to ${addresses.join(", ") || "no address"}`), error.message);
            assert.deepEqual(dns.asked, ["127.rt.test"]);
            assert.equal(await accepting(port), false, "something listens on the port it was given");
        });
    }

    for (const host of ["0.0.0.0", "::", "192.0.2.1"]) {
        it(`the address ${host}: refused without asking the resolver`, async () => {
            const dns = resolver("127.0.0.1");
            const error = await rejectionOf(startFakeOpenAI({ host, lookup: dns.lookup }));
            assert.ok(invalidArgument("host")(error), `${error.name}: ${error.message}`);
            assert.match(error.message, /is not a loopback address/);
            assert.deepEqual(dns.asked, []);
        });
    }

    it("a name whose every address is loopback: listens on the resolved address and serves there", async () => {
        const dns = resolver("127.0.0.1");
        const port = await freePort();
        const api = await startFakeOpenAI({ host: "certs.rt.test", port, lookup: dns.lookup });
        try {
            assert.equal(api.baseUrl, `http://127.0.0.1:${port}/v1`);
            assert.deepEqual(dns.asked, ["certs.rt.test"], "resolved once, and the name is not handed to listen()");
            assert.deepEqual(await listCertificates({ adminKey: api.adminKey, baseUrl: api.baseUrl }), []);
        } finally {
            await api.close();
        }
    });
});

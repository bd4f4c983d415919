import * as http from "http";
import * as https from "https";
import { ResolvedAddress, pinnedLookup } from "./loopback";

/**
 * node-fetch 2 pipes each response into a PassThrough and, for bodies with a content-length, never
 * notices when the connection closes before the body is complete: the read then hangs until our
 * timeout, once per retry. These agents let the transport see each request it makes, so it can
 * watch the response itself and fail at once on a premature close.
 *
 * node-fetch creates the request synchronously inside `fetch()`, and the request registers with its
 * agent in its constructor, so the watcher set just before `fetch()` sees exactly that request.
 */
export interface WatchedAgents {
    /** For node-fetch's `agent` option. */
    agentFor(url: URL): http.Agent;
    /**
     * A plain-http agent that connects to `addresses` only, whatever host a request names: for a
     * name already resolved and checked. One per set of addresses, kept for the process.
     */
    pinnedAgentFor(addresses: readonly ResolvedAddress[]): http.Agent;
    /** Runs `send` with `watch` called for the request it creates. */
    watching<T>(watch: (request: http.ClientRequest) => void, send: () => T): T;
}

export function createWatchedAgents(): WatchedAgents {
    let watcher: ((request: http.ClientRequest) => void) | undefined;
    const observe = (request: http.ClientRequest) => {
        const watch = watcher;
        watcher = undefined;
        watch?.(request);
    };
    class WatchedHttpAgent extends http.Agent {
        // addRequest is Agent's hook for every request it serves; it is not in the type declarations.
        addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
            observe(request);
            (http.Agent.prototype as unknown as { addRequest: (r: unknown, o: unknown) => void }).addRequest.call(this, request, options);
        }
    }
    class WatchedHttpsAgent extends https.Agent {
        // addRequest is Agent's hook for every request it serves; it is not in the type declarations.
        addRequest(request: http.ClientRequest, options: http.RequestOptions): void {
            observe(request);
            (https.Agent.prototype as unknown as { addRequest: (r: unknown, o: unknown) => void }).addRequest.call(this, request, options);
        }
    }
    // Keep-alive, as Node's global agents: one TLS handshake serves every page.
    const plain = new WatchedHttpAgent({ keepAlive: true });
    const secure = new WatchedHttpsAgent({ keepAlive: true });
    const pinned = new Map<string, http.Agent>();
    return {
        agentFor: (url) => (url.protocol === "https:" ? secure : plain),
        pinnedAgentFor(addresses) {
            const key = addresses.map((a) => `${a.family}/${a.address}`).join(" ");
            let agent = pinned.get(key);
            if (!agent) {
                // An agent's own options reach every connection it opens, `lookup` included.
                agent = new WatchedHttpAgent({ keepAlive: true, lookup: pinnedLookup(addresses) } as http.AgentOptions);
                pinned.set(key, agent);
            }
            return agent;
        },
        watching(watch, send) {
            watcher = watch;
            try {
                return send();
            } finally {
                watcher = undefined;
            }
        },
    };
}

/**
 * Calls `onPrematureClose` when the response to `request` ends without its whole body (the server
 * or a proxy reset the connection mid-body).
 */
export function watchForPrematureClose(request: http.ClientRequest, onPrematureClose: () => void): void {
    request.once("response", (response: http.IncomingMessage) => {
        // Node may report the reset as an error on the response; the close below handles it.
        response.on("error", () => undefined);
        response.once("close", () => {
            if (!response.complete) onPrematureClose();
        });
    });
}

#!/usr/bin/env node
/**
 * Serves the fake API until interrupted, or until the process that started it is gone:
 * `node dist/fake-api/cli.js [--port N] [--host ADDRESS] [--seed FILE]` (also `openai-certs fake-api`).
 * `--host` is a loopback address, or a name whose every address is loopback (resolved first).
 * Prints `OPENAI_BASE_URL=<url>` on its first line so scripts can read it, then which admin key it
 * accepts: `OPENAI_ADMIN_KEY=<key>` when that is the built-in test key, else where the key comes from
 * (the seed file's `adminKey`, or `OPENAI_ADMIN_KEY`), never a key of yours.
 */
import { ENV_ADMIN_KEY, firstAdminKey } from "../provider/api/admin-key";
import { ENV_BASE_URL } from "../provider/api/client-options";
import { parseArgs } from "util";
import { readSeedFile } from "./seed-file";
import { DEFAULT_FAKE_ADMIN_KEY, startFakeOpenAI } from "./server";

export async function main(argv: string[]): Promise<void> {
    const { values } = parseArgs({
        args: argv,
        options: {
            port: { type: "string", default: "0" },
            host: { type: "string", default: "127.0.0.1" },
            seed: { type: "string" },
            "latency-ms": { type: "string", default: "0" },
        },
        strict: true,
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
    const seed = values.seed ? readSeedFile(values.seed) : undefined;
    const environmentKey = firstAdminKey(process.env[ENV_ADMIN_KEY]);
    const api = await startFakeOpenAI({
        port,
        host: values.host,
        seed,
        adminKey: seed?.adminKey ?? environmentKey,
        latencyMs: Number(values["latency-ms"]),
    });
    process.stdout.write(`${ENV_BASE_URL}=${api.baseUrl}\n`);
    // The built-in test key (also the sample seed's) is printed; a key of the user's never is.
    if (api.adminKey === DEFAULT_FAKE_ADMIN_KEY) process.stdout.write(`${ENV_ADMIN_KEY}=${DEFAULT_FAKE_ADMIN_KEY}\n`);
    else if (seed?.adminKey !== undefined) process.stdout.write(`# accepts the admin key given as "adminKey" in ${values.seed}\n`);
    else process.stdout.write(`# accepts the admin key in ${ENV_ADMIN_KEY}\n`);
    const stop = () => void api.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    stopWhenOrphaned(stop);
}

/**
 * Stops when the process that started this one is gone: `npx openai-certs fake-api &` in a test
 * script leaves the server running after a killed `npx`, holding its port. A process whose parent
 * dies is handed to another (its parent id changes), which is checked once a second.
 */
function stopWhenOrphaned(stop: () => void): void {
    const parent = process.ppid;
    const timer = setInterval(() => {
        if (process.ppid !== parent) {
            clearInterval(timer);
            stop();
        }
    }, 1000);
    timer.unref();
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((error) => {
        process.stderr.write(`fake-api: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
    });
}

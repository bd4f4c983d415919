#!/usr/bin/env node
/**
 * Serves the fake API until interrupted: `node dist/fake-api/cli.js [--port N] [--seed FILE]`.
 * Prints `OPENAI_BASE_URL=<url>` on its first line so scripts can read it.
 */
import { parseArgs } from "util";
import { readSeedFile } from "./seed-file";
import { startFakeOpenAI } from "./server";

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
    const api = await startFakeOpenAI({
        port,
        host: values.host,
        seed,
        adminKey: seed?.adminKey ?? process.env.OPENAI_ADMIN_KEY,
        latencyMs: Number(values["latency-ms"]),
    });
    process.stdout.write(`OPENAI_BASE_URL=${api.baseUrl}\n`);
    const stop = () => void api.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((error) => {
        process.stderr.write(`fake-api: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
    });
}

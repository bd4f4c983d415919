/*
 * The plugin's entry point: `pulumi-resource-openai-certificates` (pulumi-plugin/) runs this file
 * with node. The engine starts it with its own address as the argument and reads the port it prints.
 */
import { servePlugin } from "./plugin-server";

servePlugin().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
});

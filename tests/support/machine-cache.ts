import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * A folder of this machine's cache for the tests, outside any clone, so that fresh clones reuse it:
 * `${XDG_CACHE_HOME:-~/.cache}/pulumi-openai-certificates/<parts>` (scripts/pulumi-cli.sh keeps the
 * Pulumi CLI beside it).
 */
export function machineCacheDir(...parts: string[]): string {
    return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-openai-certificates", ...parts);
}

/**
 * Fills the cache folder `dir` once per machine and returns it: `fill` writes into a scratch folder
 * beside it, which is then renamed into place, so that two runs at once never see half a folder (the
 * loser of the rename drops its copy). `complete` says whether a folder is whole.
 */
export async function fillOnce(dir: string, complete: (dir: string) => boolean, fill: (scratch: string) => Promise<void>): Promise<string> {
    if (complete(dir)) return dir;
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const scratch = fs.mkdtempSync(`${dir}.filling-`);
    try {
        await fill(scratch);
        try {
            fs.renameSync(scratch, dir);
        } catch (error) {
            // Another run filled it first: use theirs.
            if (!complete(dir)) throw error;
        }
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
    return dir;
}

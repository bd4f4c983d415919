import * as fs from "fs";
import { InvalidArgumentError } from "../provider/api/errors/argument-error";
import { Exemption, resolveExemptions } from "../provider/expiry/expiry-options";
import { fileReadProblem } from "../provider/api/file-read-problem";

/**
 * The largest exemptions file read, in bytes (1 MiB). A thousand exemptions take about 150 KB; a
 * larger file is a mistake (a log, a dump) that must not be read into memory whole.
 */
export const MAX_EXEMPTIONS_FILE_BYTES = 1024 * 1024;

/**
 * Reads an exemptions file: a JSON list of `{ id or name, reason, until }`, or an object with an
 * `exemptions` list, in UTF-8 with or without a byte-order mark. The entries are checked here, and
 * an error names the file and the entry (`exemptions.json: exemptions[0].reason is required`).
 *
 * Only a regular file of at most {@link MAX_EXEMPTIONS_FILE_BYTES} is read. A FIFO with no writer
 * used to hang the command, and a device could be read forever (issue 12, item 12): anything that is
 * not a regular file (a FIFO, a directory, a device, a socket, and so process substitution such as
 * `<(...)`) is refused at once with {@link InvalidArgumentError}, which the command exits 3 on.
 */
export function readExemptionsFile(file: string): Exemption[] {
    const text = readRegularTextFile(file);
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        throw new InvalidArgumentError("--exemptions", `${file} is not valid JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(json) ? json : (json as { exemptions?: unknown } | null)?.exemptions;
    if (!Array.isArray(list)) throw new InvalidArgumentError("--exemptions", `${file} must hold a list of exemptions, or { "exemptions": [...] }`);
    try {
        // Checked here, not only by the evaluation, so that the error names the file the entry is in.
        resolveExemptions(list as Exemption[]);
    } catch (error) {
        if (error instanceof InvalidArgumentError) throw new InvalidArgumentError("--exemptions", `${file}: ${error.argument} ${error.problem}`);
        throw error;
    }
    return list as Exemption[];
}

function readRegularTextFile(file: string): string {
    const refuse = (problem: string) => new InvalidArgumentError("--exemptions", `${file} ${problem}`);
    let fd: number;
    try {
        // Non-blocking: opening a FIFO that has no writer would otherwise wait here forever, before
        // fstat could tell us what the path is. It changes nothing for a regular file.
        fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (error) {
        throw refuse(fileReadProblem(error));
    }
    try {
        // fstat of the open descriptor, not stat of the path: the path could be swapped in between.
        const stat = fs.fstatSync(fd);
        if (!stat.isFile()) throw refuse(`is ${kindOf(stat)}, not a regular file; write the exemptions to a file and pass its path`);
        if (stat.size > MAX_EXEMPTIONS_FILE_BYTES) throw refuse(`is larger than 1 MiB (${stat.size} bytes); an exemptions file is a short JSON list`);
        // Read one byte more than allowed, so a file that grows after fstat is caught too.
        const buffer = Buffer.alloc(MAX_EXEMPTIONS_FILE_BYTES + 1);
        let length = 0;
        for (let n: number; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
        if (length > MAX_EXEMPTIONS_FILE_BYTES) throw refuse("is larger than 1 MiB; an exemptions file is a short JSON list");
        try {
            // `fatal` refuses bytes that are not UTF-8 instead of turning them into U+FFFD; a leading
            // byte-order mark (which editors on Windows write) is dropped rather than refused by JSON.parse.
            return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length));
        } catch {
            throw refuse("is not UTF-8 text");
        }
    } finally {
        fs.closeSync(fd);
    }
}

function kindOf(stat: fs.Stats): string {
    if (stat.isFIFO()) return "a FIFO (named pipe)";
    if (stat.isDirectory()) return "a directory";
    if (stat.isCharacterDevice()) return "a character device";
    if (stat.isBlockDevice()) return "a block device";
    if (stat.isSocket()) return "a socket";
    return "not a regular file";
}

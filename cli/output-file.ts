/**
 * `--output-file`: clearing what an earlier run left there, and writing the report, for whatever the
 * path names. A regular file (or a path that does not exist yet) is replaced whole, through a
 * temporary file beside it; anything else (a symlink, a FIFO, a device such as `/dev/stdout`) is
 * opened and written as any command-line tool would, and stays what it is (issue 20, items 6-8).
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { InvalidArgumentError } from "../provider/api/errors/argument-error";

/** How a temporary file's name gets its randomness; replaceable in tests. */
export type RandomBytes = (size: number) => Buffer;

/**
 * Removes or empties a report left at `file` by an earlier run, before this one reads anything: if
 * this run is killed (a CI timeout), no report from another day is there to be read as today's.
 * A regular file is removed; through a symlink, a regular file it points at is emptied (the link
 * stays); a FIFO or a device holds nothing to clear. Throws {@link InvalidArgumentError} for
 * `--output-file` when the file cannot be cleared.
 *
 * @example
 * ```ts
 * clearReportFile("reports/certificates.xml"); // gone, or emptied through a symlink
 * ```
 */
export function clearReportFile(file: string): void {
    try {
        const entry = fs.lstatSync(file);
        if (entry.isFile()) fs.unlinkSync(file);
        else if (entry.isSymbolicLink() && fs.statSync(file).isFile()) fs.truncateSync(file, 0);
    } catch (error) {
        // Nothing there, or a symlink to nothing: nothing to clear; writing will create it.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw outputFileError(file, error);
    }
}

/**
 * Writes `text` to `file`. A regular file, or a path that does not exist yet, is replaced whole:
 * the text goes to a temporary file beside it, created exclusively under a random name and never
 * through a symlink (`O_EXCL | O_NOFOLLOW`), then renamed over it, so a reader never sees half a
 * report. Anything else is written in place: through a symlink to what it points at (the link
 * stays), into a FIFO for whoever reads it, to a device. Throws {@link InvalidArgumentError} for
 * `--output-file` when any of it fails (a full disk or device, no such folder, no permission).
 *
 * @example
 * ```ts
 * writeReportFile("reports/certificates.xml", junitXml);
 * writeReportFile("/dev/stdout", junitXml); // stdout, not a new file named /dev/stdout
 * ```
 */
export function writeReportFile(file: string, text: string, random: RandomBytes = randomBytes): void {
    let entry: fs.Stats | undefined;
    try {
        entry = fs.lstatSync(file);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw outputFileError(file, error);
    }
    try {
        if (entry === undefined || entry.isFile()) replaceWhole(file, text, random);
        else fs.writeFileSync(file, text);
    } catch (error) {
        throw outputFileError(file, error);
    }
}

function replaceWhole(file: string, text: string, random: RandomBytes): void {
    // A name no one can guess (not the pid), so nothing can be planted there in advance; and should
    // something be there anyway, O_EXCL fails rather than write through it.
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${random(8).toString("hex")}.tmp`);
    const fd = fs.openSync(temporary, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o644);
    try {
        try {
            fs.writeFileSync(fd, text);
        } finally {
            fs.closeSync(fd);
        }
        fs.renameSync(temporary, file);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw error;
    }
}

function outputFileError(file: string, error: unknown): InvalidArgumentError {
    return new InvalidArgumentError("--output-file", `cannot write the report to ${JSON.stringify(file)}: ${(error as Error).message}`);
}

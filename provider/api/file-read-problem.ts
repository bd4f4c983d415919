/**
 * Why a file could not be opened or read, in words a person acts on ("does not exist"), never a bare
 * `ENOENT` (issue 23, item 12). Said after the file's name: `exemptions.json does not exist`.
 *
 * @example
 * ```ts
 * try { fs.readFileSync(file); } catch (e) { throw new Error(`${file} ${fileReadProblem(e)}`); }
 * ```
 */
export function fileReadProblem(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    switch (code) {
        case "ENOENT":
            return "does not exist";
        case "EISDIR":
            return "is a directory, not a regular file";
        case "EACCES":
        case "EPERM":
            return "cannot be read: permission denied";
        case "ENOTDIR":
            return "does not exist (a folder on its path is a file)";
        default:
            return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
    }
}

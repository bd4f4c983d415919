import * as fs from "fs";
import { InvalidArgumentError } from "../provider";
import type { Exemption } from "../sdk/expiry-options";

/**
 * Reads an exemptions file: a JSON list of `{ id or name, reason, until }`, or an object with an
 * `exemptions` list. The entries are checked by the evaluation, which names the bad field.
 */
export function readExemptionsFile(file: string): Exemption[] {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new InvalidArgumentError("--exemptions", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        throw new InvalidArgumentError("--exemptions", `${file} is not valid JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(json) ? json : (json as { exemptions?: unknown } | null)?.exemptions;
    if (!Array.isArray(list)) throw new InvalidArgumentError("--exemptions", `${file} must hold a list of exemptions, or { "exemptions": [...] }`);
    return list as Exemption[];
}

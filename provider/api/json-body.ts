/**
 * Checks on a response body as JSON text and as the value it parses to, made before any codec
 * sees it. Both walk without recursion: the body is the server's, and so is its shape.
 */

/**
 * The deepest nesting of arrays and objects accepted in a response. A certificate list is four
 * levels deep (list, data, certificate, certificate_details); the rest is room for fields the API
 * may add. Deeper bodies overflowed the stack of the decoder and of error rendering.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `text` nests arrays and objects deeper than `limit`, counting brackets outside strings.
 * It reads JSON's syntax only as far as it needs to: on text that is not JSON it still ends, and
 * `JSON.parse` reports the syntax error.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === BACKSLASH) i += 1;
            else if (c === QUOTE) inString = false;
        } else if (c === QUOTE) {
            inString = true;
        } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
            if (++depth > limit) return true;
        } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
            depth -= 1;
        }
    }
    return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * The path (keys and indexes) to the first string in a parsed JSON value, property names included,
 * for which `test` holds; `undefined` when there is none. For a property name the path ends at it.
 *
 * @example
 * ```ts
 * findString({ data: [{ id: "a", name: "key!" }] }, (s) => s.includes("!")); // ["data", "0", "name"]
 * ```
 */
export function findString(value: unknown, test: (text: string) => boolean): string[] | undefined {
    // Each pending value knows its key and its parent's step; a path is built only for the match.
    interface Step {
        readonly value: unknown;
        readonly key: string;
        readonly parent?: Step;
    }
    const pathOf = (step: Step | undefined, last?: string): string[] => {
        const keys = last === undefined ? [] : [last];
        for (let s = step; s?.parent !== undefined; s = s.parent) keys.unshift(s.key);
        return keys;
    };
    const pending: Step[] = [{ value, key: "" }];
    while (pending.length > 0) {
        const step = pending.pop()!;
        const current = step.value;
        if (typeof current === "string") {
            if (test(current)) return pathOf(step);
        } else if (Array.isArray(current)) {
            for (let i = current.length - 1; i >= 0; i--) pending.push({ value: current[i], key: String(i), parent: step });
        } else if (current !== null && typeof current === "object") {
            const keys = Object.keys(current);
            for (const key of keys) if (test(key)) return pathOf(step, key);
            for (let i = keys.length - 1; i >= 0; i--) pending.push({ value: (current as Record<string, unknown>)[keys[i]], key: keys[i], parent: step });
        }
    }
    return undefined;
}

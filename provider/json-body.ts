/**
 * Checks on a response body as JSON text, made before it is parsed and any codec sees it. It walks
 * without recursion: the body is the server's, and so is its shape.
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

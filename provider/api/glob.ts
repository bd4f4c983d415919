/**
 * Name globs (`legacy-*`, `gateway-??`), matched without regular expressions.
 *
 * The globs used to be compiled to a regular expression (`^.*legacy.*$`), which backtracks: against a
 * name of 600,000 characters ending in a newline (which `.` does not match) the engine retried every
 * split of the name and `openai-certs check` ran for minutes (issue 12, item 1). Names come from the
 * API, so their length is not ours to choose; the time to match one must not explode with it.
 */

/** Tests one name against a compiled glob. */
export type GlobMatcher = (name: string) => boolean;

/**
 * Compiles a glob: `*` matches any run of characters (newlines included, none at all included), `?`
 * exactly one character, everything else itself. Characters are UTF-16 code units, as in `String`
 * indexes, so `?` matches half of an emoji. Nothing is special but `*` and `?`: no classes, no escapes.
 *
 * How it matches, and why it cannot stall: the glob is split at its stars into literal segments
 * (which may hold `?`). The first segment must match at the start of the name and the last at its
 * end; each segment in between is placed at its leftmost fit after the previous one and never moved
 * again. Leftmost placement is always safe, since it leaves the most room for what follows, so there
 * is no backtracking across segments. Finding a segment of length k scans the remaining name once,
 * comparing at most k characters per position: for a name of n characters and a glob of m, the
 * worst case is O(n·m) character comparisons, never more, whatever the name. Segments without `?`
 * are found with `String.prototype.indexOf`, so the globs people write (`*legacy*`, `gateway-*`) take
 * time roughly proportional to the name.
 *
 * @example
 * ```ts
 * const legacy = compileGlob("legacy-*");
 * legacy("legacy-eu"); // true
 * legacy("gateway");   // false
 * ```
 */
export function compileGlob(glob: string): GlobMatcher {
    const segments = glob.split("*");
    if (segments.length === 1) {
        // No star: the name must be exactly as long as the glob and match it character by character.
        return (name) => name.length === glob.length && matchesAt(name, 0, glob);
    }
    const first = segments[0];
    const last = segments[segments.length - 1];
    const middle = segments.slice(1, -1).filter((segment) => segment.length > 0);
    const shortest = first.length + last.length + middle.reduce((sum, segment) => sum + segment.length, 0);
    return (name) => {
        if (name.length < shortest) return false;
        const end = name.length - last.length;
        if (!matchesAt(name, 0, first) || !matchesAt(name, end, last)) return false;
        let from = first.length;
        for (const segment of middle) {
            const at = findSegment(name, segment, from, end);
            if (at < 0) return false;
            from = at + segment.length;
        }
        return true;
    };
}

/** Whether `segment` (with `?` for any one character) matches `name` at index `at`. */
function matchesAt(name: string, at: number, segment: string): boolean {
    for (let i = 0; i < segment.length; i++) {
        const c = segment.charCodeAt(i);
        if (c !== QUESTION_MARK && c !== name.charCodeAt(at + i)) return false;
    }
    return true;
}

/** The leftmost index in [from, end - segment.length] where `segment` matches, or -1. */
function findSegment(name: string, segment: string, from: number, end: number): number {
    const last = end - segment.length;
    if (!segment.includes("?")) {
        // The leftmost occurrence: if it does not fit before `end`, no later one does.
        const at = name.indexOf(segment, from);
        return at >= 0 && at <= last ? at : -1;
    }
    for (let at = from; at <= last; at++) if (matchesAt(name, at, segment)) return at;
    return -1;
}

const QUESTION_MARK = "?".charCodeAt(0);

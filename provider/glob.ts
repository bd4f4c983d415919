/**
 * Turns a name glob into an anchored regular expression: `*` matches any run of characters, `?` one
 * character, everything else is literal.
 */
export function globToRegExp(glob: string): RegExp {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${body}$`);
}

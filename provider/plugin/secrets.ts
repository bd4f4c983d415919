/*
 * Secrets on the wire. The plugin tells the engine it accepts secrets (the Node.js provider server
 * answers Configure so), so a secret input reaches `check`, `create` and the rest wrapped in the
 * engine's secret signature object, at any depth. The operations take plain values: the door
 * unwraps them, remembers which inputs held one, and wraps those inputs again in what it returns
 * (checked inputs, outputs), so a secret given stays a secret in the state. Nothing else is wrapped:
 * a result holding nothing secret is plain.
 */

/** The engine's marker of a secret: `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

function isSecret(value: unknown): value is { value: unknown } {
    return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** `value` with every secret, at any depth, replaced by what it holds; `found` is set when there was one. */
function unwrap(value: unknown, found: { secret: boolean }): unknown {
    if (isSecret(value)) {
        found.secret = true;
        return unwrap(value.value, found);
    }
    if (Array.isArray(value)) return value.map((v) => unwrap(v, found));
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, found)]));
    return value;
}

/** Plain properties, and the names of those that held a secret anywhere inside. */
export interface Unwrapped {
    readonly plain: Props;
    readonly secretNames: ReadonlySet<string>;
}

/** Unwraps every secret in `props` (a property bag from the engine). */
export function unwrapSecrets(props: Props | undefined): Unwrapped {
    const secretNames = new Set<string>();
    const plain: Props = {};
    for (const [name, value] of Object.entries(props ?? {})) {
        const found = { secret: false };
        plain[name] = unwrap(value, found);
        if (found.secret) secretNames.add(name);
    }
    return { plain, secretNames };
}

/** Wraps the properties named in `secretNames` as secrets; the others are returned as they are. */
export function wrapSecrets(props: Props, secretNames: Iterable<string>): Props {
    const wrapped: Props = { ...props };
    for (const name of secretNames) if (wrapped[name] !== undefined) wrapped[name] = { [SECRET_SIG_KEY]: SECRET_SIG, value: wrapped[name] };
    return wrapped;
}

/** A plain value of `value` (the config of a provider, one property), unwrapped if it was a secret. */
export function plainValue(value: unknown): unknown {
    return unwrap(value, { secret: false });
}

import * as fs from "fs";
import { isLeft } from "fp-ts/lib/Either";
import * as t from "io-ts";
import { InvalidArgumentError } from "../provider/api/errors/argument-error";
import { parseDurationSeconds } from "../provider/api/duration";
import { fileReadProblem } from "../provider/api/file-read-problem";
import { CertificateSpec, OrganizationSpec, ProjectSpec } from "./model";
import { SeedFileError } from "./seed-file-error";

export { SeedFileError } from "./seed-file-error";

const DurationCodec = t.union([t.string, t.number], "a duration such as \"20d\" or a number of days");
const UNIX_SECONDS = t.number;
const NAME = t.union([t.string, t.null], "a string or null");

const CertificateSpecCodec = t.partial({
    id: t.string,
    name: NAME,
    active: t.boolean,
    createdAt: UNIX_SECONDS,
    createdAgo: DurationCodec,
    validAt: UNIX_SECONDS,
    validAgo: DurationCodec,
    expiresAt: UNIX_SECONDS,
    expiresIn: DurationCodec,
    content: t.string,
    commonName: t.string,
    keyGroup: t.string,
});

const ProjectSpecCodec = t.partial({
    id: t.string,
    name: NAME,
    createdAt: UNIX_SECONDS,
    archived: t.boolean,
    certificates: t.readonlyArray(t.intersection([t.type({ id: t.string }), t.partial({ active: t.boolean })])),
});

/** The shape of a seed file; see `examples/seeds/` for samples. Fields it does not name are refused. */
export const OrganizationSpecCodec = t.partial({
    adminKey: t.string,
    certificates: t.readonlyArray(CertificateSpecCodec),
    projects: t.readonlyArray(ProjectSpecCodec),
});

// The codecs decode exactly the documented spec types of model.ts (which tests and users write
// by hand, with their docs): the compiler holds the two in step, so a field added to one and not the
// other fails the build.
type Agree<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;
const codecsAgreeWithSpecs: [
    Agree<t.TypeOf<typeof CertificateSpecCodec>, CertificateSpec>,
    Agree<t.TypeOf<typeof ProjectSpecCodec>, ProjectSpec>,
    Agree<t.TypeOf<typeof OrganizationSpecCodec>, OrganizationSpec>,
] = [true, true, true];
void codecsAgreeWithSpecs;

/**
 * Reads and checks a JSON seed file. Every error is a {@link SeedFileError} naming the file and the
 * field (`certificates[2].expiresIn`): a field of the wrong type, a duration that is not one, and a
 * field the codecs do not know (`expires_in` for `expiresIn`), which would otherwise be ignored and
 * leave a certificate without the expiry its author meant to give it.
 */
export function readSeedFile(file: string): OrganizationSpec {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new SeedFileError(file, undefined, fileReadProblem(error));
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        throw new SeedFileError(file, undefined, `is not valid JSON: ${(error as Error).message}`);
    }
    const unknown = unknownFields(OrganizationSpecCodec, json, "");
    if (unknown.length) {
        const [first] = unknown;
        const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more: ${unknown.slice(1, 4).map((u) => u.path).join(", ")}${unknown.length > 4 ? ", ..." : ""})` : "";
        throw new SeedFileError(file, first.path, `is not a field the fake knows${first.suggestion ? `; did you mean "${first.suggestion}"?` : `; known here: ${first.known.join(", ")}`}${more}`);
    }
    const result = OrganizationSpecCodec.decode(json);
    if (isLeft(result)) throw wrongType(file, result.left);
    checkDurations(file, result.right);
    return result.right;
}

/** A path into the JSON as people write it: `certificates[2].expiresIn`. */
function pathOf(keys: readonly string[]): string {
    return keys.reduce((path, key) => (/^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key), "");
}

/** A field the codec does not name, with the fields it does name there. */
interface UnknownField {
    readonly path: string;
    readonly known: readonly string[];
    readonly suggestion?: string;
}

/**
 * The fields of `value` that `codec` does not name, found by walking the codec itself (objects,
 * partials, intersections of them, arrays), so the list of known fields has one home: the codecs.
 * io-ts lets unknown fields through by design (a new API field must break nothing); a seed file is
 * ours, and an unknown field there is a typo.
 */
function unknownFields(codec: t.Mixed, value: unknown, path: string): UnknownField[] {
    if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) {
        return Array.isArray(value) ? value.flatMap((item, i) => unknownFields(codec.type, item, `${path}[${i}]`)) : [];
    }
    const props = propsOf(codec);
    if (props === undefined || value === null || typeof value !== "object" || Array.isArray(value)) return [];
    const known = Object.keys(props);
    const found: UnknownField[] = [];
    for (const [key, item] of Object.entries(value)) {
        const field = path ? `${path}.${key}` : key;
        if (!Object.prototype.hasOwnProperty.call(props, key)) {
            const suggestion = known.find((k) => squash(k) === squash(key));
            found.push({ path: field, known, ...(suggestion ? { suggestion } : {}) });
        } else {
            found.push(...unknownFields(props[key], item, field));
        }
    }
    return found;
}

/** The fields an object codec names, or undefined for a codec that is not an object. */
function propsOf(codec: t.Mixed): t.Props | undefined {
    if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) return codec.props as t.Props;
    if (codec instanceof t.IntersectionType) {
        const parts = (codec.types as t.Mixed[]).map(propsOf);
        return parts.every((p) => p !== undefined) ? Object.assign({}, ...parts) : undefined;
    }
    return undefined;
}

/** `expires_in`, `ExpiresIn` and `expires-in` all squash to `expiresin`: a likely misspelling. */
function squash(key: string): string {
    return key.toLowerCase().replace(/[_-]/g, "");
}

/** The first field of the wrong type, described by its kind and never quoted: a seed holds an admin key. */
function wrongType(file: string, errors: t.Errors): SeedFileError {
    const [error] = errors;
    const keys: string[] = [];
    error.context.forEach((entry, i) => {
        const parent = i > 0 ? error.context[i - 1].type : undefined;
        // Union and intersection members are not steps into the JSON; their keys are indexes of branches.
        if (i === 0 || parent instanceof t.UnionType || parent instanceof t.IntersectionType) return;
        keys.push(entry.key);
    });
    // The expectation is the field's own codec, not a branch of it.
    const own = error.context.slice(1).reverse().find((_entry, i, reversed) => {
        const parent = reversed[i + 1]?.type;
        return !(parent instanceof t.UnionType || parent instanceof t.IntersectionType);
    });
    const expected = own?.type ?? error.context[error.context.length - 1].type;
    return new SeedFileError(file, keys.length ? pathOf(keys) : undefined, `must be ${describeExpected(expected)}, got ${kindOf(error.value)}`);
}

function describeExpected(codec: t.Decoder<unknown, unknown>): string {
    if (codec instanceof t.StringType) return "a string";
    if (codec instanceof t.NumberType) return "a number (Unix seconds)";
    if (codec instanceof t.BooleanType) return "true or false";
    if (codec instanceof t.ArrayType) return "a list";
    if (propsOf(codec as t.Mixed) !== undefined) return "an object";
    return codec.name;
}

function kindOf(value: unknown): string {
    if (value === undefined) return "nothing";
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Each duration field (known as such by its codec) read now, so a bad one names its place in the file. */
function checkDurations(file: string, spec: t.TypeOf<typeof OrganizationSpecCodec>): void {
    const durationFields = Object.entries(CertificateSpecCodec.props).filter(([, codec]) => codec === DurationCodec).map(([key]) => key);
    (spec.certificates ?? []).forEach((certificate, i) => {
        for (const key of durationFields) {
            const value = (certificate as Record<string, unknown>)[key];
            if (value === undefined) continue;
            const field = `certificates[${i}].${key}`;
            try {
                parseDurationSeconds(value as string | number, field);
            } catch (error) {
                if (error instanceof InvalidArgumentError) throw new SeedFileError(file, field, error.problem);
                throw error;
            }
        }
    });
}

import { strict as assert } from "assert";
import { InvalidArgumentError } from "../../provider/api/errors";
import { CertificateSpec, FakeOpenAI, FakeOpenAIOptions, startFakeOpenAI } from "../../fake-api";
import { parseDurationSeconds } from "../../provider/api/duration";
import type { CertificateToEvaluate } from "../../provider/expiry/evaluate-expiry";

/** A fixed clock for fixtures: 2026-01-15T00:00:00Z, in Unix seconds. */
export const NOW_SECONDS = Date.UTC(2026, 0, 15) / 1000;
export const NOW = new Date(NOW_SECONDS * 1000);

/** A day and an hour in seconds, for times relative to {@link NOW_SECONDS}: `NOW_SECONDS + 5 * DAY`. */
export const DAY = 86_400;
export const HOUR = 3_600;

/** A recognisable key: any test that finds it in output has found a leak. */
export const LEAK_CANARY_KEY = "sk-admin-CANARY-7f3a9c1e5b2d4068a1c3e5f7";

/**
 * `n` certificate specs with distinct creation times one hour apart (oldest first) and expiries
 * spread over the next year, so both orders are well defined.
 */
export function certificateSpecs(n: number, overrides: Partial<CertificateSpec> = {}): CertificateSpec[] {
    return Array.from({ length: n }, (_, i) => ({
        id: `cert_${String(i).padStart(5, "0")}`,
        name: `cert-${i}`,
        createdAt: NOW_SECONDS - (n - i) * HOUR,
        expiresAt: NOW_SECONDS + 30 * DAY + i * HOUR,
        ...overrides,
    }));
}

/**
 * The one certificate builder of the fake API's seeds: a certificate named `name` (id `cert_<name>`,
 * dashes as underscores), expiring `days` days after `now` ({@link NOW_SECONDS} unless a test runs
 * on the real clock, as the end-to-end tier does), created 100 days before (less a second per
 * letter of its name, so certificates seeded together list in a fixed order); `extra` overrides any
 * field. (`cert` builds what the evaluation takes, not a seed.)
 *
 * @example
 * ```ts
 * api().setState({ certificates: [namedCertificate("gateway", 90), namedCertificate("edge", 20)] });
 * ```
 */
export function namedCertificate(name: string, days: number, extra: Partial<CertificateSpec> = {}, now: number = NOW_SECONDS): CertificateSpec {
    return {
        id: `cert_${name.replace(/-/g, "_")}`,
        name,
        createdAt: now - 100 * DAY - name.length,
        expiresAt: now + days * DAY,
        ...extra,
    };
}

/**
 * Starts a fake API before each test of the enclosing `describe` and closes it after; returns a
 * getter for the running instance.
 */
export function useFakeApi(options: () => FakeOpenAIOptions = () => ({})): () => FakeOpenAI {
    let api: FakeOpenAI | undefined;
    beforeEach(async () => {
        api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, nowSeconds: NOW_SECONDS, ...options() });
    });
    afterEach(async () => {
        await api?.close();
        api = undefined;
    });
    return () => {
        assert.ok(api, "fake API not started");
        return api;
    };
}

/** Awaits `promise` and returns what it rejected with; fails the test if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
        return error;
    }
    assert.fail("expected the promise to reject, but it resolved");
}

/**
 * Asserts the canary key appears nowhere in a value: message, stack, own properties or cause of an
 * error, any string inside an object. Nowhere means in no form the redactor promises to remove: the
 * key in any case, any 12 characters of its secret part, and its base64 at any alignment.
 */
export function assertNoKeyIn(value: unknown, key: string = LEAK_CANARY_KEY): void {
    const seen = new Set<unknown>();
    const texts: string[] = [];
    const walk = (v: unknown) => {
        if (v === null || v === undefined || seen.has(v)) return;
        if (typeof v === "string") return void texts.push(v);
        if (typeof v !== "object") return void texts.push(String(v));
        seen.add(v);
        if (v instanceof Error) {
            texts.push(v.message, v.stack ?? "");
            walk((v as { cause?: unknown }).cause);
        }
        for (const k of Object.getOwnPropertyNames(v)) walk((v as Record<string, unknown>)[k]);
    };
    walk(value);
    const forms = keyForms(key);
    for (const text of texts) {
        const lower = text.toLowerCase();
        for (const form of forms) assert.ok(!lower.includes(form), `the admin key (as ${JSON.stringify(form)}) leaked in: ${text.slice(0, 200)}`);
    }
}

/** The key, each 12-character run of its secret part, and 16 characters of its base64 at each alignment, lower-cased. */
function keyForms(key: string): string[] {
    const secretPart = key.replace(/^sk-(admin-|proj-)?/, "");
    const forms = [key.toLowerCase()];
    for (let i = 0; i + 12 <= secretPart.length; i++) forms.push(secretPart.slice(i, i + 12).toLowerCase());
    for (const pad of ["", "x", "xx"]) forms.push(Buffer.from(pad + secretPart).toString("base64").slice(8, 24).toLowerCase());
    return forms;
}

/** A sleep that records the waits asked for and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
    const waits: number[] = [];
    return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/**
 * The one builder of in-memory certificates (the domain `Certificate`, as the evaluation, the gates
 * and `mergeUsage` take it), with times relative to {@link NOW_SECONDS}; `fields` sets any field
 * as it is (an absolute `createdAt`, another `object`, the organization-wide view's fields).
 *
 * @example
 * ```ts
 * cert({ name: "gateway", expiresIn: "5d" });
 * cert({ id: "cert_a", validIn: null }, { object: "organization.project.certificate", createdAt: 10 });
 * ```
 */
export function cert(
    spec: {
        id?: string;
        name?: string | null;
        active?: boolean;
        /** Seconds or a duration string from NOW; omit for no expiry. */
        expiresIn?: string | number;
        /** When it becomes valid, relative to NOW (negative = in the past); `null` for no `validAt`. @default "-30d" */
        validIn?: string | number | null;
        activeAnywhere?: boolean;
        activeProjectIds?: string[];
    },
    fields: Partial<Record<keyof CertificateToEvaluate, unknown>> & Record<string, unknown> = {},
): CertificateToEvaluate {
    const offset = (d: string | number) => (typeof d === "number" ? d : parseDurationSeconds(d, "fixture"));
    const id = spec.id ?? `cert_${Math.random().toString(36).slice(2, 10)}`;
    const validIn = spec.validIn === undefined ? "-30d" : spec.validIn;
    return {
        id,
        object: "organization.certificate",
        name: spec.name === undefined ? id.replace("cert_", "cert-") : spec.name,
        active: spec.active ?? true,
        createdAt: NOW_SECONDS - 60 * DAY,
        ...(validIn !== null ? { validAt: NOW_SECONDS + offset(validIn) } : {}),
        ...(spec.expiresIn !== undefined ? { expiresAt: NOW_SECONDS + offset(spec.expiresIn) } : {}),
        ...(spec.activeAnywhere !== undefined ? { activeAnywhere: spec.activeAnywhere } : {}),
        ...(spec.activeProjectIds ? { activeProjectIds: spec.activeProjectIds } : {}),
        ...fields,
    } as CertificateToEvaluate;
}

/**
 * A clock that only moves when slept on: `sleep` records the wait and advances `now` by it, so
 * code that waits for a point in time (the request gate) sees it arrive at once.
 */
export function fakeClock(startMs: number = NOW_SECONDS * 1000): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
    let current = startMs;
    const waits: number[] = [];
    return {
        waits,
        now: () => current,
        sleep: async (ms: number) => {
            waits.push(ms);
            current += ms;
        },
    };
}

/** Seeded randomness for fault probabilities and jitter. */
export { seededRandom } from "../../fake-api";

/** An organization of `projects` projects, each with a few of `certificates` attached in turn. */
export function organizationSpec(options: { certificates: number; projects: number; perProject?: number; archived?: number }): import("../../fake-api").OrganizationSpec {
    const certs = certificateSpecs(options.certificates);
    const per = options.perProject ?? 3;
    return {
        certificates: certs,
        projects: Array.from({ length: options.projects }, (_, p) => ({
            id: `proj_${String(p).padStart(4, "0")}`,
            name: `project-${p}`,
            createdAt: NOW_SECONDS - 1000 + p,
            archived: p < (options.archived ?? 0),
            certificates: Array.from({ length: Math.min(per, certs.length) }, (_, k) => ({ id: certs[(p * per + k) % certs.length].id!, active: (p + k) % 2 === 0 })),
        })),
    };
}

/** Matches an InvalidArgumentError about `argument`, for `assert.throws`. */
export function invalidArgument(argument: string) {
    return (e: unknown): boolean =>
        e instanceof InvalidArgumentError && e.code === "invalid_argument" && e.argument === argument && e.message.includes(argument);
}

/**
 * The inputs a provider's `check` failures name, read from their reasons (`Invalid argument "name":
 * ...`). Every failure must name no property, or the engine prints the refused value beside it.
 */
export function failedArguments(failures: ReadonlyArray<{ property: string; reason: string }> | undefined): string[] {
    return (failures ?? []).map((f) => {
        assert.equal(f.property, "", `a check failure names the property ${f.property}: the engine would print its value`);
        return /^Invalid argument "([^"]+)"/.exec(f.reason)?.[1] ?? "";
    });
}

/** Certificate names that try to break out of their line: control characters and CI workflow commands. */
export const HOSTILE_NAMES: readonly string[] = [
    "::error::Deploy approved",
    "gateway\n::error file=main.ts,line=1::pwned",
    "  ::add-mask::everything",
    "\x1b[2J\x1b[31mred\x1b[0m",
    "bell\x07and\x00nul",
    "c1-csi\u009b31m",
    "line\u2028separator",
    "legacy##[error]v1 command",
    "carriage\roverwrite",
    "bidi\u202eevil",
];

/**
 * Asserts that human-readable `text` is safe for a terminal and a CI log: no control character but
 * the line breaks, no line that starts a GitHub Actions workflow command, no legacy `##[` command.
 */
export function assertSafeForLogs(text: string): void {
    for (const line of text.split("\n")) {
        assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/, `a control character in: ${JSON.stringify(line)}`);
        assert.doesNotMatch(line, /^\s*::/, `a workflow command in: ${JSON.stringify(line)}`);
        assert.ok(!line.includes("##["), `a legacy workflow command in: ${JSON.stringify(line)}`);
    }
}

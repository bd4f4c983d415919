import { describeSpan, Duration, parseDurationSeconds } from "../api/duration";
import { InvalidArgumentError } from "../api/errors/argument-error";
import { booleanIn } from "../api/option-checks";
import { compileGlob } from "../api/glob";
import { assertKnownKeys } from "../api/arguments";

/**
 * A deliberate, time-boxed exception: a certificate the gate should not fail on, with the reason
 * recorded. Match by `id`, or by `name` with `*` and `?` wildcards (a pattern of wildcards alone, which
 * would exempt everything, is refused).
 */
export interface Exemption {
    /** The certificate id to exempt, such as `cert_abc`. */
    id?: string;
    /** A name or name glob, such as `legacy-*`. */
    name?: string;
    /** Why this certificate may be near expiry; shown in every report. Required. */
    reason: string;
    /** ISO date or date-time after which the exemption no longer applies, such as `2026-03-01`. Required. */
    until: string;
}

/** Options of the expiry evaluation and of both gates. */
export interface ExpiryOptions {
    /**
     * The time to judge against.
     * @default the current time, read once
     */
    now?: Date;
    /**
     * Warn when an active certificate expires within this span: `"30d"`, `"36h"`, or a number of days.
     * @default "30d"
     */
    warnWithin?: Duration;
    /**
     * Fail when an active certificate expires within this span. Must be less than `warnWithin`.
     * @default "14d"
     */
    failWithin?: Duration;
    /**
     * Judge inactive certificates too, instead of skipping them.
     * @default false
     */
    includeInactive?: boolean;
    /** Certificates not to fail on, each with a reason and an end date. @default [] */
    exemptions?: readonly Exemption[];
    /**
     * Fail, instead of warn, on an active certificate whose expiry the API does not give.
     * @default false
     */
    failOnUnknown?: boolean;
    /**
     * What a renewal is: an active certificate that would warn or fail while another certificate,
     * active where it is or at the organization, has the same subject and public key and is outside the
     * fail threshold (client certificates it signed verify against that successor). `"pass"`: its
     * state is `renewed`, which neither warns nor fails, except once expired (it warns: deactivate and
     * delete it). `"warn"`: `renewed`, and it warns. `"judge"`: no renewal detection, judged as any
     * certificate (the message still names a successor). Needs `subject` and `publicKeySha256` on the
     * certificates (a `Certificates` resource and `openai-certs check` read them).
     * @default "pass"
     */
    renewals?: RenewalsMode;
}

/** How renewals are judged; see {@link ExpiryOptions.renewals}. */
export type RenewalsMode = "pass" | "warn" | "judge";

/** Every {@link RenewalsMode}, for the policy schema and the command line. */
export const RENEWALS_MODES: readonly RenewalsMode[] = ["pass", "warn", "judge"];

/** The default of {@link ExpiryOptions.renewals}. */
export const DEFAULT_RENEWALS: RenewalsMode = "pass";

/** Checks a `renewals` option and applies its default; throws {@link InvalidArgumentError} naming `renewals`. */
export function renewalsModeOf(value: unknown): RenewalsMode {
    if (value === undefined) return DEFAULT_RENEWALS;
    if (typeof value === "string" && (RENEWALS_MODES as readonly string[]).includes(value)) return value as RenewalsMode;
    throw new InvalidArgumentError("renewals", `must be one of ${RENEWALS_MODES.map((m) => `"${m}"`).join(", ")}, got ${typeof value === "string" ? "another string" : typeof value}`);
}

/** The defaults, in one place for the docs, the policy schema and the command line. */
export const DEFAULT_WARN_WITHIN = "30d";
export const DEFAULT_FAIL_WITHIN = "14d";

/** A checked exemption, ready to match. */
export interface ResolvedExemption {
    readonly id?: string;
    readonly name?: string;
    readonly reason: string;
    readonly until: string;
    readonly untilSeconds: number;
    readonly matches: (certificate: { id: string; name: string | null }) => boolean;
}

/** {@link ExpiryOptions} checked, with defaults applied and durations in seconds. */
export interface ResolvedExpiryOptions {
    readonly nowSeconds: number;
    readonly warnWithinSeconds: number;
    readonly failWithinSeconds: number;
    readonly includeInactive: boolean;
    readonly failOnUnknown: boolean;
    readonly exemptions: readonly ResolvedExemption[];
    readonly renewals: RenewalsMode;
}

const KNOWN_OPTIONS: readonly (keyof ExpiryOptions)[] = ["now", "warnWithin", "failWithin", "includeInactive", "exemptions", "failOnUnknown", "renewals"];
const KNOWN_EXEMPTION_KEYS: readonly (keyof Exemption)[] = ["id", "name", "reason", "until"];

/** Checks expiry options and applies defaults; throws {@link InvalidArgumentError} naming the bad one. */
export function resolveExpiryOptions(options: ExpiryOptions = {}): ResolvedExpiryOptions {
    assertKnownKeys(options, KNOWN_OPTIONS, "the expiry options");
    const now = options.now ?? new Date();
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new InvalidArgumentError("now", "must be a valid Date");

    const warnWithinSeconds = parseDurationSeconds(options.warnWithin ?? DEFAULT_WARN_WITHIN, "warnWithin");
    const failWithinSeconds = parseDurationSeconds(options.failWithin ?? DEFAULT_FAIL_WITHIN, "failWithin");
    if (warnWithinSeconds < 0) throw new InvalidArgumentError("warnWithin", "must not be negative");
    if (failWithinSeconds < 0) throw new InvalidArgumentError("failWithin", "must not be negative");
    if (warnWithinSeconds <= failWithinSeconds) {
        throw new InvalidArgumentError(
            "warnWithin",
            `must be longer than failWithin (${describeSpan(warnWithinSeconds)} is not longer than ${describeSpan(failWithinSeconds)}), ` +
                "or warnings would never come before failures",
        );
    }
    return {
        nowSeconds: Math.floor(now.getTime() / 1000),
        warnWithinSeconds,
        failWithinSeconds,
        includeInactive: booleanIn("includeInactive", options.includeInactive, false),
        failOnUnknown: booleanIn("failOnUnknown", options.failOnUnknown, false),
        exemptions: resolveExemptions(options.exemptions ?? []),
        renewals: renewalsModeOf(options.renewals),
    };
}

/** Checks exemptions: each needs an id or name, a reason and a valid `until`. */
export function resolveExemptions(exemptions: readonly Exemption[]): ResolvedExemption[] {
    if (!Array.isArray(exemptions)) throw new InvalidArgumentError("exemptions", "must be a list of { id or name, reason, until }");
    return exemptions.map((exemption, i) => {
        const where = `exemptions[${i}]`;
        if (exemption === null || typeof exemption !== "object") throw new InvalidArgumentError(where, "must be an object");
        assertKnownKeys(exemption, KNOWN_EXEMPTION_KEYS, where);
        const { id, name, reason, until } = exemption;
        if (id === undefined && name === undefined) throw new InvalidArgumentError(where, "needs an id or a name");
        if (id !== undefined && (typeof id !== "string" || id.trim() === "")) throw new InvalidArgumentError(`${where}.id`, "must be a non-empty string");
        if (name !== undefined) {
            if (typeof name !== "string" || name.trim() === "") throw new InvalidArgumentError(`${where}.name`, "must be a non-empty string");
            if (/^[*?]+$/.test(name)) {
                throw new InvalidArgumentError(`${where}.name`, `"${name}" would exempt every certificate; name the certificates, such as "legacy-*"`);
            }
        }
        if (typeof reason !== "string" || reason.trim() === "") throw new InvalidArgumentError(`${where}.reason`, "is required: say why this certificate may expire");
        const untilSeconds = parseIsoInstant(until, `${where}.until`).getTime() / 1000;
        const matchesName = name === undefined ? undefined : compileGlob(name);
        return {
            ...(id !== undefined ? { id } : {}),
            ...(name !== undefined ? { name } : {}),
            reason,
            until: until.trim(),
            untilSeconds,
            matches: (c: { id: string; name: string | null }) =>
                (id === undefined || c.id === id) && (matchesName === undefined || (c.name !== null && matchesName(c.name))),
        };
    });
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses an ISO date (`2026-03-01`, meaning 00:00 UTC that day) or date-time with its zone
 * (`2026-03-01T12:00:00Z`, `...+02:00`). A date-time without a zone is refused: `Date` would read it
 * in the machine's local time, and the same exemption would then hold on one CI runner and lapse on
 * another. Dates that do not exist (`2026-02-30`) are refused rather than rolled over.
 */
export function parseIsoInstant(text: unknown, argument: string): Date {
    const problem = `must be an ISO date such as "2026-03-01" (00:00 UTC) or a date-time with its zone such as "2026-03-01T12:00:00Z", got ${JSON.stringify(text)}`;
    const match = typeof text === "string" ? ISO_INSTANT.exec(text.trim()) : null;
    if (!match) throw new InvalidArgumentError(argument, problem);
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const calendar = new Date(Date.UTC(year, month - 1, day));
    const instant = new Date(Date.parse((text as string).trim()));
    if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || Number.isNaN(instant.getTime())) {
        throw new InvalidArgumentError(argument, `${problem}: no such date`);
    }
    return instant;
}

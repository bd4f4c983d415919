import { Certificate } from "../api/certificate";
import { booleanIn } from "../api/option-checks";
import { LIST_SETTING_NAMES, ListSettings, ListSettingsArgs, resolveListSettings } from "../api/list-settings";
import { InvalidArgumentError } from "../api/errors/argument-error";
import { UsageReadOptions, usageConcurrencyOf } from "../api/certificate-usage";

/** The engine's wire value for "not known yet" (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What to do when the certificate list cannot be read. */
export type OnReadError = "fail" | "warn";

/**
 * The inputs of a `Certificates` resource, as its provider receives them: plain values, where the
 * program's `CertificatesArgs` holds `pulumi.Input`s.
 */
export interface CertificatesResourceInputs extends ListSettingsArgs, UsageReadOptions {
    /** Keep only certificates whose name matches this glob (`*`, `?`), such as `gateway-*`. @default every name */
    namePattern?: string;
    /** Keep only certificates active in the scope. @default false */
    activeOnly?: boolean;
    /**
     * When the list cannot be read: `fail` fails preview and up with the typed error; `warn` stores an
     * empty list and the error in `readError`, and the policy pack reports it as advisory.
     * @default "fail"
     */
    onReadError?: OnReadError;
    /**
     * Hold the organization-wide view: every project's list is read too, and each certificate carries
     * `activeAnywhere`, `activeProjectIds` and `projects`. The gate then judges `activeAnywhere`.
     * Not with `projectId`; `includeArchived` applies to it alone (`concurrency` also bounds the
     * reads of each active certificate's content, for renewals). @default false
     */
    allProjects?: boolean;
}

/** @deprecated Renamed {@link CertificatesResourceInputs} in 0.2.0, so it is not mistaken for the evaluation's `CertificatesInput`. */
export type CertificatesInputs = CertificatesResourceInputs;

/** Inputs checked, with defaults applied: the query part of the resource's state. */
export interface ResolvedCertificatesQuery extends ListSettings {
    namePattern?: string;
    activeOnly: boolean;
    onReadError: OnReadError;
    allProjects: boolean;
    includeArchived: boolean;
    concurrency: number;
}

/** The input names the resource accepts. */
export const CERTIFICATES_INPUT_NAMES: readonly (keyof CertificatesResourceInputs)[] = [
    ...LIST_SETTING_NAMES,
    "namePattern",
    "activeOnly",
    "onReadError",
    "allProjects",
    "includeArchived",
    "concurrency",
];

/**
 * The checked-inputs property in which `check` lists the inputs that are unknown during preview, as
 * known data: a policy can read it without touching an unknown value.
 */
export const UNKNOWN_INPUTS_PROPERTY = "unknownInputs";

/** The inputs that are still unknown (values computed by another resource, during preview), in declaration order. */
export function unknownInputNames(news: Record<string, unknown>): string[] {
    return CERTIFICATES_INPUT_NAMES.filter((name) => containsUnknown(news[name]));
}

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/**
 * Checks the inputs and applies defaults. `fallbackBaseUrl` is the stack config or environment value
 * used when the input is absent. Throws {@link InvalidArgumentError} naming the input.
 */
export function resolveCertificatesQuery(news: Record<string, unknown>, fallbackBaseUrl: string): ResolvedCertificatesQuery {
    const list = resolveListSettings(news, fallbackBaseUrl);
    const namePattern = news.namePattern ?? undefined;
    if (namePattern !== undefined && (typeof namePattern !== "string" || namePattern === "")) {
        throw new InvalidArgumentError("namePattern", "must be a non-empty glob such as \"gateway-*\"");
    }
    const activeOnly = booleanIn("activeOnly", news.activeOnly ?? undefined, false);
    const onReadError = news.onReadError ?? "fail";
    if (onReadError !== "fail" && onReadError !== "warn") {
        throw new InvalidArgumentError("onReadError", `must be "fail" or "warn", got ${JSON.stringify(onReadError)}`);
    }
    const allProjects = booleanIn("allProjects", news.allProjects ?? undefined, false);
    if (allProjects && list.projectId !== undefined) {
        throw new InvalidArgumentError("allProjects", "reads every project; leave projectId out, or set allProjects to false");
    }
    return {
        ...list,
        ...(namePattern !== undefined ? { namePattern } : {}),
        activeOnly,
        onReadError,
        allProjects,
        includeArchived: booleanIn("includeArchived", news.includeArchived ?? undefined, false),
        concurrency: usageConcurrencyOf(news.concurrency ?? undefined),
    };
}

/** A read failure recorded in the state when `onReadError` is `warn`. */
export interface ReadError {
    code: string;
    message: string;
}

/** The resource's state: the resolved query, the certificates, and a read error when one was tolerated. */
export interface CertificatesState extends ResolvedCertificatesQuery {
    certificates: Certificate[];
    readError?: ReadError;
    /** When the list was read (ISO-8601 UTC); absent when it could not be read, and in states stored before it existed. */
    readAt?: string;
}

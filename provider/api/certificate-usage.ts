import { Certificate } from "./certificate";
import { SortOrder } from "./certificates-query";
import { CertificateQuery, CertificatesClient, certificatesClientWithin } from "./client";
import { ClientOptions, clientIntegerOption } from "./client-options";
import { ListByteBudget } from "./list-byte-budget";
import { integerIn } from "./option-checks";
import { isoFromUnixSeconds as iso } from "./iso-time";
import { Project } from "./project";

/** Reads projects at once, by default: enough to hide latency, gentle on the API's rate limits. */
export const DEFAULT_USAGE_CONCURRENCY = 8;
/** The fewest projects read at once. */
export const MIN_USAGE_CONCURRENCY = 1;
/** The most projects read at once: more would only meet the API's rate limits sooner. */
export const MAX_USAGE_CONCURRENCY = 64;

/**
 * Checks a `concurrency` option ({@link MIN_USAGE_CONCURRENCY} to {@link MAX_USAGE_CONCURRENCY}) and
 * applies its default; the one rule for the API layer, the data source and the `Certificates` resource.
 * Throws an `InvalidArgumentError` naming `concurrency`.
 */
export function usageConcurrencyOf(value: unknown): number {
    return integerIn("concurrency", value, DEFAULT_USAGE_CONCURRENCY, MIN_USAGE_CONCURRENCY, MAX_USAGE_CONCURRENCY);
}

/** Where a certificate is attached in one project, and whether it is active there. */
export interface ProjectAttachment {
    readonly id: string;
    readonly name: string | null;
    readonly active: boolean;
}

/**
 * A certificate with where it is in use: the organization list's fields, plus its state in every
 * project that lists it. `active` is the organization-level flag, as in the organization list.
 * When the lists disagree on its dates, `expiresAt` is the earliest expiry any of them gives and
 * `validAt` the latest start of validity, and `expiryDisagreement` says who said what.
 */
export interface CertificateUsage extends Certificate {
    /** Active at the organization level. */
    readonly activeInOrganization: boolean;
    /** Projects where it is active. */
    readonly activeProjectIds: string[];
    /** Active in the organization or in any project: what clients may depend on. */
    readonly activeAnywhere: boolean;
    /** Every project that lists it, active or not. */
    readonly projects: ProjectAttachment[];
    /**
     * Present when the organization list and the project lists (or two project lists) give it
     * different dates: which list said what, for the finding that judges it.
     */
    readonly expiryDisagreement?: string;
}

/** Progress of an organization-wide read. */
export interface UsageProgress {
    /**
     * `project-certificates` while projects are read, `done` once (with every project read). Since
     * 0.2.0 nothing is reported before the project list is read, so `organization` and `projects`
     * never occur; they stay in the type so that code comparing with them compiles.
     */
    readonly stage: "organization" | "projects" | "project-certificates" | "done";
    /** Pages read so far, of every list. */
    readonly pagesRead: number;
    /** Projects whose certificate list is complete. */
    readonly projectsDone: number;
    /** Projects to read (known once the project list is read). */
    readonly projectsTotal: number;
}

/**
 * How the organization-wide view reads the projects: declared once for {@link listCertificateUsage},
 * `getCertificateUsage` and the `Certificates` resource (with `allProjects`).
 */
export interface UsageReadOptions {
    /** Read archived projects too. @default false */
    includeArchived?: boolean;
    /** Projects read at the same time, 1 to 64 ({@link MIN_USAGE_CONCURRENCY} to {@link MAX_USAGE_CONCURRENCY}). @default 8 ({@link DEFAULT_USAGE_CONCURRENCY}) */
    concurrency?: number;
}

/** Options of {@link listCertificateUsage}. */
export interface CertificateUsageOptions extends ClientOptions, UsageReadOptions, Omit<CertificateQuery, "projectId"> {
    /**
     * Called with the counts of projects read: first `0/N` once the project list is read (so the
     * total is known from the first call), then once per project done, the last time as `N/N` with
     * stage `done`. No two calls carry the same counts; an organization without projects gets one
     * call, `0/0` `done`. `pagesRead` is as of that moment. Nothing is reported after a failure.
     */
    onProgress?: (progress: UsageProgress) => void;
}

/** The organization-wide view. */
export interface CertificateUsageList {
    readonly certificates: CertificateUsage[];
    /** The projects that were read. */
    readonly projects: Project[];
}

/**
 * Reads the organization's certificates, every project, and every project's certificates, and says
 * for each certificate where it is active. A certificate deactivated at the organization level but
 * active in a project is still in use: `activeAnywhere` says so.
 *
 * Projects are read `concurrency` at a time through one client, so a Retry-After from the server
 * pauses all of them. The response bodies of every list it reads count against one `maxListBytes`.
 * Any failure fails the whole read: never a partial view.
 *
 * @example
 * ```ts
 * const usage = await listCertificateUsage({ adminKey, onProgress: (p) => console.error(p.projectsDone) });
 * const inUse = usage.certificates.filter((c) => c.activeAnywhere);
 * ```
 */
export async function listCertificateUsage(options: CertificateUsageOptions): Promise<CertificateUsageList> {
    const concurrency = usageConcurrencyOf(options.concurrency);
    // One failure fails the read: this stops every other request in flight and every retry, so
    // nothing keeps running (or reporting progress) after the caller has the error.
    const stop = new AbortController();
    const onCallerAbort = () => stop.abort();
    options.signal?.addEventListener("abort", onCallerAbort, { once: true });
    if (options.signal?.aborted) stop.abort();
    // Each list is bounded on its own, and all of them together by the same number: the view holds
    // every project's list at once, so a bound per list alone would grow with the project count.
    const view = new ListByteBudget("the organization-wide view", clientIntegerOption("maxListBytes", options.maxListBytes));
    const client = certificatesClientWithin({ ...options, signal: stop.signal }, view);
    try {
        return await readUsage(client, options, concurrency, stop);
    } finally {
        options.signal?.removeEventListener("abort", onCallerAbort);
    }
}

async function readUsage(client: CertificatesClient, options: CertificateUsageOptions, concurrency: number, stop: AbortController): Promise<CertificateUsageList> {
    const order = options.order ?? "desc";
    const pageSize = options.pageSize;
    let pagesRead = 0;
    let projectsDone = 0;
    let projectsTotal = 0;
    let failed = false;
    // A caller shows the counts ("3/40 projects"). Reporting before the project list was read gave
    // 0/0 before 0/1, and the last project and "done" both gave 1/1 (issue 23, item 13): the first
    // report waits for the total, and the last project's is the "done" one.
    const report = (stage: UsageProgress["stage"]) => {
        if (!failed) options.onProgress?.({ stage, pagesRead, projectsDone, projectsTotal });
    };
    const failWith = (error: unknown): never => {
        failed = true;
        stop.abort();
        throw error;
    };

    // The organization list and the project list do not depend on each other: read both at once.
    const readAll = async <T>(pages: AsyncIterable<{ items: readonly T[] }>): Promise<T[]> => {
        const all: T[] = [];
        for await (const page of pages) {
            all.push(...page.items);
            pagesRead += 1;
        }
        return all;
    };
    const [organizationCertificates, projects] = await Promise.all([
        readAll(client.certificatePages({ order, pageSize })).catch(failWith),
        readAll(client.projectPages({ includeArchived: options.includeArchived, pageSize })).catch(failWith),
    ]);
    projectsTotal = projects.length;
    if (projectsTotal > 0) report("project-certificates");

    const perProject = new Array<Certificate[]>(projects.length);
    let next = 0;
    const worker = async () => {
        try {
            while (!failed && next < projects.length) {
                const index = next++;
                perProject[index] = await readAll(client.certificatePages({ projectId: projects[index].id, order, pageSize }));
                projectsDone += 1;
                if (projectsDone < projectsTotal) report("project-certificates");
            }
        } catch (error) {
            // The first failure is the caller's error; the others are the aborts it caused.
            failWith(error);
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, projects.length) }, worker));

    const certificates = mergeUsage(organizationCertificates, projects, perProject, order);
    report("done");
    return { certificates, projects };
}

/**
 * Joins the organization list with each project's list. Pure. A certificate that a project lists but
 * the organization list does not (uploaded between the two reads) is kept, as inactive there. When
 * the lists give a certificate different dates, it is judged by the earliest expiry and the latest
 * start of validity among them (the stricter reading), and `expiryDisagreement` notes it.
 */
export function mergeUsage(organization: readonly Certificate[], projects: readonly Project[], perProject: readonly (readonly Certificate[])[], order: SortOrder): CertificateUsage[] {
    const attachments = new Map<string, ProjectAttachment[]>();
    const datesSeen = new Map<string, DatesSeen[]>();
    const extra = new Map<string, Certificate>();
    const known = new Set(organization.map((c) => c.id));
    for (const cert of organization) datesSeen.set(cert.id, [{ where: "the organization list", validAt: cert.validAt, expiresAt: cert.expiresAt }]);
    projects.forEach((project, i) => {
        for (const cert of perProject[i]) {
            const list = attachments.get(cert.id) ?? [];
            list.push({ id: project.id, name: project.name, active: cert.active });
            attachments.set(cert.id, list);
            const seen = datesSeen.get(cert.id) ?? [];
            seen.push({ where: `project ${project.id}`, validAt: cert.validAt, expiresAt: cert.expiresAt });
            datesSeen.set(cert.id, seen);
            if (!known.has(cert.id) && !extra.has(cert.id)) extra.set(cert.id, { ...cert, object: "organization.certificate", active: false });
        }
    });
    const all = [...organization, ...extra.values()];
    if (extra.size) all.sort((a, b) => (order === "asc" ? 1 : -1) * (a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    return all.map((cert) => {
        const attached = attachments.get(cert.id) ?? [];
        const activeProjectIds = attached.filter((a) => a.active).map((a) => a.id);
        return {
            ...cert,
            ...reconcileDates(datesSeen.get(cert.id) ?? []),
            activeInOrganization: cert.active,
            activeProjectIds,
            activeAnywhere: cert.active || activeProjectIds.length > 0,
            projects: attached,
        };
    });
}

/** The dates one list gave a certificate. */
interface DatesSeen {
    readonly where: string;
    readonly validAt?: number;
    readonly expiresAt?: number;
}

/** Lists named in a disagreement note before the rest are counted. */
const NAMED_SOURCES = 3;

/**
 * Nothing when every list gave the same dates; otherwise the stricter dates (earliest expiry, latest
 * start of validity; a list without a date gives none to judge) and a note grouping the lists by
 * what they said: `the organization list: expires ...; project proj_a: expires ...`.
 */
function reconcileDates(seen: readonly DatesSeen[]): Pick<CertificateUsage, "validAt" | "expiresAt" | "expiryDisagreement"> {
    const describe = (d: DatesSeen, withValidity: boolean) =>
        [...(withValidity ? [d.validAt === undefined ? "no start of validity" : `valid from ${iso(d.validAt)}`] : []), d.expiresAt === undefined ? "no expiry date" : `expires ${iso(d.expiresAt)}`].join(", ");
    const validities = new Set(seen.map((d) => d.validAt));
    const expiries = new Set(seen.map((d) => d.expiresAt));
    if (validities.size <= 1 && expiries.size <= 1) return {};
    const groups = new Map<string, string[]>();
    for (const d of seen) {
        const said = describe(d, validities.size > 1);
        groups.set(said, [...(groups.get(said) ?? []), d.where]);
    }
    const named = (where: string[]) => (where.length <= NAMED_SOURCES ? where.join(", ") : `${where.slice(0, NAMED_SOURCES).join(", ")} and ${where.length - NAMED_SOURCES} more`);
    // A loop, not Math.min(...values): a certificate may be listed by more projects than a call has arguments.
    let expiresAt: number | undefined;
    let validAt: number | undefined;
    for (const d of seen) {
        if (d.expiresAt !== undefined && (expiresAt === undefined || d.expiresAt < expiresAt)) expiresAt = d.expiresAt;
        if (d.validAt !== undefined && (validAt === undefined || d.validAt > validAt)) validAt = d.validAt;
    }
    return {
        ...(validAt !== undefined ? { validAt } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        expiryDisagreement:
            `its lists disagree on its dates (${[...groups].map(([said, where]) => `${named(where)}: ${said}`).join("; ")}); ` +
            "judged by the earliest expiry and the latest start of validity",
    };
}

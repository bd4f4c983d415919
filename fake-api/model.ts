import { Duration, parseDurationSeconds } from "../provider/api/duration";

/** A certificate as the fake API stores it. Times are Unix seconds. */
export interface FakeCertificate {
    id: string;
    name: string | null;
    createdAt: number;
    validAt?: number;
    expiresAt?: number;
    /** Active at the organization level. */
    active: boolean;
    /**
     * PEM text returned by `GET /organization/certificates/{id}?include[]=content`: the uploaded PEM,
     * the seed's `content`, or, for a seeded certificate without one, a certificate minted at its first
     * read (its subject `CN=commonName`, its dates, the key of its `keyGroup`) and kept from then on.
     */
    content?: string;
    /** The common name of the minted certificate's subject. @default the name, else the id */
    commonName?: string;
    /** Certificates of the same key group are minted with the same key pair. @default the id (a key of its own) */
    keyGroup?: string;
}

/** A project and the certificates attached to it. */
export interface FakeProject {
    id: string;
    name: string | null;
    createdAt: number;
    archivedAt?: number | null;
    /** Certificate id -> active at this project's level. */
    certificates: Record<string, boolean>;
}

/** Everything the fake API serves. */
export interface FakeOrganizationState {
    certificates: FakeCertificate[];
    projects: FakeProject[];
}

/**
 * How a test or seed file describes a certificate. Relative times (`expiresIn: "5d"`,
 * `createdAgo: "90d"`) are resolved against the clock the seed is applied with; absolute ones are
 * Unix seconds. Leave `expiresAt` and `expiresIn` both out for a certificate with no expiry.
 */
export interface CertificateSpec {
    id?: string;
    name?: string | null;
    /** @default true */
    active?: boolean;
    createdAt?: number;
    /** @default "30d" */
    createdAgo?: Duration;
    validAt?: number;
    /** @default the creation time */
    validAgo?: Duration;
    expiresAt?: number;
    /** A duration from now; negative (`"-2d"`) for an expired certificate. */
    expiresIn?: Duration;
    /** The PEM `include[]=content` answers; without it, one is minted (see `commonName` and `keyGroup`). */
    content?: string;
    /**
     * The common name in the subject of the certificate the fake mints for it (`CN=...`). Two
     * certificates with the same common name and the same `keyGroup` are a renewal: the successor
     * verifies every client certificate the first one signed. @default the name, else the id
     */
    commonName?: string;
    /**
     * Certificates with the same key group are minted with the same key pair (the same public key);
     * each certificate without one has a key of its own. @default a key of its own
     */
    keyGroup?: string;
}

/** How a test or seed file describes a project. */
export interface ProjectSpec {
    id?: string;
    name?: string | null;
    createdAt?: number;
    archived?: boolean;
    /** Certificate ids attached to the project, each with its project-level `active` flag. */
    certificates?: ReadonlyArray<{ id: string; active?: boolean }>;
}

/** A whole organization, as a JSON seed file holds it. */
export interface OrganizationSpec {
    /** The admin key the fake accepts. @default "sk-admin-fake-key" */
    adminKey?: string;
    certificates?: readonly CertificateSpec[];
    projects?: readonly ProjectSpec[];
}

let counter = 0;

/** A fresh certificate id, unique within this process. */
export function nextCertificateId(): string {
    counter += 1;
    return `cert_${counter.toString(36).padStart(6, "0")}`;
}

/**
 * Builds a stored certificate from a spec, with relative times resolved against `nowSeconds`.
 *
 * @example
 * ```ts
 * const now = Date.UTC(2026, 0, 1) / 1000;
 * certificate({ name: "gateway", expiresIn: "5d" }, now); // expiresAt = now + 5 days
 * ```
 */
export function certificate(spec: CertificateSpec = {}, nowSeconds: number = Math.floor(Date.now() / 1000)): FakeCertificate {
    const createdAt = spec.createdAt ?? nowSeconds - parseDurationSeconds(spec.createdAgo ?? "30d", "createdAgo");
    const validAt = spec.validAt ?? (spec.validAgo !== undefined ? nowSeconds - parseDurationSeconds(spec.validAgo, "validAgo") : createdAt);
    const expiresAt =
        spec.expiresAt ?? (spec.expiresIn !== undefined ? nowSeconds + parseDurationSeconds(spec.expiresIn, "expiresIn") : undefined);
    const id = spec.id ?? nextCertificateId();
    return {
        id,
        name: spec.name === undefined ? id.replace(/^cert_/, "cert-") : spec.name,
        createdAt,
        validAt,
        ...(expiresAt !== undefined ? { expiresAt } : {}),
        active: spec.active ?? true,
        ...(spec.content !== undefined ? { content: spec.content } : {}),
        ...(spec.commonName !== undefined ? { commonName: spec.commonName } : {}),
        ...(spec.keyGroup !== undefined ? { keyGroup: spec.keyGroup } : {}),
    };
}

/** Builds a stored project from a spec. */
export function project(spec: ProjectSpec = {}, nowSeconds: number = Math.floor(Date.now() / 1000)): FakeProject {
    counter += 1;
    const createdAt = spec.createdAt ?? nowSeconds - 86_400;
    return {
        id: spec.id ?? `proj_${counter.toString(36).padStart(6, "0")}`,
        name: spec.name ?? null,
        createdAt,
        archivedAt: spec.archived ? createdAt + 3600 : null,
        certificates: Object.fromEntries((spec.certificates ?? []).map((c) => [c.id, c.active ?? true])),
    };
}

/** Resolves a whole organization spec against `nowSeconds`. */
export function organization(spec: OrganizationSpec, nowSeconds: number = Math.floor(Date.now() / 1000)): FakeOrganizationState {
    return {
        certificates: (spec.certificates ?? []).map((c) => certificate(c, nowSeconds)),
        projects: (spec.projects ?? []).map((p) => project(p, nowSeconds)),
    };
}

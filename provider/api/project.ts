/** A project of the organization, as users of this package see it. */
export interface Project {
    readonly id: string;
    readonly name: string | null;
    /** Unix seconds. */
    readonly createdAt: number;
    /** Unix seconds, or `null` for a live project. */
    readonly archivedAt: number | null;
    /** `active` or `archived`, when the API says. */
    readonly status: string | null;
}

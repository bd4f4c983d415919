import { OrganizationSpec } from "../fake-api";

/** A fixed clock for the seeds, so every run serves the same data. */
export const BENCH_NOW_SECONDS = Date.UTC(2026, 0, 15) / 1000;

/** `certificates` certificates and `projects` projects, each project with 3 of them attached. */
export function benchOrganization(certificates: number, projects: number): OrganizationSpec {
    const ids = Array.from({ length: certificates }, (_, i) => `cert_${String(i).padStart(6, "0")}`);
    return {
        certificates: ids.map((id, i) => ({
            id,
            name: `cert-${i}`,
            active: i % 5 !== 0,
            createdAt: BENCH_NOW_SECONDS - (certificates - i) * 60,
            validAt: BENCH_NOW_SECONDS - 400 * 86_400,
            expiresAt: BENCH_NOW_SECONDS + ((i * 7) % 400) * 86_400,
        })),
        projects: Array.from({ length: projects }, (_, p) => ({
            id: `proj_${String(p).padStart(5, "0")}`,
            name: `project-${p}`,
            createdAt: BENCH_NOW_SECONDS - 1000 + p,
            certificates: certificates ? [0, 1, 2].map((k) => ({ id: ids[(p * 3 + k) % certificates], active: (p + k) % 2 === 0 })) : [],
        })),
    };
}

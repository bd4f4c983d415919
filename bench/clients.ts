/**
 * The clients compared, each as a user would write it. Every one returns the list of certificate
 * ids it read (or, for the organization-wide view, ids with where they are active), so the harness
 * can check that nothing was lost.
 */
import OpenAI from "openai";
import { getCertificateUsage, getCertificates } from "../sdk";

export interface Connection {
    baseUrl: string;
    adminKey: string;
}

export type ClientName =
    | "ours"
    | "openai-sdk-default-page"
    | "openai-sdk-limit-100"
    | "naive-fetch-loop"
    | "ours-usage"
    | "openai-sdk-sequential-usage";

/** Runs one read; returns a fingerprint of what was read (count and ids). */
export async function runClient(client: ClientName, c: Connection, params: { concurrency?: number; maxRetries?: number }): Promise<string[]> {
    switch (client) {
        case "ours":
            return (await getCertificates({ adminKey: c.adminKey, baseUrl: c.baseUrl, maxRetries: params.maxRetries })).certificates.map((x) => x.id);
        case "openai-sdk-default-page":
        case "openai-sdk-limit-100": {
            const sdk = new OpenAI({ adminAPIKey: c.adminKey, apiKey: null, baseURL: c.baseUrl, maxRetries: params.maxRetries ?? 2 });
            const ids: string[] = [];
            const query = client === "openai-sdk-limit-100" ? { limit: 100 } : {};
            for await (const cert of sdk.admin.organization.certificates.list(query)) ids.push(cert.id);
            return ids;
        }
        case "naive-fetch-loop": {
            // What a user writes with fetch: no types checked, no retries.
            const ids: string[] = [];
            let after: string | undefined;
            for (;;) {
                const url = `${c.baseUrl}/organization/certificates?limit=100${after ? `&after=${after}` : ""}`;
                const page = (await (await fetch(url, { headers: { Authorization: `Bearer ${c.adminKey}` } })).json()) as { data: { id: string }[]; has_more: boolean; last_id: string };
                ids.push(...page.data.map((x) => x.id));
                if (!page.has_more) return ids;
                after = page.last_id;
            }
        }
        case "ours-usage": {
            const usage = await getCertificateUsage({ adminKey: c.adminKey, baseUrl: c.baseUrl, concurrency: params.concurrency, maxRetries: params.maxRetries });
            return usage.certificates.map((x) => `${x.id}:${x.activeProjectIds.join(",")}`);
        }
        case "openai-sdk-sequential-usage": {
            // The same view with the official SDK, one project after another, 100 per page.
            const sdk = new OpenAI({ adminAPIKey: c.adminKey, apiKey: null, baseURL: c.baseUrl, maxRetries: params.maxRetries ?? 2 });
            const active = new Map<string, string[]>();
            const order: string[] = [];
            for await (const cert of sdk.admin.organization.certificates.list({ limit: 100 })) {
                order.push(cert.id);
                active.set(cert.id, []);
            }
            for await (const project of sdk.admin.organization.projects.list({ limit: 100 })) {
                for await (const cert of sdk.admin.organization.projects.certificates.list(project.id, { limit: 100 })) {
                    if (cert.active) active.get(cert.id)?.push(project.id);
                }
            }
            return order.map((id) => `${id}:${active.get(id)!.join(",")}`);
        }
    }
}

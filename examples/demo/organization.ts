import { OrganizationSpec } from "../../fake-api";

/** The embedded default organization the demo serves: times are relative to when it starts. */
export const DEMO_ORGANIZATION: OrganizationSpec = {
    certificates: [
        { id: "cert_gateway_2026", name: "gateway-mtls-2026", createdAgo: "300d", expiresIn: "120d" },
        { id: "cert_batch_workers", name: "batch-workers", createdAgo: "200d", expiresIn: "45d" },
        { id: "cert_eu_edge", name: "eu-edge", createdAgo: "100d", expiresIn: "20d" },
        { id: "cert_legacy", name: "legacy-client", createdAgo: "700d", expiresIn: "3d", active: false },
        { id: "cert_retired", name: "retired-2024", createdAgo: "800d", expiresIn: "-30d", active: false },
    ],
    projects: [
        {
            id: "proj_payments",
            name: "Payments",
            certificates: [
                { id: "cert_gateway_2026", active: true },
                { id: "cert_legacy", active: true },
            ],
        },
    ],
};

/** The certificate the demo uploads to show the gate stopping a deployment. */
export const EXPIRING_CERTIFICATE = { id: "cert_payments_gw", name: "payments-gateway", createdAgo: "360d", expiresIn: "5d" } as const;

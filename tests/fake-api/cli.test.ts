import { strict as assert } from "assert";
import * as path from "path";
import { listCertificates, listProjectCertificates } from "../../provider";
import { REPO_ROOT, spawnUntil } from "../support/processes";

describe("the fake API from the command line", () => {
    it("serves a seed file on loopback and prints its base URL", async () => {
        const seed = path.join(REPO_ROOT, "examples/seeds/organization.json");
        const { child, match } = await spawnUntil(["dist/fake-api/cli.js", "--seed", seed], /OPENAI_BASE_URL=(\S+)\n/);
        try {
            const baseUrl = match[1];
            assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
            const certs = await listCertificates({ adminKey: "sk-admin-fake-key", baseUrl });
            assert.deepEqual(
                certs.map((c) => c.id),
                ["cert_eu_edge", "cert_gateway_2026", "cert_legacy"],
            );
            const proj = await listProjectCertificates("proj_payments", { adminKey: "sk-admin-fake-key", baseUrl });
            assert.deepEqual(
                proj.map((c) => [c.id, c.active]),
                [["cert_legacy", true]],
            );
        } finally {
            child.kill("SIGTERM");
        }
    });

    it("refuses a malformed seed file, naming the file and the field", async () => {
        const fs = await import("fs");
        const os = await import("os");
        const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seed-")), "bad.json");
        fs.writeFileSync(bad, JSON.stringify({ certificates: [{ name: 42 }] }));
        const { runNode } = await import("../support/processes");
        const result = await runNode(["dist/fake-api/cli.js", "--seed", bad]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /bad\.json/);
        assert.match(result.stderr, /certificates\.0\.name/);
    });
});

import { strict as assert } from "assert";
import { formatCertificateTable } from "../../../sdk";
import { HOSTILE_NAMES, NOW, assertSafeForLogs, cert } from "../../support/fixtures";

describe("formatCertificateTable", () => {
    it("lines up name, id, active, expiry and days left under their headings", () => {
        const table = formatCertificateTable([cert({ id: "cert_gw", name: "gateway", expiresIn: "5d" }), cert({ id: "cert_x", name: null, active: false })], NOW);
        assert.deepEqual(table.split("\n"), [
            "NAME       ID       ACTIVE  EXPIRES AT            DAYS LEFT",
            "gateway    cert_gw  yes     2026-01-20T00:00:00Z  5.00",
            "(unnamed)  cert_x   no      unknown               -",
        ]);
    });

    it("prints one line per certificate whatever its name holds, none of them a workflow command", () => {
        const table = formatCertificateTable(
            HOSTILE_NAMES.map((name, i) => cert({ id: `cert_${i}`, name, expiresIn: "40d" })),
            NOW,
        );
        assertSafeForLogs(table);
        const lines = table.split("\n");
        assert.equal(lines.length, 1 + HOSTILE_NAMES.length);
        assert.match(lines[1], /^\\x3a:error::Deploy approved\s+cert_0\s/);
        assert.match(lines[4], /^\\x1b\[2J\\x1b\[31mred\\x1b\[0m\s+cert_3\s/);
    });

    it("formats 200,000 certificates (Math.max over every row overflowed the stack past about 150,000)", () => {
        const certificates = Array.from({ length: 200_000 }, (_, i) => cert({ id: `cert_${i}`, name: `name-${i}`, expiresIn: "40d" }));
        const lines = formatCertificateTable(certificates, NOW).split("\n");
        assert.equal(lines.length, 200_001);
        assert.match(lines[200_000], /^name-199999\s+cert_199999\s+yes/);
    });
});

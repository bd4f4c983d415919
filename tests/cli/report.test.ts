import { strict as assert } from "assert";
import { checkTable, listTable } from "../../cli/report";
import { evaluateCertificateExpiry } from "../../provider/expiry/evaluate-expiry";
import { NOW, cert } from "../support/fixtures";

describe("the command's tables", () => {
    // --format json handled these; the tables threw a RangeError from Math.max(...rows).
    const many = Array.from({ length: 200_000 }, (_, i) => cert({ id: `cert_${i}`, name: `name-${i}`, expiresIn: i === 0 ? "5d" : "40d", activeProjectIds: ["proj_a"], activeAnywhere: true }));

    it("prints the check of 200,000 certificates as a table", () => {
        const text = checkTable(evaluateCertificateExpiry(many, { now: NOW }));
        const lines = text.split("\n");
        assert.match(lines[1], /^FAIL\s+name-0\s+cert_0\s/);
        assert.equal(lines.filter((l) => /^OK\s/.test(l)).length, 199_999);
        assert.match(lines[lines.length - 1], /^Certificate expiry check FAILED/);
    });

    it("lists 200,000 certificates of the organization-wide view as a table", () => {
        const usage = many.map((c) => ({ ...c, activeProjectIds: [...(c.activeProjectIds ?? [])], activeInOrganization: false }));
        const lines = listTable(usage, NOW).split("\n");
        assert.equal(lines.length, 200_001);
        assert.match(lines[0], /^NAME\s+ID\s+ACTIVE IN ORG\s+ACTIVE IN PROJECTS\s+EXPIRES AT\s+DAYS LEFT$/);
        assert.match(lines[200_000], /^name-199999\s+cert_199999\s+no\s+proj_a\s/);
    });
});

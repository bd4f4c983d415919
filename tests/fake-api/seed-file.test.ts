import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SeedFileError, readSeedFile } from "../../fake-api";

/** Writes `content` (JSON unless a string) to a fresh temporary seed file and returns its path. */
function seedFile(content: unknown): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seed-")), "organization.json");
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
}

function refusal(file: string): SeedFileError {
    try {
        readSeedFile(file);
    } catch (error) {
        assert.ok(error instanceof SeedFileError, `expected a SeedFileError, got ${(error as Error).name}: ${(error as Error).message}`);
        assert.equal(error.code, "invalid_seed_file");
        return error;
    }
    assert.fail("the seed file was accepted");
}

describe("the fake API's seed file (issue 23, item 10)", () => {
    it("names the file and the index of a bad duration: certificates[2].expiresIn", () => {
        const file = seedFile({ certificates: [{ expiresIn: "5d" }, { expiresIn: 3 }, { name: "typo", expiresIn: "5 days" }] });
        const error = refusal(file);
        assert.equal(error.field, "certificates[2].expiresIn");
        assert.ok(error.message.startsWith(`Seed file ${file}, certificates[2].expiresIn: `), error.message);
        assert.match(error.message, /is not a duration/);
        assert.doesNotMatch(error.message, /Invalid argument/);
    });

    it("checks createdAgo and validAgo too", () => {
        assert.equal(refusal(seedFile({ certificates: [{ createdAgo: "1M" }] })).field, "certificates[0].createdAgo");
        assert.equal(refusal(seedFile({ certificates: [{}, { validAgo: "soon" }] })).field, "certificates[1].validAgo");
    });

    it("calls a wrong type a wrong type, not an unexpected response, and does not quote the value", () => {
        const error = refusal(seedFile({ adminKey: 12345678901234, certificates: [] }));
        assert.equal(error.field, "adminKey");
        assert.match(error.message, /adminKey: must be a string, got a number$/);
        assert.doesNotMatch(error.message, /Unexpected response|12345678901234/);
        const nested = refusal(seedFile({ projects: [{ id: "proj_a", certificates: [{ id: 7 }] }] }));
        assert.equal(nested.field, "projects[0].certificates[0].id");
        assert.match(nested.message, /must be a string, got a number/);
        assert.match(refusal(seedFile({ certificates: [{ name: 42 }] })).message, /certificates\[0\]\.name: must be a string or null, got a number/);
    });

    it("refuses a misspelled field, naming it and the field it was likely meant to be", () => {
        const error = refusal(seedFile({ certificates: [{ name: "gateway", expires_in: "5d" }] }));
        assert.equal(error.field, "certificates[0].expires_in");
        assert.match(error.message, /is not a field the fake knows; did you mean "expiresIn"\?/);
    });

    it("refuses unknown fields at every level, listing the known ones from the codecs", () => {
        const top = refusal(seedFile({ admin: "x" }));
        assert.equal(top.field, "admin");
        assert.match(top.message, /known here: adminKey, certificates, projects/);
        const deep = refusal(seedFile({ projects: [{ id: "proj_a", certificates: [{ id: "cert_a", enabled: true }] }] }));
        assert.equal(deep.field, "projects[0].certificates[0].enabled");
        assert.match(deep.message, /known here: id, active/);
    });

    it("says plainly that the file does not exist or is not JSON", () => {
        const missing = path.join(os.tmpdir(), "no-such-dir-for-seeds", "seed.json");
        const error = refusal(missing);
        assert.equal(error.message, `Seed file ${missing}: does not exist`);
        assert.match(refusal(seedFile("{ certificates: [] }")).message, /: is not valid JSON: /);
    });

    it("still reads the shipped sample seed", () => {
        const spec = readSeedFile(path.join(__dirname, "../../../examples/seeds/organization.json"));
        assert.equal(spec.certificates?.length, 3);
    });
});

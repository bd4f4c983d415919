import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MAX_EXEMPTIONS_FILE_BYTES, readExemptionsFile } from "../../cli/exemptions-file";
import { invalidArgument } from "../support/fixtures";

describe("readExemptionsFile", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "exemptions-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const exemption = { name: "legacy-*", reason: "migrating", until: "2026-02-01" };
    const write = (name: string, content: string | Buffer) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, content);
        return file;
    };

    it("reads a list, or an object holding one", () => {
        assert.deepEqual(readExemptionsFile(write("list.json", JSON.stringify([exemption]))), [exemption]);
        assert.deepEqual(readExemptionsFile(write("object.json", JSON.stringify({ exemptions: [exemption] }))), [exemption]);
    });

    it("accepts a UTF-8 byte-order mark, which JSON.parse refused", () => {
        assert.deepEqual(readExemptionsFile(write("bom.json", `\uFEFF${JSON.stringify([exemption])}`)), [exemption]);
    });

    it("refuses a directory at once", () => {
        assert.throws(() => readExemptionsFile(dir), (e: unknown) => invalidArgument("--exemptions")(e) && /is a directory, not a regular file/.test((e as Error).message));
    });

    it("refuses a device at once, instead of reading it", () => {
        assert.throws(() => readExemptionsFile("/dev/null"), (e: unknown) => invalidArgument("--exemptions")(e) && /is a character device, not a regular file/.test((e as Error).message));
    });

    it("refuses a file larger than 1 MiB without parsing it", () => {
        const padding = " ".repeat(MAX_EXEMPTIONS_FILE_BYTES);
        assert.throws(() => readExemptionsFile(write("big.json", `[${padding}]`)), (e: unknown) => invalidArgument("--exemptions")(e) && /larger than 1 MiB/.test((e as Error).message));
        assert.deepEqual(readExemptionsFile(write("just-fits.json", `[${padding.slice(2)}]`)), []);
    });

    it("refuses bytes that are not UTF-8", () => {
        assert.throws(() => readExemptionsFile(write("latin1.json", Buffer.from([0x5b, 0x22, 0xe9, 0x22, 0x5d]))), /is not UTF-8 text/);
    });

    it("says plainly that a missing file does not exist, with no bare ENOENT (issue 23, item 12)", () => {
        const missing = path.join(dir, "missing.json");
        assert.throws(
            () => readExemptionsFile(missing),
            (e: unknown) => invalidArgument("--exemptions")(e) && (e as { problem: string }).problem === `${missing} does not exist`,
        );
    });

    it("names the file when an exemption has no reason (issue 23, item 12)", () => {
        const file = write("no-reason.json", JSON.stringify([exemption, { id: "cert_x", until: "2026-02-01" }]));
        assert.throws(
            () => readExemptionsFile(file),
            (e: unknown) => invalidArgument("--exemptions")(e) && (e as { problem: string }).problem === `${file}: exemptions[1].reason is required: say why this certificate may expire`,
        );
    });
});

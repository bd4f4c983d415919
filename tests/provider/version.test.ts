import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_VERSION } from "../../provider/version";

describe("PACKAGE_VERSION", () => {
    it("matches the version in package.json", () => {
        // Tests run from dist/tests/provider, three levels below the repository root.
        const packageJson = path.resolve(__dirname, "../../..", "package.json");
        const manifest = JSON.parse(fs.readFileSync(packageJson, "utf8")) as { name?: string; version?: unknown };
        assert.equal(manifest.name, "pulumi-openai-certificates");
        assert.equal(typeof manifest.version, "string");
        assert.equal(PACKAGE_VERSION, manifest.version);
    });
});

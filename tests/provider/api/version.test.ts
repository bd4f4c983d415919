import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_VERSION } from "../../../provider/api/version";
import { REPO_ROOT } from "../../support/processes";

describe("PACKAGE_VERSION", () => {
    it("matches the version in package.json", () => {
        const packageJson = path.join(REPO_ROOT, "package.json");
        const manifest = JSON.parse(fs.readFileSync(packageJson, "utf8")) as { name?: string; version?: unknown };
        assert.equal(manifest.name, "pulumi-openai-certificates");
        assert.equal(typeof manifest.version, "string");
        assert.equal(PACKAGE_VERSION, manifest.version);
    });
});

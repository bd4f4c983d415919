import { strict as assert } from "assert";
import * as path from "path";
import { REPO_ROOT } from "./support/processes";

/** The package's public surface, as `require("pulumi-openai-certificates")` sees it after a build. */
describe("the package exports", () => {
    it("resolves the package name to the compiled sdk entry point", () => {
        assert.equal(require.resolve("pulumi-openai-certificates"), path.join(REPO_ROOT, "dist/sdk/index.js"));
    });

    it("exports the data sources, the streaming client and every error class", () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const pkg = require("pulumi-openai-certificates");
        for (const name of [
            "getCertificates",
            "getCertificatesOutput",
            "certificatePages",
            "iterateCertificates",
            "listCertificates",
            "OpenAICertificatesError",
            "APIError",
            "AuthenticationError",
            "RateLimitError",
            "InternalServerError",
            "PaginationError",
            "ResponseValidationError",
            "InvalidArgumentError",
            "MissingAdminKeyError",
        ]) {
            assert.equal(typeof pkg[name], "function", name);
        }
    });

    it("exposes the API layer and the fake API as subpaths", () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        assert.equal(typeof require("pulumi-openai-certificates/provider").listOrganizationCertificates, "function");
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        assert.equal(typeof require("pulumi-openai-certificates/fake-api").startFakeOpenAI, "function");
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        assert.equal(require("pulumi-openai-certificates/policies").certificatePolicies.length, 2);
    });

    it("exports the resource, the evaluation and both gates from the root", () => {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const pkg = require("pulumi-openai-certificates");
        for (const name of ["Certificates", "evaluateCertificateExpiry", "assertCertificateExpiry", "CertificateExpiryError"]) {
            assert.equal(typeof pkg[name], "function", name);
        }
        assert.equal(pkg.CERTIFICATES_TYPE, "pulumi-nodejs:dynamic/openai:Certificates");
    });

    it("keeps the ready policy pack's version in step with the package", () => {
        const fs = require("fs") as typeof import("fs");
        const version = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")).version;
        assert.equal(version("policy-pack/package.json"), version("package.json"));
    });
});

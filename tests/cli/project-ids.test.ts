import { strict as assert } from "assert";
import { LEAK_CANARY_KEY, assertNoKeyIn, certificateSpecs, useFakeApi } from "../support/fixtures";
import { runNode } from "../support/processes";

/**
 * `openai-certs` and project ids (issue 12, items 6 and 13): a flag's value is checked before any
 * request, and an id from the server is the server's fault, never the `--project` flag's.
 */
describe("openai-certs and project ids", function () {
    this.timeout(60_000);
    const api = useFakeApi(() => ({ seed: { certificates: certificateSpecs(2), projects: [{ id: "proj_a", certificates: [{ id: "cert_00000" }] }] } }));
    const certs = (args: string[]) => runNode(["dist/cli/main.js", ...args, "--max-retries", "0"], { env: { ...process.env, OPENAI_ADMIN_KEY: LEAK_CANARY_KEY, OPENAI_BASE_URL: api().baseUrl } });

    // Regression: `--project ..` read the organization's list as if it were a project's.
    for (const id of ["..", ".", "proj_a/../..", "proj a"]) {
        it(`--project ${JSON.stringify(id)}: exit 3 naming --project, and nothing sent`, async () => {
            for (const command of ["list", "check"]) {
                const r = await certs([command, "--project", id]);
                assert.equal(r.code, 3, r.stdout + r.stderr);
                assert.match(r.stderr, /^openai-certs: --project: must be a project id/);
            }
            assert.equal(api().requests.length, 0);
        });
    }

    it("a project id from the server that does not fit a path: exit 3, blamed on the response, not on --project (regression)", async () => {
        api().setState({ certificates: certificateSpecs(2), projects: [{ id: "..", certificates: [{ id: "cert_00000" }] }] });
        const r = await certs(["list", "--all-projects"]);
        assert.equal(r.code, 3, r.stdout + r.stderr);
        assert.match(r.stderr, /^openai-certs: Unexpected response from GET \/organization\/projects.*\(invalid_response\)$/m);
        assert.doesNotMatch(r.stderr, /--project/);
    });

    it("a project id from the server that holds the key: exit 3, not labelled --project, and no form of the key printed (regression)", async () => {
        api().setState({ certificates: certificateSpecs(2), projects: [{ id: ` ${LEAK_CANARY_KEY}`, certificates: [{ id: "cert_00000" }] }] });
        for (const args of [["list", "--all-projects"], ["check", "--all-projects", "--format", "json"]]) {
            const r = await certs(args);
            assert.equal(r.code, 3, r.stdout + r.stderr);
            assert.doesNotMatch(r.stderr, /--project/);
            assertNoKeyIn([r.stdout, r.stderr]);
        }
    });
});

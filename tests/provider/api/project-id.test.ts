import { strict as assert } from "assert";
import { isLeft } from "fp-ts/lib/Either";
import { InvalidArgumentError, dynamicOperations, listCertificates } from "../../../provider";
import { checkProjectId } from "../../../provider/api/certificates-query";
import * as codecs from "../../../provider/api/codecs";
import { resolveListSettings } from "../../../provider/api/list-settings";
import { LEAK_CANARY_KEY, assertNoKeyIn, certificateSpecs, invalidArgument, rejectionOf, useFakeApi, failedArguments } from "../../support/fixtures";

/**
 * Project ids go into URL paths, so they hold letters, digits, `_` and `-` only, whoever gives them
 * (issue 12, item 13). Regression: `..` read the organization's list as the project's, `.` another
 * endpoint; only empty ids and surrounding spaces were refused.
 */
describe("project ids: path-safe characters only", () => {
    const valid = ["proj_abc", "proj_0123456789ABCDEFabcdef", "my-project", "P", "42", "legacy_id-without-prefix"];
    const invalid = ["..", ".", "proj.abc", "a/b", "../certificates", "%2e%2e", "proj abc", " proj_abc", "proj_abc\n", "proj?x=1", "proj#x", "prój", ""];

    for (const id of valid) {
        it(`accepts ${JSON.stringify(id)}: ids already stored in stacks have no prefix rule to meet`, () => {
            assert.equal(checkProjectId(id), id);
            assert.equal(resolveListSettings({ projectId: id }, "https://api.openai.com/v1").projectId, id);
        });
    }

    for (const id of invalid) {
        it(`refuses ${JSON.stringify(id)} with InvalidArgumentError naming projectId`, () => {
            assert.throws(() => checkProjectId(id), invalidArgument("projectId"));
            assert.throws(() => resolveListSettings({ projectId: id }, "https://api.openai.com/v1"), invalidArgument("projectId"));
        });
    }

    it("does not quote the value back (a key pasted into the wrong setting), only the character refused", () => {
        assert.throws(
            () => checkProjectId(`${LEAK_CANARY_KEY}/x`),
            (e: unknown) => e instanceof InvalidArgumentError && e.message.includes('"/"') && (assertNoKeyIn(e), true),
        );
    });

    it("names the argument it was asked to", () => {
        assert.throws(() => checkProjectId("..", "--project"), invalidArgument("--project"));
    });

    it("is the rule of the project list's decoder too", () => {
        const project = (id: string) => ({ id, object: "organization.project", created_at: 1 });
        assert.equal(codecs.ProjectWire.is(project("proj_abc")), true);
        for (const id of invalid) assert.ok(isLeft(codecs.ProjectWire.decode(project(id))), id);
    });

    describe("before any request", () => {
        const api = useFakeApi(() => ({ seed: { certificates: certificateSpecs(2) } }));

        for (const id of ["..", "."]) {
            it(`listCertificates({ projectId: ${JSON.stringify(id)} }) sends nothing`, async () => {
                const error = await rejectionOf(listCertificates({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, projectId: id }));
                assert.ok(invalidArgument("projectId")(error), error.message);
                assert.equal(api().requests.length, 0);
            });

            it(`the Certificates resource's check with projectId ${JSON.stringify(id)}: a failure on projectId, and nothing sent`, async () => {
                const { failures } = await dynamicOperations.checkCertificatesResource({ projectId: id }, { adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl });
                assert.deepEqual(failedArguments(failures), ["projectId"]);
                assert.equal(api().requests.length, 0);
            });
        }
    });
});

import { strict as assert } from "assert";
import { ListByteBudget } from "../../../provider/api/list-byte-budget";
import { ListTooLargeError, OpenAICertificatesError } from "../../../provider/api/errors";

const LIST = "GET /organization/certificates";

/** Matches a ListTooLargeError about `list`, raised by the body of `operation` after `bytesRead` bytes. */
function listTooLarge(list: string, limitBytes: number, bytesRead: number, operation: string) {
    return (e: unknown): boolean =>
        e instanceof ListTooLargeError &&
        e instanceof OpenAICertificatesError &&
        e.code === "list_too_large" &&
        e.name === "ListTooLargeError" &&
        e.list === list &&
        e.limitBytes === limitBytes &&
        e.bytesRead === bytesRead &&
        e.operation === operation &&
        e.message.includes("maxListBytes") &&
        e.message.includes(operation);
}

describe("ListByteBudget", () => {
    it("accepts bodies up to the bound exactly, and counts them", () => {
        const budget = new ListByteBudget(LIST, 1000);
        budget.charge(600, `${LIST} (page 1)`);
        budget.charge(400, `${LIST} (page 2)`);
        assert.equal(budget.bytesRead, 1000);
    });

    it("refuses the body that would pass the bound, naming the page, and does not count it", () => {
        const budget = new ListByteBudget(LIST, 1000);
        budget.charge(600, `${LIST} (page 1)`);
        assert.throws(() => budget.charge(401, `${LIST} (page 2)`), listTooLarge(LIST, 1000, 600, `${LIST} (page 2)`));
        assert.equal(budget.bytesRead, 600);
    });

    it("counts every list against the wider budget it is within, which fails first when the lists together pass it", () => {
        const view = new ListByteBudget("the organization-wide view", 1000);
        const first = new ListByteBudget("GET /organization/projects/proj_a/certificates", 800, view);
        const second = new ListByteBudget("GET /organization/projects/proj_b/certificates", 800, view);
        first.charge(700, "proj_a page 1");
        assert.throws(() => second.charge(400, "proj_b page 1"), listTooLarge("the organization-wide view", 1000, 700, "proj_b page 1"));
        assert.equal(second.bytesRead, 0, "a refused body counts nowhere");
        assert.equal(view.bytesRead, 700);
    });

    it("fails on its own bound before the wider one is charged", () => {
        const view = new ListByteBudget("the organization-wide view", 10_000);
        const list = new ListByteBudget(LIST, 500, view);
        assert.throws(() => list.charge(501, `${LIST} (page 1)`), listTooLarge(LIST, 500, 0, `${LIST} (page 1)`));
        assert.equal(view.bytesRead, 0);
    });
});

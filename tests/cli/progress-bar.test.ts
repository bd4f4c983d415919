import { strict as assert } from "assert";
import { progressBar } from "../../cli/progress-bar";

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
    const s = { isTTY, text: "", write(chunk: string) { s.text += chunk; return true; } };
    return s as unknown as NodeJS.WriteStream & { text: string };
}

describe("the organization-wide view's progress bar", () => {
    it("draws projects done on a terminal, and clears its line at the end", () => {
        const tty = stream(true);
        const bar = progressBar(tty);
        bar.update({ stage: "project-certificates", pagesRead: 7, projectsDone: 3, projectsTotal: 12 });
        assert.match(tty.text, /\r\[#{8}\.{22}\] 3\/12 projects, 7 pages/);
        // The last report is stage "done": still counts, never "reading done" (issue 23, item 13).
        bar.update({ stage: "done", pagesRead: 19, projectsDone: 12, projectsTotal: 12 });
        assert.match(tty.text, /\r\[#{30}\] 12\/12 projects, 19 pages $/);
        bar.done();
        assert.match(tty.text, /\r\s+\r$/);
    });

    it("writes nothing when stderr is not a terminal", () => {
        const pipe = stream(false);
        const bar = progressBar(pipe);
        bar.update({ stage: "project-certificates", pagesRead: 7, projectsDone: 3, projectsTotal: 12 });
        bar.done();
        assert.equal(pipe.text, "");
    });
});

import { UsageProgress } from "../provider/api";

/**
 * A one-line progress bar for `--all-projects`, drawn on stderr only when stderr is a terminal, so
 * logs and pipes stay clean.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update: (p: UsageProgress) => void; done: () => void } {
    if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
    const width = 30;
    let drawn = false;
    return {
        update(p) {
            const ratio = p.projectsTotal ? p.projectsDone / p.projectsTotal : 0;
            const filled = Math.round(ratio * width);
            const stage = p.stage === "project-certificates" ? `${p.projectsDone}/${p.projectsTotal} projects` : `reading ${p.stage}`;
            stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${stage}, ${p.pagesRead} pages `);
            drawn = true;
        },
        done() {
            if (drawn) stream.write(`\r${" ".repeat(width + 60)}\r`);
        },
    };
}

import { UsageProgress } from "../provider/api/certificate-usage";

/**
 * A one-line progress bar for the organization-wide view, drawn on stderr only when stderr is a terminal, so
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
            // Every report carries the known total (it is the first thing reported), so the counts are the whole story.
            stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${p.projectsDone}/${p.projectsTotal} projects, ${p.pagesRead} pages `);
            drawn = true;
        },
        done() {
            if (drawn) stream.write(`\r${" ".repeat(width + 60)}\r`);
            drawn = false;
        },
    };
}

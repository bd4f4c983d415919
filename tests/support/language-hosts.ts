import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { PulumiCli, installPulumiCli } from "../../examples/demo/pulumi-cli";
import { REPO_ROOT } from "./processes";
import { requirePulumiCli, skipLoudly } from "./pulumi-cli";

const run = promisify(execFile);

/** The languages whose programs use the provider plugin, each run by its own language host. */
export type PluginLanguage = "yaml" | "go";

const HOST_NAMES: Record<PluginLanguage, string> = { yaml: "YAML", go: "Go" };

let completed: Promise<PulumiCli | undefined> | undefined;

/**
 * The Pulumi CLI with the language host of `language` beside it (or on PATH). scripts/pulumi-cli.sh
 * runs once per test run without `--check`, so that a cache filled before the YAML and Go hosts
 * existed is completed (seconds warm). Without the host (no Go toolchain, no ../shared): a loud skip,
 * or a failure in CI (`CI` set), which must run it. `what` says what did not run.
 */
export async function requirePluginLanguage(context: Mocha.Context, language: PluginLanguage, what: string): Promise<PulumiCli> {
    const cli = await requirePulumiCli(context, "the end-to-end tier");
    completed ??= installPulumiCli();
    await completed;
    const host = `pulumi-language-${language}`;
    const problems = [
        ...(onPath(host, cli.binDir) ? [] : [`no ${HOST_NAMES[language]} language host (${host}) beside the Pulumi CLI`]),
        // A Go program is compiled by the Go toolchain, its SDK generated and linked with it.
        ...(language === "go" && !onPath("go") ? ["no Go toolchain (go) on PATH"] : []),
    ];
    if (problems.length === 0) return cli;
    skipLoudly(context, `${problems.join(" and ").toUpperCase()}: ${what} did NOT run. scripts/pulumi-cli.sh builds the YAML and Go hosts where Go is on PATH (the Go host also needs ../shared beside the clone).`, "CI must run it.");
}

/** Whether an executable `name` is in `first` or on PATH. */
function onPath(name: string, first?: string): boolean {
    return [...(first ? [first] : []), ...(process.env.PATH ?? "").split(path.delimiter)].some((dir) => {
        if (!dir) return false;
        try {
            fs.accessSync(path.join(dir, name), fs.constants.X_OK);
            return fs.statSync(path.join(dir, name)).isFile();
        } catch {
            return false;
        }
    });
}

/** The Go build and module caches scripts/pulumi-cli.sh keeps with the CLI's cache (`--go-env`). */
export async function goCaches(): Promise<{ GOCACHE: string; GOMODCACHE: string }> {
    const { stdout } = await run("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli.sh"), "--go-env"]);
    const vars = Object.fromEntries(stdout.trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2)));
    if (!vars.GOCACHE || !vars.GOMODCACHE) throw new Error(`scripts/pulumi-cli.sh --go-env printed no Go caches: ${stdout}`);
    return { GOCACHE: vars.GOCACHE, GOMODCACHE: vars.GOMODCACHE };
}

/** Every file below `dir` (relative, sorted), leaving out `skip` folders. */
function filesBelow(dir: string, skip: ReadonlySet<string>, prefix = ""): string[] {
    return fs
        .readdirSync(path.join(dir, prefix), { withFileTypes: true })
        .flatMap((e) => {
            const rel = path.join(prefix, e.name);
            if (e.isDirectory()) return skip.has(rel) ? [] : filesBelow(dir, skip, rel);
            return e.isFile() ? [rel] : [];
        })
        .sort();
}

/**
 * The Go program in `dir` (its `go.mod`, sources and linked SDK under `sdks/`), compiled once per
 * machine: the binary is kept in the Go caches' folder under a hash of every source file and of the
 * Go version, and reused while none of them changes. The first build on a machine compiles the
 * Pulumi Go SDK (a few minutes cold, with the module downloads); each later run spends no compile.
 * `env` is the project's environment (Go's caches are added). Returns the binary's path, for
 * `runtime.options.binary` in Pulumi.yaml.
 */
export async function goProgramBinary(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
    const caches = await goCaches();
    const goEnv = { ...env, ...caches, GOFLAGS: "-mod=mod" };
    const { stdout: version } = await run("go", ["env", "GOVERSION", "GOOS", "GOARCH"], { env: goEnv });
    const hash = createHash("sha256").update(version);
    for (const file of filesBelow(dir, new Set(["node_modules", ".git", "bin"])).filter((f) => f.endsWith(".go") || /(^|\/)go\.(mod|sum)$/.test(f))) {
        hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(dir, file)));
    }
    const programs = path.join(path.dirname(caches.GOCACHE), "programs");
    const binary = path.join(programs, hash.digest("hex").slice(0, 32), "program");
    if (fs.existsSync(binary)) {
        // Used now: the last to be forgotten.
        const now = new Date();
        fs.utimesSync(path.dirname(binary), now, now);
        return binary;
    }
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    const partial = `${binary}.${process.pid}.tmp`;
    await run("go", ["build", "-o", partial, "."], { cwd: dir, env: goEnv, maxBuffer: 16 * 1024 * 1024 });
    fs.renameSync(partial, binary);
    forgetOldPrograms(programs, KEPT_PROGRAMS);
    return binary;
}

/** Binaries kept: enough for the program of each branch being worked on, not one per schema change (about 50 MB each). */
const KEPT_PROGRAMS = 4;

/** Removes all but the `keep` most recently used binaries under `programs`. */
function forgetOldPrograms(programs: string, keep: number): void {
    const built = fs
        .readdirSync(programs, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => ({ dir: path.join(programs, e.name), at: fs.statSync(path.join(programs, e.name)).mtimeMs }))
        .sort((a, b) => b.at - a.at);
    for (const { dir } of built.slice(keep)) fs.rmSync(dir, { recursive: true, force: true });
}

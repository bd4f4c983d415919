import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { fillOnce, machineCacheDir } from "./machine-cache";
import { REPO_ROOT } from "./processes";

const run = promisify(execFile);

/**
 * The leg of the CI matrix this test run belongs to: `tests/legs/<leg>` pins, with its lockfile, the
 * @pulumi/pulumi, @pulumi/policy and TypeScript versions a user project installs. Chosen by
 * `OPENAI_CERTS_LEG`, else by the running Node.js major version (node20, node22, node24).
 */
export function currentLeg(): { name: string; dir: string } {
    const name = process.env.OPENAI_CERTS_LEG || `node${process.versions.node.split(".")[0]}`;
    const dir = path.join(REPO_ROOT, "tests/legs", name);
    if (!fs.existsSync(path.join(dir, "package-lock.json"))) {
        throw new Error(`no test leg ${name} (tests/legs/${name}/package-lock.json); set OPENAI_CERTS_LEG to one of ${fs.readdirSync(path.join(REPO_ROOT, "tests/legs")).join(", ")}`);
    }
    return { name, dir };
}

/**
 * scripts/test.js packs and installs once for all the tiers of a run (each tier is a mocha run of
 * its own) and hands the results on in these variables, for the leg it names.
 */
function preparedByTheRunner(variable: "OPENAI_CERTS_PACKED_TARBALL" | "OPENAI_CERTS_USER_PROJECT"): Promise<string> | undefined {
    const prepared = process.env[variable];
    if (!prepared) return undefined;
    if (process.env.OPENAI_CERTS_PREPARED_LEG !== currentLeg().name) return undefined;
    return Promise.resolve(prepared);
}

let tarball: Promise<string> | undefined;

/** Packs this package with `npm pack` once per test run; returns the tarball's path. */
export function packedTarball(): Promise<string> {
    tarball ??= preparedByTheRunner("OPENAI_CERTS_PACKED_TARBALL");
    tarball ??= (async () => {
        const dest = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-pack-"));
        // The tests run after `npm run build`: pack what was built, without running scripts again.
        const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dest], { cwd: REPO_ROOT });
        return path.join(dest, JSON.parse(stdout)[0].filename);
    })();
    return tarball;
}

let installed: Promise<string> | undefined;

/**
 * A fresh user project in a temporary folder, as a user makes one: the leg's dependencies installed
 * from its lockfile (`npm ci`, copied from {@link cachedNpmCi} after the first time on a machine),
 * then this package's `npm pack` tarball (`npm install`). Done once per test run; returns the project
 * folder. Uses the npm cache first, so it needs the network only for packages not installed before.
 */
export function installPackedPackage(): Promise<string> {
    installed ??= preparedByTheRunner("OPENAI_CERTS_USER_PROJECT");
    installed ??= (async () => {
        const leg = currentLeg();
        // --omit=dev leaves out the leg's Node.js binary: the tests already run on it.
        const options = ["--prefer-offline", "--no-audit", "--no-fund", "--omit=dev"];
        const npm = (args: string[], cwd: string) => run("npm", [...args, ...options], { cwd, maxBuffer: 16 * 1024 * 1024 });
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-user-"));
        await copyProject(await cachedNpmCi(`leg-${leg.name}`, leg.dir, options), project);
        await npm(["install", "--no-save", await packedTarball()], project);
        return project;
    })();
    return installed;
}

/**
 * What `npm ci` installs from the lockfile in `source` (with its package.json), kept per machine
 * outside the clone in a folder named by `name` and a hash of the lockfile, the package.json (whose
 * `allowScripts` decides which install scripts run) and npm's `options`, so
 * that a run copies it ({@link copyProject}, under a CPU-second) instead of installing it again (10 to
 * 20 CPU-seconds), filled once per machine ({@link fillOnce}). Returns the cached folder, which
 * callers copy and never change.
 */
export async function cachedNpmCi(name: string, source: string, options: string[]): Promise<string> {
    const manifests = ["package.json", "package-lock.json"]; // what the key hashes is what npm ci reads
    const hash = createHash("sha256").update(JSON.stringify(options));
    for (const file of manifests) hash.update(fs.readFileSync(path.join(source, file)));
    const dir = machineCacheDir("npm-projects", `${name}-${hash.digest("hex").slice(0, 16)}`);
    return fillOnce(
        dir,
        (at) => fs.existsSync(path.join(at, "node_modules")),
        async (scratch) => {
            for (const file of manifests) fs.copyFileSync(path.join(source, file), path.join(scratch, file));
            await run("npm", ["ci", ...options], { cwd: scratch, maxBuffer: 16 * 1024 * 1024 });
        },
    );
}

/** Copies a project folder made by {@link cachedNpmCi} into `to`: its files, and its node_modules by {@link copyNodeModules}. */
export async function copyProject(from: string, to: string): Promise<void> {
    for (const file of fs.readdirSync(from)) {
        if (file === "node_modules") await copyNodeModules(path.join(from, file), path.join(to, file));
        else fs.copyFileSync(path.join(from, file), path.join(to, file));
    }
}

/**
 * Another fresh user project with the same installed packages as {@link installPackedPackage}'s
 * (a folder tree of its own, so that each resolves its modules inside its own folder; see
 * {@link copyNodeModules}), and `packageJson`
 * fields added to its package.json (for example `{ type: "module" }`).
 */
export async function copyUserProject(packageJson: Record<string, unknown> = {}): Promise<string> {
    const base = await installPackedPackage();
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-user-"));
    await copyNodeModules(path.join(base, "node_modules"), path.join(project, "node_modules"));
    const manifest = JSON.parse(fs.readFileSync(path.join(base, "package.json"), "utf8"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ ...manifest, ...packageJson }, null, 2));
    return project;
}

/**
 * Copies the node_modules folder `from` to `to` (which must not exist) as a tree of new folders whose
 * files are hard links to the originals: a tenth of the time and none of the disk of a full copy
 * (a user project's node_modules is over 9,000 files). Module resolution sees a project of its own,
 * since every folder is new. Safe because nothing writes an installed file in place: npm replaces a
 * package by moving its folder aside, except for its record of the tree, node_modules/.package-lock.json,
 * which is therefore copied, not linked. Where hard links cannot be made (another file system), a
 * full copy.
 */
export async function copyNodeModules(from: string, to: string): Promise<void> {
    try {
        await run("cp", ["-al", from, to]);
    } catch {
        fs.rmSync(to, { recursive: true, force: true });
        await run("cp", ["-a", from, to]);
        return;
    }
    const record = path.join(to, ".package-lock.json");
    if (fs.existsSync(record)) {
        fs.rmSync(record);
        fs.copyFileSync(path.join(from, ".package-lock.json"), record);
    }
}

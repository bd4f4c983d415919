import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
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
 * from its lockfile (`npm ci`), then this package's `npm pack` tarball (`npm install`). Done once per
 * test run; returns the project folder. Uses the npm cache first, so it needs the network only for
 * packages not installed before.
 */
export function installPackedPackage(): Promise<string> {
    installed ??= preparedByTheRunner("OPENAI_CERTS_USER_PROJECT");
    installed ??= (async () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-user-"));
        const leg = currentLeg();
        for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(leg.dir, file), path.join(project, file));
        const npm = (args: string[]) => run("npm", [...args, "--prefer-offline", "--no-audit", "--no-fund", "--omit=dev"], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
        // --omit=dev leaves out the leg's Node.js binary: the tests already run on it.
        await npm(["ci"]);
        await npm(["install", "--no-save", await packedTarball()]);
        return project;
    })();
    return installed;
}

/**
 * Another fresh user project with the same installed packages as {@link installPackedPackage}'s
 * (copied, not linked, so that each resolves its modules inside its own folder), and `packageJson`
 * fields added to its package.json (for example `{ type: "module" }`).
 */
export async function copyUserProject(packageJson: Record<string, unknown> = {}): Promise<string> {
    const base = await installPackedPackage();
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-user-"));
    await run("cp", ["-a", path.join(base, "node_modules"), path.join(project, "node_modules")]);
    const manifest = JSON.parse(fs.readFileSync(path.join(base, "package.json"), "utf8"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ ...manifest, ...packageJson }, null, 2));
    return project;
}

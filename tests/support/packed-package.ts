import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { REPO_ROOT } from "./processes";

const run = promisify(execFile);

let installed: Promise<string> | undefined;

/**
 * Packs this package with `npm pack` and installs the tarball, with the Pulumi SDKs, into a fresh
 * project in a temporary folder, as a user would. Done once per test run; returns the project folder.
 * Uses the npm cache first, so it needs the network only for packages not installed before.
 */
export function installPackedPackage(): Promise<string> {
    installed ??= (async () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "openai-certs-user-"));
        // The tests run after `npm run build`: pack what was built, without running scripts again.
        const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", project], { cwd: REPO_ROOT });
        const tarball = path.join(project, JSON.parse(stdout)[0].filename);
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "user-project", version: "1.0.0", private: true }));
        await run(
            "npm",
            [
                "install",
                "--prefer-offline",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                tarball,
                `@pulumi/pulumi@${pkg.devDependencies["@pulumi/pulumi"]}`,
                `@pulumi/policy@${pkg.devDependencies["@pulumi/policy"]}`,
            ],
            { cwd: project, maxBuffer: 16 * 1024 * 1024 },
        );
        return project;
    })();
    return installed;
}

import { strict as assert } from "assert";
import * as path from "path";
import { listCertificates, listProjectCertificates } from "../../provider";
import { REPO_ROOT, spawnUntil } from "../support/processes";

describe("the fake API from the command line", () => {
    it("serves a seed file on loopback and prints its base URL", async () => {
        const seed = path.join(REPO_ROOT, "examples/seeds/organization.json");
        // The sample seed's key is the built-in test key: printed, so a newcomer can use it at once.
        const { child, match } = await spawnUntil(["dist/fake-api/cli.js", "--seed", seed], /OPENAI_BASE_URL=(\S+)\nOPENAI_ADMIN_KEY=sk-admin-fake-key\n/);
        try {
            const baseUrl = match[1];
            assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
            const certs = await listCertificates({ adminKey: "sk-admin-fake-key", baseUrl });
            assert.deepEqual(
                certs.map((c) => c.id),
                ["cert_eu_edge", "cert_gateway_2026", "cert_legacy"],
            );
            const proj = await listProjectCertificates("proj_payments", { adminKey: "sk-admin-fake-key", baseUrl });
            assert.deepEqual(
                proj.map((c) => [c.id, c.active]),
                [["cert_legacy", true]],
            );
        } finally {
            child.kill("SIGTERM");
        }
    });

    it("refuses a malformed seed file, naming the file and the field", async () => {
        const fs = await import("fs");
        const os = await import("os");
        const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seed-")), "bad.json");
        fs.writeFileSync(bad, JSON.stringify({ certificates: [{ name: 42 }] }));
        const { runNode } = await import("../support/processes");
        const result = await runNode(["dist/fake-api/cli.js", "--seed", bad]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /bad\.json/);
        assert.match(result.stderr, /certificates\[0\]\.name: must be a string or null, got a number/);
    });
});

describe("the fake API from the command line, as users run it", () => {
    it("without a seed, prints the built-in test key it accepts after the URL", async () => {
        const env = { ...process.env };
        delete env.OPENAI_ADMIN_KEY;
        const { child, match } = await spawnUntil(["dist/fake-api/cli.js"], /OPENAI_BASE_URL=(\S+)\nOPENAI_ADMIN_KEY=(\S+)\n/, env);
        try {
            const certs = await listCertificates({ adminKey: match[2], baseUrl: match[1] });
            assert.deepEqual(certs, []);
        } finally {
            child.kill("SIGTERM");
        }
    });

    it("with the key from OPENAI_ADMIN_KEY, says so and never prints it", async () => {
        const key = "sk-admin-users-own-key-0123456789";
        const { child, match } = await spawnUntil(["dist/fake-api/cli.js"], /OPENAI_BASE_URL=(\S+)\n(.*)\n/, { ...process.env, OPENAI_ADMIN_KEY: key });
        try {
            assert.equal(match[2], "# accepts the admin key in OPENAI_ADMIN_KEY");
            assert.ok(!match[0].includes(key));
            assert.deepEqual(await listCertificates({ adminKey: key, baseUrl: match[1] }), []);
        } finally {
            child.kill("SIGTERM");
        }
    });

    it("stops when the process that started it is killed", async () => {
        const { spawn } = await import("child_process");
        // A parent that starts the server, prints its pid, then waits to be killed without cleaning up.
        const parentScript = `
            const { spawn } = require("child_process");
            const child = spawn(process.execPath, [${JSON.stringify(path.join(REPO_ROOT, "dist/fake-api/cli.js"))}], { stdio: ["ignore", "pipe", "inherit"] });
            child.stdout.once("data", () => console.log(child.pid));
            setInterval(() => {}, 1000);`;
        const parent = spawn(process.execPath, ["-e", parentScript], { stdio: ["ignore", "pipe", "inherit"] });
        const serverPid = await new Promise<number>((resolve) => parent.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
        const isAlive = (pid: number) => {
            try {
                process.kill(pid, 0);
                return true;
            } catch {
                return false;
            }
        };
        assert.ok(isAlive(serverPid), "the server is running");
        parent.kill("SIGKILL");
        for (let i = 0; i < 100 && isAlive(serverPid); i++) await new Promise((r) => setTimeout(r, 100));
        const survived = isAlive(serverPid);
        if (survived) process.kill(serverPid, "SIGKILL");
        assert.equal(survived, false, "the server outlived the process that started it");
    });
});

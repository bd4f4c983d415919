import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FakeOpenAI, startFakeOpenAI } from "../../fake-api";
import { LEAK_CANARY_KEY, namedCertificate } from "../support/fixtures";
import { copyUserProject } from "../support/packed-package";
import { CommandResult, PulumiProject, expectOk, exportStack, filesUnder, pulumiProject, requireLanguageHost, requirePulumiCli } from "../support/pulumi-cli";
import { CERTIFICATES_TYPE } from "../../sdk";

/**
 * Three lists, so one analyze shows a resource failing beside one passing, and a rotation whose
 * same-key renewal passes with no exemption (issue 25: judged from the stored subject and key hash).
 */
const PROGRAM = `"use strict";
const { Certificates } = require("pulumi-openai-certificates");
new Certificates("near-certificates", { namePattern: "near-*" });
new Certificates("healthy-certificates", { namePattern: "healthy-*" });
new Certificates("rotated-certificates", { namePattern: "rotated-*" });
`;

const POLICY_PACK = "node_modules/pulumi-openai-certificates/policy-pack";
const DAY_MS = 86_400_000;

/** A `policyEvent` of `pulumi policy analyze --json`. */
interface PolicyEvent {
    resourceUrn: string;
    message: string;
    policyName: string;
    enforcementLevel: string;
}

/**
 * Issue 25: an audit that never holds the admin key. The deploy job has the key in its environment
 * only (OPENAI_ADMIN_KEY, never in the stack config); the audit job runs `pulumi policy analyze` on
 * the stored state with the backend and the secrets provider only: no key, no network. The pack's
 * `now` moves the clock forward, as days passing would.
 */
describe("a keyless audit: pulumi policy analyze on the state an up stored (issue 25)", function () {
    this.timeout(300_000);
    let api: FakeOpenAI | undefined;
    let project: PulumiProject;

    before(async function () {
        this.timeout(20 * 60_000);
        const cli = await requirePulumiCli(this, "the keyless audit test");
        requireLanguageHost(this, cli, "`pulumi policy analyze` runs the Node.js pack through the language host");
        const dir = await copyUserProject();
        project = pulumiProject({ dir, cli, name: "audit", main: "index.js", typescript: false, files: { "index.js": PROGRAM } });
        api = await startFakeOpenAI({ adminKey: LEAK_CANARY_KEY });
    });
    after(async () => {
        await api?.close();
    });

    /** `pulumi policy analyze --stack STACK --policy-pack ... --policy-pack-config FILE` with the pack's clock at `now`. */
    async function analyze(stack: string, now: Date, extra: string[] = []): Promise<CommandResult> {
        const config = path.join(project.dir, `audit-${now.getTime()}.json`);
        const settings = { now: now.toISOString() };
        fs.writeFileSync(config, JSON.stringify({ "openai-certificate-expiry": settings, "openai-certificate-expiry-warning": settings }));
        return project.pulumi(["policy", "analyze", "--stack", stack, "--policy-pack", POLICY_PACK, "--policy-pack-config", config, ...extra]);
    }

    it("an up with the key in its environment only stores no key; the audit, keyless and offline, fails near expiry, passes the healthy, refuses stale data", async () => {
        const seconds = Math.floor(Date.now() / 1000);
        api!.setState({
            certificates: [
                namedCertificate("near-gateway", 19, {}, seconds),
                namedCertificate("healthy-gateway", 120, {}, seconds),
                // The old CA and its renewal: the same subject and key pair.
                namedCertificate("rotated-2025", 19, { commonName: "Rotated CA", keyGroup: "rotated" }, seconds),
                namedCertificate("rotated-2026", 400, { commonName: "Rotated CA", keyGroup: "rotated" }, seconds),
            ],
        });
        const stack = "audit";
        expectOk(await project.pulumi(["stack", "init", stack]));
        expectOk(await project.pulumi(["config", "set", "openai:baseUrl", api!.baseUrl, "--stack", stack]));
        // The deploy job: the key in this one command's environment, nowhere in the stack config.
        const up = await project.action("up", stack, { skipPreview: true, env: { OPENAI_ADMIN_KEY: LEAK_CANARY_KEY } });
        expectOk(up);

        // The state holds no key, neither plain nor encrypted: sweep the backend, and decrypt every secret.
        for (const file of filesUnder(project.backendDir)) assert.ok(!fs.readFileSync(file, "utf8").includes(LEAK_CANARY_KEY), `the admin key appeared in ${file}`);
        const exported = JSON.stringify(await exportStack(project, stack, ["--show-secrets"]));
        assert.ok(!exported.includes(LEAK_CANARY_KEY), "the admin key is in the state, decrypted");
        assert.doesNotMatch(fs.readFileSync(path.join(project.dir, `Pulumi.${stack}.yaml`), "utf8"), /admin/i, "a key setting is in the stack config");
        assert.ok(!up.output.includes(LEAK_CANARY_KEY), "the admin key appeared in the up's output");

        // When each list was read, as the audit will see it: the stored inputs.
        const readTimes = (JSON.parse(exported) as { deployment: { resources: Array<{ type: string; inputs?: { readAt?: string } }> } }).deployment.resources
            .filter((r) => r.type === CERTIFICATES_TYPE)
            .map((r) => Date.parse(String(r.inputs?.readAt)));
        assert.equal(readTimes.length, 3);
        assert.ok(readTimes.every((t) => Number.isFinite(t)), "a Certificates resource stored no readAt");
        const last = Math.max(...readTimes);

        // The audit job: the fake stopped, no key in any variable of the environment.
        await api!.close();
        api = undefined;
        for (const [name, value] of Object.entries(project.env)) assert.ok(!value?.includes(LEAK_CANARY_KEY), `the admin key is in ${name}`);
        assert.equal(project.env.OPENAI_ADMIN_KEY, undefined);

        // A day later: both lists pass the mandatory policy (the near one only warns): exit 0.
        const dayLater = await analyze(stack, new Date(last + DAY_MS));
        assert.equal(dayLater.code, 0, dayLater.output);
        assert.match(dayLater.output, /\[advisory\]\s+openai-certificate-expiry-warning\s+\(pulumi-nodejs:dynamic\/openai:Certificates: near-certificates\)/);
        assert.match(dayLater.output, /The list was read 1 day ago, at the last update or refresh/);
        assert.doesNotMatch(dayLater.output, /\[mandatory\]/);

        // Six days later the near certificate is within the 14-day fail threshold: a mandatory violation
        // naming it, none for the healthy list, exit 1. With --json, one event per line, as the README shows.
        const sixDays = await analyze(stack, new Date(last + 6 * DAY_MS), ["--json"]);
        assert.equal(sixDays.code, 1, sixDays.output);
        const events = sixDays.stdout.trim().split("\n").map((line) => JSON.parse(line) as { policyEvent?: PolicyEvent; summaryEvent?: { result: string } });
        const mandatory = events.flatMap((e) => (e.policyEvent?.enforcementLevel === "mandatory" ? [e.policyEvent] : []));
        // The rotated list is no violation: its old CA, as near expiry, is renewed (no exemption anywhere).
        assert.deepEqual(mandatory.map((e) => [e.policyName, e.resourceUrn.split("::").pop()]), [["openai-certificate-expiry", "near-certificates"]]);
        const renewal = events.flatMap((e) => (e.policyEvent && e.policyEvent.resourceUrn.endsWith("::rotated-certificates") ? [e.policyEvent] : []));
        assert.deepEqual(renewal.map((e) => e.enforcementLevel), ["advisory"]);
        assert.match(renewal[0].message, /Certificate "rotated-2025" \(cert_rotated_2025\) expires in 12 days.*renewed by certificate "rotated-2026" \(cert_rotated_2026\), active with the same subject and public key/);
        assert.match(mandatory[0].message, /Certificates resource "near-certificates": Certificate "near-gateway" \(cert_[^)]+\) expires in 12 days/);
        assert.match(mandatory[0].message, /The list was read 6 days ago, at the last update or refresh/);
        assert.deepEqual(events.filter((e) => e.summaryEvent).map((e) => e.summaryEvent?.result), ["failed"]);

        // Eight days later the data is older than maxDataAge (7 days): both lists fail closed, unjudged.
        const stale = await analyze(stack, new Date(last + 8 * DAY_MS));
        assert.equal(stale.code, 1, stale.output);
        for (const name of ["near-certificates", "healthy-certificates"]) {
            assert.match(stale.output, new RegExp(`Certificates resource "${name}": has certificate data read 8 days ago, at the last update or refresh \\(\\d{4}-[^)]+Z\\), older than maxDataAge \\(7 days\\)`), `${name}: ${stale.output}`);
        }
        assert.doesNotMatch(stale.output, /expires in/, "stale data was judged");
        for (const run of [dayLater, sixDays, stale]) assert.ok(!run.output.includes(LEAK_CANARY_KEY));
    });
});

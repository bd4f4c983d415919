import { strict as assert } from "assert";
import { CertificateUsage, NotFoundError, UsageProgress, listCertificateUsage } from "../../../provider";
import { mergeUsage } from "../../../provider/api/certificate-usage";
import { DAY, LEAK_CANARY_KEY, NOW_SECONDS, cert, organizationSpec, rejectionOf, seededRandom, useFakeApi } from "../../support/fixtures";

describe("listCertificateUsage (the organization-wide view) over loopback HTTP", function () {
    this.timeout(60_000);
    // A seeded random for the fake's fault draws: the n-th request to arrive gets the same draw every run.
    const api = useFakeApi(() => ({ latencyMs: 15, random: seededRandom(2026) }));
    const client = (extra: Record<string, unknown> = {}) => ({ adminKey: LEAK_CANARY_KEY, baseUrl: api().baseUrl, ...extra });

    it("finds a certificate inactive in the organization but active in a project, and names the project", async () => {
        api().setState({
            certificates: [
                { id: "cert_org", name: "org-wide", createdAt: NOW_SECONDS - 300, active: true },
                { id: "cert_proj", name: "project-only", createdAt: NOW_SECONDS - 200, active: false },
                { id: "cert_idle", name: "unused", createdAt: NOW_SECONDS - 100, active: false },
            ],
            projects: [
                { id: "proj_a", name: "A", certificates: [{ id: "cert_proj", active: false }] },
                { id: "proj_b", name: "B", certificates: [{ id: "cert_proj", active: true }, { id: "cert_org", active: true }] },
            ],
        });
        const usage = await listCertificateUsage(client());
        const byId = Object.fromEntries(usage.certificates.map((c) => [c.id, c]));
        assert.deepEqual(
            usage.certificates.map((c) => c.id),
            ["cert_idle", "cert_proj", "cert_org"],
        );
        assert.equal(byId.cert_proj.active, false);
        assert.equal(byId.cert_proj.activeInOrganization, false);
        assert.equal(byId.cert_proj.activeAnywhere, true);
        assert.deepEqual(byId.cert_proj.activeProjectIds, ["proj_b"]);
        assert.deepEqual(byId.cert_proj.projects, [
            { id: "proj_a", name: "A", active: false },
            { id: "proj_b", name: "B", active: true },
        ]);
        assert.equal(byId.cert_idle.activeAnywhere, false);
        assert.equal(byId.cert_org.activeAnywhere, true);
        assert.deepEqual(
            usage.projects.map((p) => p.id),
            ["proj_a", "proj_b"],
        );
    });

    it("leaves archived projects out unless asked", async () => {
        api().setState(organizationSpec({ certificates: 4, projects: 5, archived: 2 }));
        assert.equal((await listCertificateUsage(client())).projects.length, 3);
        assert.equal((await listCertificateUsage(client({ includeArchived: true }))).projects.length, 5);
    });

    for (const concurrency of [1, 4, 8]) {
        it(`never has more than ${concurrency} project reads in flight (measured by the fake API), and uses the room`, async () => {
            api().setState(organizationSpec({ certificates: 10, projects: 24 }));
            api().resetStats();
            // The first read of each kind is held for 300 ms, so that the reads sent beside it are
            // surely in flight with it, however busy the machine (at 15 ms each, a loaded machine may
            // answer one before the last of a batch arrives): the organization's list beside the
            // project list, and the first `concurrency` project reads beside each other.
            api().injectFault(
                { path: "/organization/certificates", times: 1, action: { kind: "delay", ms: 300 } },
                { path: /^\/organization\/projects\/[^/]+\/certificates/, times: concurrency, action: { kind: "delay", ms: 300 } },
            );
            await listCertificateUsage(client({ concurrency }));
            // The organization list and the project list are read side by side first: two at once.
            assert.equal(api().concurrency.max, Math.max(concurrency, 2), "the bound is reached and never exceeded");
        });
    }

    it("pauses every request when one gets a 429 with Retry-After", async () => {
        // Enough work that, without a shared pause, the other workers would keep sending requests
        // all through the window checked below (120 projects / 8 workers x 30 ms is about 450 ms).
        const slow = await (await import("../../../fake-api")).startFakeOpenAI({ adminKey: LEAK_CANARY_KEY, latencyMs: 30, seed: organizationSpec({ certificates: 10, projects: 120 }) });
        try {
            slow.injectFault({ path: /^\/organization\/projects\/proj_0000\//, times: 1, action: { kind: "status", status: 429, headers: { "retry-after-ms": "600" } } });
            await listCertificateUsage({ adminKey: LEAK_CANARY_KEY, baseUrl: slow.baseUrl, concurrency: 8 });
            const limited = slow.requests.find((r) => r.status === 429)!;
            assert.ok(limited, "the 429 was served");
            // Requests already on their way when the 429 left the server may still arrive just after
            // it; 150 ms covers that. After that, nothing may start until the 600 ms are over.
            const duringPause = slow.requests.filter((r) => r.startedAt > limited.finishedAt + 150 && r.startedAt < limited.finishedAt + 580);
            assert.deepEqual(
                duringPause.map((r) => r.path),
                [],
                "no request may start while the server asked everyone to wait",
            );
            assert.ok(slow.requests.filter((r) => r.startedAt >= limited.finishedAt + 580).length > 50, "most of the work came after the pause");
        } finally {
            await slow.close();
        }
    });

    it("loses and duplicates nothing under random 429s and 5xx", async () => {
        const spec = organizationSpec({ certificates: 40, projects: 30, perProject: 5 });
        api().setState(spec);
        const expected = await listCertificateUsage(client());
        api().resetStats();
        api().injectFault(
            { probability: 0.15, action: { kind: "status", status: 429, headers: { "retry-after-ms": "5" } } },
            { probability: 0.1, action: { kind: "status", status: 503 } },
        );
        const noisy = await listCertificateUsage(client({ maxRetries: 10, random: seededRandom(7), sleep: (ms: number) => new Promise((r) => setTimeout(r, Math.min(ms, 10))) }));
        assert.ok(api().requests.some((r) => r.status === 429) && api().requests.some((r) => r.status === 503), "faults were injected");
        assert.deepEqual(noisy.certificates, expected.certificates);
        assert.equal(new Set(noisy.certificates.map((c) => c.id)).size, 40);
    });

    it("reports progress: pages read and projects done, ending with done", async () => {
        api().setState(organizationSpec({ certificates: 5, projects: 6 }));
        const seen: UsageProgress[] = [];
        api().resetStats();
        await listCertificateUsage(client({ onProgress: (p: UsageProgress) => seen.push(p) }));
        const last = seen[seen.length - 1];
        assert.equal(last.stage, "done");
        assert.equal(last.projectsTotal, 6);
        assert.equal(last.projectsDone, 6);
        assert.equal(last.pagesRead, api().requests.length);
        assert.deepEqual([...new Set(seen.map((p) => p.stage))].sort(), ["done", "project-certificates"]);
    });

    // Callers printed "0/0, 0/0, 0/1, 0/1": a report per page repeated the same counts (issue 16).
    it("reports only when a count changes, never the same counts twice", async () => {
        api().setState(organizationSpec({ certificates: 250, projects: 3, perProject: 120 }));
        const seen: UsageProgress[] = [];
        await listCertificateUsage(client({ pageSize: 50, onProgress: (p: UsageProgress) => seen.push(p) }));
        const keys = seen.map((p) => `${p.stage} ${p.projectsDone}/${p.projectsTotal}`);
        assert.deepEqual(keys, ["project-certificates 0/3", "project-certificates 1/3", "project-certificates 2/3", "done 3/3"]);
    });

    // The README's example printed "0/0, 0/1, 1/1, 1/1" (issue 23, item 13).
    it("starts at a known total and never repeats a count, as the README's example prints it", async () => {
        api().setState(organizationSpec({ certificates: 3, projects: 1 }));
        const printed: string[] = [];
        await listCertificateUsage(client({ onProgress: (p: UsageProgress) => printed.push(`${p.projectsDone}/${p.projectsTotal}`) }));
        assert.deepEqual(printed, ["0/1", "1/1"]);
    });

    it("reports an organization without projects once, as done", async () => {
        api().setState(organizationSpec({ certificates: 2, projects: 0 }));
        const seen: UsageProgress[] = [];
        await listCertificateUsage(client({ onProgress: (p: UsageProgress) => seen.push(p) }));
        assert.deepEqual(seen.map((p) => `${p.stage} ${p.projectsDone}/${p.projectsTotal}`), ["done 0/0"]);
    });

    it("stops every other request and all progress once one project fails (regression: the others kept going)", async () => {
        // Two at a time over eight projects: proj_0000 fails at once while proj_0001 is slow, so a
        // read that kept going after the failure would go on to request the six queued projects.
        // Counted by project, not by arrival time: a request sent before the failure may reach
        // the fake after it on a loaded machine.
        api().setState(organizationSpec({ certificates: 5, projects: 8 }));
        api().injectFault({ path: /^\/organization\/projects\/proj_0000\//, action: { kind: "status", status: 404 } }, { path: /^\/organization\/projects\/proj_000[1-7]\//, action: { kind: "delay", ms: 3000 } });
        let progressAfterFailure = 0;
        let rejected = false;
        const error = await rejectionOf(
            listCertificateUsage(client({ concurrency: 2, onProgress: () => void (rejected && progressAfterFailure++) })).finally(() => (rejected = true)),
        );
        assert.ok(error instanceof NotFoundError, `${error.name}: ${error.message}`);
        // Wait until the fake has seen every request end. Its slow answers take 3 s, and would be
        // counted as progress then: ending sooner, without progress, only an abort can do.
        while (api().concurrency.current > 0) await new Promise((r) => setTimeout(r, 5));
        const projectsRead = new Set(api().requests.map((r) => /^\/organization\/projects\/(proj_\d+)\/certificates/.exec(r.path)?.[1]).filter(Boolean));
        assert.ok(projectsRead.has("proj_0000"), `the failing project was not read: ${[...projectsRead].join(", ")}`);
        assert.ok(projectsRead.size <= 2, `projects requested after the read failed: ${[...projectsRead].sort().join(", ")}`);
        // The slow project's request was abandoned, not waited for: the fake never answered it.
        const answeredSlow = api().requests.filter((r) => /^\/organization\/projects\/proj_000[1-7]\//.test(r.path) && r.finishedAt > 0);
        assert.deepEqual(answeredSlow.map((r) => r.path), [], "a request in flight when the read failed was answered, not aborted");
        assert.equal(progressAfterFailure, 0, "progress reported after the read failed");
        assert.equal(api().concurrency.current, 0, "requests still in flight");
    });

    it("fails the whole read when one project cannot be read: no partial view", async () => {
        api().setState(organizationSpec({ certificates: 5, projects: 10 }));
        api().injectFault({ path: /^\/organization\/projects\/proj_0004\//, action: { kind: "status", status: 404 } });
        const error = await rejectionOf(listCertificateUsage(client({ concurrency: 2 })));
        assert.ok(error instanceof NotFoundError);
        assert.match(error.message, /proj_0004/);
    });
});

describe("mergeUsage", () => {
    it("keeps a certificate that only a project lists, as inactive in the organization", () => {
        const listed = (id: string, createdAt: number) => cert({ id, name: id, validIn: null }, { object: "organization.project.certificate", createdAt });
        const merged: CertificateUsage[] = mergeUsage([listed("cert_a", 10)], [{ id: "proj_x", name: null, createdAt: 1, archivedAt: null, status: "active" }], [[listed("cert_new", 20)]], "desc");
        assert.deepEqual(
            merged.map((c) => [c.id, c.activeInOrganization, c.activeAnywhere, c.object]),
            [
                ["cert_new", false, true, "organization.certificate"],
                ["cert_a", true, true, "organization.project.certificate"],
            ],
        );
    });

    describe("lists that disagree on a certificate's dates (issue 12, item 4; regression: the organization's dates were judged alone)", () => {
        const project = (id: string) => ({ id, name: null, createdAt: 1, archivedAt: null, status: "active" });
        const dated = (dates: { validAt?: number; expiresAt?: number }, object = "organization.project.certificate") => cert({ id: "cert_a", name: "gateway", validIn: null }, { object, createdAt: 10, ...dates });
        const org = (dates: { validAt?: number; expiresAt?: number }) => [dated(dates, "organization.certificate")];
        const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000", "");

        it("judges the earliest expiry any list gives, and notes who said what", () => {
            const [merged] = mergeUsage(org({ expiresAt: NOW_SECONDS + 90 * DAY }), [project("proj_a"), project("proj_b")], [[dated({ expiresAt: NOW_SECONDS + 3 * DAY })], [dated({ expiresAt: NOW_SECONDS + 90 * DAY })]], "desc");
            assert.equal(merged.expiresAt, NOW_SECONDS + 3 * DAY);
            assert.equal(
                merged.expiryDisagreement,
                `its lists disagree on its dates (the organization list, project proj_b: expires ${iso(NOW_SECONDS + 90 * DAY)}; project proj_a: expires ${iso(NOW_SECONDS + 3 * DAY)}); ` +
                    "judged by the earliest expiry and the latest start of validity",
            );
        });

        it("takes the latest start of validity, and names validity only when it differs", () => {
            const [merged] = mergeUsage(org({ validAt: NOW_SECONDS - DAY, expiresAt: NOW_SECONDS + 90 * DAY }), [project("proj_a")], [[dated({ validAt: NOW_SECONDS + DAY, expiresAt: NOW_SECONDS + 90 * DAY })]], "desc");
            assert.equal(merged.validAt, NOW_SECONDS + DAY);
            assert.equal(merged.expiresAt, NOW_SECONDS + 90 * DAY);
            assert.match(merged.expiryDisagreement ?? "", new RegExp(`project proj_a: valid from ${iso(NOW_SECONDS + DAY)}, expires`));
        });

        it("judges a project's expiry where the organization list gives none, and notes it", () => {
            const [merged] = mergeUsage(org({}), [project("proj_a")], [[dated({ expiresAt: NOW_SECONDS + 3 * DAY })]], "desc");
            assert.equal(merged.expiresAt, NOW_SECONDS + 3 * DAY);
            assert.match(merged.expiryDisagreement ?? "", /the organization list: no expiry date; project proj_a: expires/);
        });

        it("compares the lists of two projects for a certificate the organization list lacks", () => {
            const [merged] = mergeUsage([], [project("proj_a"), project("proj_b")], [[dated({ expiresAt: NOW_SECONDS + 30 * DAY })], [dated({ expiresAt: NOW_SECONDS + 2 * DAY })]], "desc");
            assert.equal(merged.expiresAt, NOW_SECONDS + 2 * DAY);
            assert.match(merged.expiryDisagreement ?? "", /project proj_a: expires .*; project proj_b: expires /);
        });

        it("names three lists that said the same and counts the rest", () => {
            const ids = ["proj_1", "proj_2", "proj_3", "proj_4", "proj_5"];
            const [merged] = mergeUsage(org({ expiresAt: NOW_SECONDS + 2 * DAY }), ids.map(project), ids.map(() => [dated({ expiresAt: NOW_SECONDS + 9 * DAY })]), "desc");
            assert.match(merged.expiryDisagreement ?? "", /\(the organization list: expires [^;]+; project proj_1, project proj_2, project proj_3 and 2 more: expires /);
        });

        it("adds nothing when every list agrees", () => {
            const [merged] = mergeUsage(org({ validAt: 5, expiresAt: NOW_SECONDS + 9 * DAY }), [project("proj_a")], [[dated({ validAt: 5, expiresAt: NOW_SECONDS + 9 * DAY })]], "desc");
            assert.equal(merged.expiresAt, NOW_SECONDS + 9 * DAY);
            assert.equal("expiryDisagreement" in merged, false);
        });
    });
});

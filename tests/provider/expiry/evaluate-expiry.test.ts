import { strict as assert } from "assert";
import { CertificateExpiryError, InvalidArgumentError, assertCertificateExpiry, evaluateCertificateExpiry } from "../../../sdk";
import { DAY, HOSTILE_NAMES, HOUR, NOW, NOW_SECONDS, assertSafeForLogs, cert } from "../../support/fixtures";

const at = { now: NOW };
const silent = { warn: () => undefined, info: () => undefined };

describe("evaluateCertificateExpiry", () => {
    describe("states", () => {
        const cases: Array<[string, Parameters<typeof cert>[0], string, string]> = [
            ["ok beyond the warning threshold", { expiresIn: "60d" }, "ok", "pass"],
            ["warn within 30 days", { expiresIn: "20d" }, "warn", "warn"],
            ["fail within 14 days", { expiresIn: "5d" }, "fail", "fail"],
            ["expired when the expiry has passed", { expiresIn: "-2d" }, "expired", "fail"],
            ["notYetValid when validAt is in the future", { expiresIn: "400d", validIn: "2d" }, "notYetValid", "fail"],
            ["unknown without an expiry (warns by default)", {}, "unknown", "warn"],
            ["skipped when inactive", { expiresIn: "2d", active: false }, "skipped", "info"],
        ];
        for (const [what, spec, state, severity] of cases) {
            it(`is ${what}`, () => {
                const report = evaluateCertificateExpiry([cert({ id: "cert_x", name: "gateway", ...spec })], at);
                assert.equal(report.findings.length, 1);
                assert.equal(report.findings[0].state, state);
                assert.equal(report.findings[0].severity, severity);
                assert.equal(report.passed, severity !== "fail");
                assert.equal(report.counts[state as keyof typeof report.counts], 1);
            });
        }

        it("tolerates 5 minutes of clock skew on validAt", () => {
            const inSkew = evaluateCertificateExpiry([cert({ expiresIn: "60d", validIn: 5 * 60 })], at);
            const beyond = evaluateCertificateExpiry([cert({ expiresIn: "60d", validIn: 5 * 60 + 1 })], at);
            assert.equal(inSkew.findings[0].state, "ok");
            assert.equal(beyond.findings[0].state, "notYetValid");
        });

        it("fails an unknown expiry with failOnUnknown", () => {
            const report = evaluateCertificateExpiry([cert({})], { ...at, failOnUnknown: true });
            assert.equal(report.findings[0].state, "unknown");
            assert.equal(report.findings[0].severity, "fail");
            assert.equal(report.passed, false);
        });

        it("judges inactive certificates with includeInactive", () => {
            const report = evaluateCertificateExpiry([cert({ expiresIn: "2d", active: false })], { ...at, includeInactive: true });
            assert.equal(report.findings[0].state, "fail");
            assert.equal(report.passed, false);
        });

        it("judges activeAnywhere over the scope's active flag, and names the projects", () => {
            const report = evaluateCertificateExpiry(
                [cert({ id: "cert_p", name: "payments", expiresIn: "3d", active: false, activeAnywhere: true, activeProjectIds: ["proj_a", "proj_b"] })],
                at,
            );
            assert.equal(report.findings[0].state, "fail");
            assert.deepEqual(report.findings[0].projects, ["proj_a", "proj_b"]);
            assert.match(report.findings[0].message, /active in projects proj_a, proj_b/);
        });

        it("flags an expiry before validAt without crashing", () => {
            const c = { ...cert({ id: "cert_bad", expiresIn: "60d" }), validAt: NOW_SECONDS + 90 * DAY };
            const report = evaluateCertificateExpiry([c], at);
            assert.equal(report.findings[0].state, "notYetValid");
            assert.equal(report.findings[0].anomalies?.length, 1);
            assert.match(report.findings[0].message, /expiresAt .* is before validAt/);
        });
    });

    describe("boundaries", () => {
        const stateAt = (seconds: number, options = {}) => evaluateCertificateExpiry([cert({ expiresIn: seconds })], { ...at, ...options }).findings[0].state;

        it("fails at exactly failWithin and warns one second later", () => {
            assert.equal(stateAt(14 * DAY), "fail");
            assert.equal(stateAt(14 * DAY + 1), "warn");
        });

        it("warns at exactly warnWithin and is ok one second later", () => {
            assert.equal(stateAt(30 * DAY), "warn");
            assert.equal(stateAt(30 * DAY + 1), "ok");
        });

        it("is expired at the very second of expiry and failing one second before", () => {
            assert.equal(stateAt(0), "expired");
            assert.equal(stateAt(1), "fail");
        });

        it("takes thresholds in hours", () => {
            assert.equal(stateAt(35 * HOUR, { warnWithin: "72h", failWithin: "36h" }), "fail");
            assert.equal(stateAt(37 * HOUR, { warnWithin: "72h", failWithin: "36h" }), "warn");
            assert.equal(stateAt(73 * HOUR, { warnWithin: "72h", failWithin: "36h" }), "ok");
        });

        it("takes thresholds as numbers of days", () => {
            assert.equal(stateAt(6 * DAY, { warnWithin: 10, failWithin: 7 }), "fail");
            assert.equal(stateAt(8 * DAY, { warnWithin: 10, failWithin: 7 }), "warn");
        });
    });

    describe("findings and report", () => {
        it("says what to do, naming the certificate, its id, the time left, the ISO expiry and the threshold", () => {
            const report = evaluateCertificateExpiry([cert({ id: "cert_gw", name: "gateway", expiresIn: 4 * DAY + 23 * HOUR })], at);
            const f = report.findings[0];
            assert.equal(f.message.includes('"gateway"'), true, f.message);
            assert.match(f.message, /cert_gw/);
            assert.match(f.message, /4 days 23 hours/);
            assert.match(f.message, /2026-01-19T23:00:00Z/);
            assert.match(f.message, /fail threshold of 14 days/);
            // 4.958 days, rounded down: days left never shows more time than is left (issue 23, item 12).
            assert.equal(f.daysRemaining, 4.95);
            assert.equal(f.expiresAt, NOW_SECONDS + 4 * DAY + 23 * HOUR);
        });

        it("reports evaluatedAt, counts for every state, the earliest active expiry and a summary", () => {
            const report = evaluateCertificateExpiry(
                [
                    cert({ id: "cert_a", expiresIn: "60d" }),
                    cert({ id: "cert_b", name: "soon", expiresIn: "10d" }),
                    cert({ id: "cert_c", expiresIn: "1d", active: false }),
                    cert({ id: "cert_d", expiresIn: "20d" }),
                ],
                at,
            );
            assert.equal(report.evaluatedAt, NOW_SECONDS);
            assert.deepEqual(report.counts, { fail: 1, expired: 0, notYetValid: 0, unknown: 0, warn: 1, renewed: 0, exempted: 0, ok: 1, skipped: 1 });
            assert.deepEqual(report.earliestExpiring, { id: "cert_b", name: "soon", expiresAt: NOW_SECONDS + 10 * DAY, daysRemaining: 10 });
            assert.deepEqual(
                report.findings.map((f) => f.id),
                ["cert_b", "cert_d", "cert_a", "cert_c"],
                "most urgent first",
            );
            assert.match(report.summary, /FAILED: 1 certificate must be rotated/);
            assert.match(report.summary, /soon \(cert_b\)/);
            assert.deepEqual(JSON.parse(JSON.stringify(report)), report, "plain JSON");
        });

        it("escapes control characters and workflow commands in names, ids, projects and reasons", () => {
            const certificates = HOSTILE_NAMES.map((name, i) => ({ ...cert({ name, expiresIn: `${i + 1}d`, activeProjectIds: [`proj\n::error::${i}`] }), id: `cert_${i}\x1b[0m` }));
            const report = evaluateCertificateExpiry(certificates, { ...at, exemptions: [{ name: "legacy*", reason: "sunset\n::error::reason", until: "2026-01-10" }] });
            for (const f of report.findings) {
                assertSafeForLogs(f.message);
                assert.ok(!f.message.includes("\n"), f.message);
            }
            assertSafeForLogs(report.summary);
            assert.match(report.findings.find((f) => f.name === HOSTILE_NAMES[1])!.message, /"gateway\\n::error file=main\.ts,line=1::pwned"/);
            assert.deepEqual(report.findings.map((f) => f.name).sort(), [...HOSTILE_NAMES].sort(), "the data itself stays exact");
            const error = (() => {
                try {
                    assertCertificateExpiry(certificates, at, silent);
                } catch (e) {
                    return e as Error;
                }
                assert.fail("expected the check to fail");
            })();
            assert.ok(error instanceof CertificateExpiryError);
            assert.equal(error.message.split("\n").length, 1 + HOSTILE_NAMES.length, "one line per failing certificate, plus the summary");
            assertSafeForLogs(error.message);
        });

        it("accepts getCertificates' result as well as a bare list", () => {
            const list = [cert({ id: "cert_a", expiresIn: "5d" })];
            assert.deepEqual(evaluateCertificateExpiry({ certificates: list }, at), evaluateCertificateExpiry(list, at));
        });

        it("passes an empty list", () => {
            const report = evaluateCertificateExpiry([], at);
            assert.equal(report.passed, true);
            assert.equal(report.earliestExpiring, undefined);
        });

        it("reads no clock when now is given: the same input gives the same report with every clock read refused", () => {
            const input = [cert({ id: "cert_a", expiresIn: "5d" })];
            const first = evaluateCertificateExpiry(input, at);
            // Any read of the clock (Date.now(), new Date() with no argument) throws while it runs.
            const RealDate = Date;
            globalThis.Date = new Proxy(RealDate, {
                construct(target, args) {
                    if (args.length === 0) throw new Error("the evaluation read the clock: new Date()");
                    return Reflect.construct(target, args);
                },
                get(target, property) {
                    if (property === "now") return () => assert.fail("the evaluation read the clock: Date.now()");
                    return Reflect.get(target, property);
                },
            });
            let again: ReturnType<typeof evaluateCertificateExpiry>;
            try {
                again = evaluateCertificateExpiry(input, at);
            } finally {
                globalThis.Date = RealDate;
            }
            assert.deepEqual(again, first);
        });
    });

    describe("exemptions", () => {
        const until = (d: number) => new Date((NOW_SECONDS + d * DAY) * 1000).toISOString();

        it("exempts by id while the exemption lives, with its reason in the message", () => {
            const report = evaluateCertificateExpiry([cert({ id: "cert_old", expiresIn: "3d" })], {
                ...at,
                exemptions: [{ id: "cert_old", reason: "replaced by cert_new, clients migrating", until: until(7) }],
            });
            assert.equal(report.findings[0].state, "exempted");
            assert.equal(report.passed, true);
            assert.match(report.findings[0].message, /replaced by cert_new/);
        });

        it("exempts by name glob", () => {
            const report = evaluateCertificateExpiry(
                [cert({ name: "legacy-eu", expiresIn: "3d" }), cert({ name: "legacy-us", expiresIn: "3d" }), cert({ name: "gateway", expiresIn: "3d" })],
                { ...at, exemptions: [{ name: "legacy-*", reason: "sunset", until: until(30) }] },
            );
            assert.deepEqual(report.findings.map((f) => [f.name, f.state]).sort(), [
                ["gateway", "fail"],
                ["legacy-eu", "exempted"],
                ["legacy-us", "exempted"],
            ]);
            assert.equal(report.passed, false);
        });

        it("matches a name glob against a 1 MB name ending in a newline without stalling", () => {
            // Compiled to ^.*legacy.*$, this glob backtracked for minutes on such a name (issue 12).
            const name = `${"legacy".repeat(175_000)}\n`;
            const report = evaluateCertificateExpiry([cert({ id: "cert_huge", name, expiresIn: "3d" })], {
                ...at,
                exemptions: [{ name: "*legacy*", reason: "sunset", until: until(30) }],
            });
            assert.equal(report.findings[0].state, "exempted");
        });

        it("reads a date as 00:00 UTC and a date-time in its own zone", () => {
            const judged = (until: string) =>
                evaluateCertificateExpiry([cert({ id: "cert_old", expiresIn: "3d" })], { now: new Date("2026-01-15T01:00:00Z"), exemptions: [{ id: "cert_old", reason: "r", until }] }).findings[0].state;
            assert.equal(judged("2026-01-15"), "fail", "lapsed at 00:00 UTC");
            assert.equal(judged("2026-01-16"), "exempted");
            assert.equal(judged("2026-01-15T02:00:00Z"), "exempted");
            assert.equal(judged("2026-01-15T02:00:00+02:00"), "fail", "that is 00:00 UTC");
        });

        it("no longer applies a lapsed exemption, and reports that it lapsed", () => {
            const report = evaluateCertificateExpiry([cert({ id: "cert_old", expiresIn: "3d" })], {
                ...at,
                exemptions: [{ id: "cert_old", reason: "migration", until: "2026-01-10" }],
            });
            const f = report.findings[0];
            assert.equal(f.state, "fail");
            assert.deepEqual(f.exemption, { reason: "migration", until: "2026-01-10", lapsed: true });
            assert.match(f.message, /lapsed on 2026-01-10/);
        });

        for (const name of ["*", "**", "?*"]) {
            it(`refuses the catch-all name pattern ${JSON.stringify(name)}`, () => {
                assert.throws(
                    () => evaluateCertificateExpiry([], { ...at, exemptions: [{ name, reason: "everything", until: until(1) }] }),
                    (e: unknown) => e instanceof InvalidArgumentError && e.argument === "exemptions[0].name",
                );
            });
        }

        const bad: Array<[string, object, string]> = [
            ["no id or name", { reason: "r", until: "2026-02-01" }, "exemptions[0]"],
            ["no reason", { id: "cert_a", until: "2026-02-01" }, "exemptions[0].reason"],
            ["a blank reason", { id: "cert_a", reason: "  ", until: "2026-02-01" }, "exemptions[0].reason"],
            ["no until", { id: "cert_a", reason: "r" }, "exemptions[0].until"],
            ["a non-ISO until", { id: "cert_a", reason: "r", until: "next tuesday" }, "exemptions[0].until"],
            ["an until time without its zone (read in local time, it would differ between machines)", { id: "cert_a", reason: "r", until: "2026-03-01T08:00" }, "exemptions[0].until"],
            ["an until date that does not exist", { id: "cert_a", reason: "r", until: "2026-02-30" }, "exemptions[0].until"],
            ["an unknown key", { id: "cert_a", reason: "r", until: "2026-02-01", forever: true }, "forever"],
        ];
        for (const [what, exemption, argument] of bad) {
            it(`refuses an exemption with ${what}`, () => {
                assert.throws(
                    () => evaluateCertificateExpiry([], { ...at, exemptions: [exemption as never] }),
                    (e: unknown) => e instanceof InvalidArgumentError && e.argument === argument,
                );
            });
        }
    });

    describe("data it cannot read (fails closed, never ok or skipped)", () => {
        const good = cert({ id: "cert_good", expiresIn: "60d" });
        const bad: Array<[string, Record<string, unknown>, string]> = [
            ["an expiresAt of NaN", { expiresAt: NaN }, "expiresAt"],
            ["an expiresAt as an ISO string", { expiresAt: "2026-03-01T00:00:00Z" }, "expiresAt"],
            ["an expiresAt in milliseconds", { expiresAt: (NOW_SECONDS + 60 * DAY) * 1000 }, "expiresAt"],
            ["a fractional expiresAt", { expiresAt: NOW_SECONDS + 60 * DAY + 0.5 }, "expiresAt"],
            ["a validAt in milliseconds", { validAt: NOW_SECONDS * 1000 }, "validAt"],
            ["a missing active", { active: undefined }, "active"],
            ["an active of \"true\"", { active: "true" }, "active"],
            ["an activeAnywhere of 1", { activeAnywhere: 1 }, "activeAnywhere"],
            ["a numeric name", { name: 42 }, "name"],
            ["a createdAt in milliseconds", { createdAt: NOW_SECONDS * 1000 }, "createdAt"],
        ];
        for (const [what, fields, field] of bad) {
            it(`refuses ${what}, naming the index, the field and the certificate's id`, () => {
                const broken = { ...cert({ id: "cert_broken", expiresIn: "60d" }), ...fields };
                for (const judge of [() => evaluateCertificateExpiry([good, broken as never], at), () => assertCertificateExpiry([good, broken as never], at, silent)]) {
                    assert.throws(judge, (e: unknown) => {
                        assert.ok(e instanceof InvalidArgumentError, String(e));
                        assert.equal(e.code, "invalid_argument");
                        assert.equal(e.argument, `certificates[1].${field}`);
                        assert.match(e.message, /"cert_broken" cannot be judged/);
                        return true;
                    });
                }
            });
        }

        it("refuses a missing certificate and a list that is not one", () => {
            assert.throws(
                () => evaluateCertificateExpiry([good, null as never], at),
                (e: unknown) => e instanceof InvalidArgumentError && e.argument === "certificates[1]" && /expected an object, got null/.test(e.message),
            );
            assert.throws(
                () => evaluateCertificateExpiry({ certificates: "none" } as never, at),
                (e: unknown) => e instanceof InvalidArgumentError && e.argument === "certificates",
            );
        });

        it("says what it got, even a NaN that JSON would print as null", () => {
            assert.throws(
                () => evaluateCertificateExpiry([{ ...good, expiresAt: NaN }], at),
                (e: unknown) => e instanceof InvalidArgumentError && /got NaN/.test(e.message) && /10\^11/.test(e.message),
            );
        });
    });

    describe("bad options", () => {
        const bad: Array<[string, object, string]> = [
            ["warnWithin not longer than failWithin", { warnWithin: "14d", failWithin: "14d" }, "warnWithin"],
            ["warnWithin shorter than failWithin", { warnWithin: "7d", failWithin: "14d" }, "warnWithin"],
            ["a negative failWithin", { failWithin: "-1d" }, "failWithin"],
            ["a duration without a unit", { warnWithin: "30" }, "warnWithin"],
            ["an invalid now", { now: new Date("nope") }, "now"],
            ["a non-boolean includeInactive", { includeInactive: "yes" }, "includeInactive"],
            ["an unknown option", { warnDays: 30 }, "warnDays"],
        ];
        for (const [what, options, argument] of bad) {
            it(`refuses ${what}`, () => {
                assert.throws(
                    () => evaluateCertificateExpiry([], options as never),
                    (e: unknown) => e instanceof InvalidArgumentError && e.argument === argument,
                );
            });
        }
    });
});

describe("assertCertificateExpiry", () => {
    const logger = () => {
        const lines: Array<["warn" | "info", string]> = [];
        return { lines, warn: (m: string) => void lines.push(["warn", m]), info: (m: string) => void lines.push(["info", m]) };
    };

    it("throws CertificateExpiryError listing every failing certificate", () => {
        const log = logger();
        assert.throws(
            () =>
                assertCertificateExpiry(
                    [cert({ id: "cert_a", name: "alpha", expiresIn: "3d" }), cert({ id: "cert_b", name: "beta", expiresIn: "-1d" }), cert({ id: "cert_c", expiresIn: "90d" })],
                    at,
                    log,
                ),
            (e: unknown) =>
                e instanceof CertificateExpiryError &&
                e.code === "certificate_expiry" &&
                e.failures.length === 2 &&
                /cert_a/.test(e.message) &&
                /cert_b/.test(e.message) &&
                !/cert_c/.test(e.message) &&
                e.report.passed === false,
        );
    });

    it("logs each warning and returns the report when the check passes", () => {
        const log = logger();
        const report = assertCertificateExpiry([cert({ id: "cert_w", expiresIn: "20d" }), cert({ id: "cert_ok", expiresIn: "90d" })], at, log);
        assert.equal(report.passed, true);
        assert.equal(log.lines.length, 1);
        assert.equal(log.lines[0][0], "warn");
        assert.match(log.lines[0][1], /cert_w/);
    });
});

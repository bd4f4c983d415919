/**
 * Scenario 3, in a process of its own: CPU time per certificate of our decode (JSON.parse, io-ts
 * check, mapping) plus the expiry evaluation, against JSON.parse alone, on the same pages.
 */
import { decodeOrThrow } from "../provider/api/decode";
import { CertificateListWire } from "../provider/api/codecs";
import { Certificate } from "../provider/api/certificate";
import { toCertificate } from "../provider/api/codecs";
import { evaluateCertificateExpiry } from "../sdk";
import { BENCH_NOW_SECONDS, benchOrganization } from "./organization";

function pagesOf(total: number): string[] {
    const spec = benchOrganization(total, 0);
    const pages: string[] = [];
    for (let i = 0; i < total; i += 100) {
        const data = spec.certificates!.slice(i, i + 100).map((c) => ({
            object: "organization.certificate",
            id: c.id,
            name: c.name,
            created_at: c.createdAt,
            certificate_details: { valid_at: c.validAt, expires_at: c.expiresAt },
            active: c.active,
        }));
        pages.push(JSON.stringify({ object: "list", data, first_id: data[0].id, last_id: data[data.length - 1].id, has_more: i + 100 < total }));
    }
    return pages;
}

function cpuMs(work: () => void): number {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

process.on("message", (message: { total: number; runs: number }) => {
    const pages = pagesOf(message.total);
    let sink = 0;
    const parseOnly = () => {
        for (const text of pages) sink += (JSON.parse(text) as { data: unknown[] }).data.length;
    };
    const decode = (): Certificate[] => {
        const all: Certificate[] = [];
        for (const text of pages) {
            const page = decodeOrThrow(CertificateListWire, JSON.parse(text), "bench");
            for (const wire of page.data) all.push(toCertificate(wire));
        }
        return all;
    };
    const decodeOnly = () => {
        sink += decode().length;
    };
    const decodeAndEvaluate = () => {
        sink += evaluateCertificateExpiry(decode(), { now: new Date(BENCH_NOW_SECONDS * 1000) }).findings.length;
    };
    // Warm up every path so the JIT has compiled them before anything is timed.
    parseOnly();
    decodeOnly();
    decodeAndEvaluate();
    const parse: number[] = [];
    const decoded: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < message.runs; i++) {
        parse.push(cpuMs(parseOnly));
        decoded.push(cpuMs(decodeOnly));
        full.push(cpuMs(decodeAndEvaluate));
    }
    process.send!({ parseMedian: median(parse), decodeMedian: median(decoded), fullMedian: median(full), peakRssMb: process.resourceUsage().maxRSS / 1024, sink });
    process.exit(0);
});

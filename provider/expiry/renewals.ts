import { escapeControlCharacters } from "../api/text-escape";
import { isoFromUnixSeconds } from "../api/iso-time";
import { isExpired, isWithinThreshold } from "./expiry-rule";
import type { CertificateToEvaluate } from "./expiry-report";

/*
 * The renewal rule (issue 25): OpenAI's uploads are the CA certificates that directly sign client
 * certificates. A certificate whose successor has the same subject and the same public key is
 * renewed: every client certificate it signed verifies against the successor (same issuer name, same
 * key), so no client stops connecting when it expires. Same subject with another key is not a
 * renewal: clients holding certificates issued under the old key break. Pulumi-free and pure, like
 * the evaluation that calls it.
 */

/** Clock skew tolerated before a future `validAt` counts as not yet valid (the evaluation's own). */
export const RENEWAL_VALIDITY_SKEW_SECONDS = 300;

/** What the rule found for one certificate that would warn or fail. */
export type RenewalVerdict =
    /** Renewed by `successor`. */
    | { readonly kind: "renewed"; readonly successor: CertificateToEvaluate }
    /** Not renewed, and why (a sentence for the finding's message). */
    | { readonly kind: "notRenewed"; readonly reason: string };

/** The certificates that may succeed another, by subject: built once per evaluation. */
export interface RenewalIndex {
    readonly bySubject: ReadonlyMap<string, readonly CertificateToEvaluate[]>;
    readonly nowSeconds: number;
    readonly failWithinSeconds: number;
}

/**
 * Indexes the active certificates whose key was read, by subject; `undefined` when none has one (the
 * list was read without content, such as from `getCertificates`), so the evaluation pays nothing.
 */
export function renewalIndex(certificates: readonly CertificateToEvaluate[], nowSeconds: number, failWithinSeconds: number): RenewalIndex | undefined {
    let bySubject: Map<string, CertificateToEvaluate[]> | undefined;
    for (const c of certificates) {
        if (c.subject === undefined || c.subject === "" || c.publicKeySha256 === undefined || !(c.activeAnywhere ?? c.active)) continue;
        bySubject ??= new Map();
        const list = bySubject.get(c.subject);
        if (list) list.push(c);
        else bySubject.set(c.subject, [c]);
    }
    return bySubject && { bySubject, nowSeconds, failWithinSeconds };
}

/**
 * Whether `c` (active, and warning or failing on its expiry) is renewed, and by which certificate;
 * or why not, when there is something to say (its content was unreadable, a same-subject certificate
 * has another key, is itself near expiry, or is not active where `c` is). `undefined` when nothing
 * bears on it. Among several successors, the one that expires last.
 */
export function judgeRenewal(c: CertificateToEvaluate, index: RenewalIndex | undefined): RenewalVerdict | undefined {
    if (c.publicKeySha256 === undefined || c.subject === undefined) {
        return c.contentProblem === undefined
            ? undefined
            : { kind: "notRenewed", reason: `Whether it was renewed is unknown: ${escapeControlCharacters(c.contentProblem)}; it is judged as any certificate.` };
    }
    const others = (index?.bySubject.get(c.subject) ?? []).filter((o) => o.id !== c.id);
    let successor: CertificateToEvaluate | undefined;
    for (const o of others) {
        if (o.publicKeySha256 === c.publicKeySha256 && healthy(o, index!) && covers(o, c) && (successor === undefined || o.expiresAt! > successor.expiresAt!)) successor = o;
    }
    if (successor) return { kind: "renewed", successor };
    const sameKey = others.filter((o) => o.publicKeySha256 === c.publicKeySha256);
    const otherKey = others.find((o) => o.publicKeySha256 !== c.publicKeySha256 && healthy(o, index!));
    if (otherKey) {
        return {
            kind: "notRenewed",
            reason:
                `Not a renewal: ${labelOf(otherKey)} has the same subject (${escapeControlCharacters(c.subject)}) but a different public key, ` +
                "so client certificates issued under this one's key stop connecting when it expires. Reissue them under the new key, or renew with the same key.",
        };
    }
    const nearExpiry = sameKey.find((o) => !healthy(o, index!));
    if (nearExpiry) {
        return { kind: "notRenewed", reason: `Not a renewal: ${labelOf(nearExpiry)} has the same subject and public key but is itself ${problemOf(nearExpiry, index!)}.` };
    }
    const elsewhere = sameKey.find((o) => !covers(o, c));
    if (elsewhere) return { kind: "notRenewed", reason: `Not a renewal: ${labelOf(elsewhere)} has the same subject and public key but is not active everywhere this one is.` };
    return undefined;
}

/** Outside the fail threshold, with an expiry, and valid now: a certificate that can take over. */
function healthy(o: CertificateToEvaluate, index: RenewalIndex): boolean {
    if (o.expiresAt === undefined) return false;
    if (o.validAt !== undefined && o.validAt - index.nowSeconds > RENEWAL_VALIDITY_SKEW_SECONDS) return false;
    const remaining = o.expiresAt - index.nowSeconds;
    return !isExpired(remaining) && !isWithinThreshold(remaining, index.failWithinSeconds);
}

function problemOf(o: CertificateToEvaluate, index: RenewalIndex): string {
    if (o.expiresAt === undefined) return "without an expiry date in the API";
    if (o.validAt !== undefined && o.validAt - index.nowSeconds > RENEWAL_VALIDITY_SKEW_SECONDS) return `not valid until ${isoFromUnixSeconds(o.validAt)}`;
    return isExpired(o.expiresAt - index.nowSeconds) ? `expired (on ${isoFromUnixSeconds(o.expiresAt)})` : `within the fail threshold (it expires on ${isoFromUnixSeconds(o.expiresAt)})`;
}

/**
 * Whether `o` is active everywhere `c` is: in one list, active in it; in the organization-wide view
 * (`activeAnywhere` present), active at the organization (inherited by every project) or in each of
 * `c`'s projects, and at the organization if `c` is there (`active` is then the organization's flag).
 */
function covers(o: CertificateToEvaluate, c: CertificateToEvaluate): boolean {
    const oView = o.activeAnywhere !== undefined;
    const cView = c.activeAnywhere !== undefined;
    if (!oView && !cView) return o.active;
    if (oView !== cView) return false;
    if (o.active) return true;
    if (c.active) return false;
    const projects = new Set(o.activeProjectIds ?? []);
    return (c.activeProjectIds ?? []).every((p) => projects.has(p));
}

/** `certificate "name" (id)`, escaped. */
export function labelOf(c: { readonly id: string; readonly name: string | null }): string {
    return `certificate ${c.name === null ? "(unnamed)" : `"${escapeControlCharacters(c.name)}"`} (${escapeControlCharacters(c.id)})`;
}

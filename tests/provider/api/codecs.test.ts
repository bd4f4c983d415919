import { strict as assert } from "assert";
import { CertificateListWire, ListedCertificateWire } from "../../../provider/api/codecs";
import { decodeOrThrow } from "../../../provider/api/decode";
import { toCertificate } from "../../../provider/api/codecs";
import { ResponseValidationError } from "../../../provider/api/errors";

const OPERATION = "GET /organization/certificates (page 1)";
const CREATED_AT = 1_700_000_000;
const EXPIRES_AT = 1_731_536_000;

type Json = Record<string, unknown>;

/** One certificate as the API lists it; `overrides` replace top-level fields, `details` the certificate_details. */
function wireCertificate(overrides: Json = {}, details?: Json): Json {
    return {
        object: "organization.certificate",
        id: "cert_abc",
        name: "My example certificate",
        active: true,
        created_at: CREATED_AT,
        certificate_details: details ?? { valid_at: CREATED_AT, expires_at: EXPIRES_AT },
        ...overrides,
    };
}

/** A list envelope around `items`. */
function envelope(items: Json[], overrides: Json = {}): Json {
    const ids = items.map((i) => i.id).filter((id): id is string => typeof id === "string");
    return {
        object: "list",
        data: items,
        has_more: false,
        first_id: ids[0] ?? null,
        last_id: ids[ids.length - 1] ?? null,
        ...overrides,
    };
}

function decodeList(body: unknown): CertificateListWire {
    return decodeOrThrow(CertificateListWire, body, OPERATION);
}

/** Matches a ResponseValidationError whose issues sit exactly at `paths`. */
function validationErrorAt(...paths: string[]) {
    return (e: unknown): boolean => {
        if (!(e instanceof ResponseValidationError)) return false;
        assert.equal(e.code, "invalid_response");
        assert.equal(e.name, "ResponseValidationError");
        assert.deepEqual(
            e.issues.map((i) => i.path),
            paths,
        );
        assert.ok(e.message.includes(OPERATION), e.message);
        return true;
    };
}

describe("certificate list codec", () => {
    it("decodes a valid list envelope", () => {
        const body = envelope([wireCertificate(), wireCertificate({ id: "cert_def", active: false })], { has_more: true });
        const decoded = decodeList(body);
        assert.equal(decoded.object, "list");
        assert.equal(decoded.has_more, true);
        assert.equal(decoded.first_id, "cert_abc");
        assert.equal(decoded.last_id, "cert_def");
        assert.equal(decoded.data.length, 2);
        assert.equal(decoded.data[0].created_at, CREATED_AT);
        assert.equal(decoded.data[0].certificate_details.expires_at, EXPIRES_AT);
        assert.equal(decoded.data[1].active, false);
    });

    it("decodes an empty list with null first_id and last_id", () => {
        const decoded = decodeList(envelope([]));
        assert.deepEqual(decoded.data, []);
        assert.equal(decoded.last_id, null);
    });

    it("accepts every certificate object type the API documents", () => {
        const items = ["certificate", "organization.certificate", "organization.project.certificate"].map((object, i) =>
            wireCertificate({ object, id: `cert_${i}` }),
        );
        assert.deepEqual(
            decodeList(envelope(items)).data.map((c) => c.object),
            ["certificate", "organization.certificate", "organization.project.certificate"],
        );
    });

    it("accepts fields the API adds later", () => {
        const body = envelope([wireCertificate({ fingerprint: "ab:cd" }, { expires_at: EXPIRES_AT, issuer: "CN=x" })], {
            next_page_token: "whatever",
        });
        const decoded = decodeList(body);
        assert.equal(decoded.data[0].id, "cert_abc");
        assert.equal(decoded.data[0].certificate_details.expires_at, EXPIRES_AT);
    });

    it("accepts a certificate whose name is null", () => {
        assert.equal(decodeList(envelope([wireCertificate({ name: null })])).data[0].name, null);
    });

    it("accepts a certificate without certificate_details.expires_at", () => {
        const decoded = decodeList(envelope([wireCertificate({}, { valid_at: CREATED_AT })]));
        assert.equal(decoded.data[0].certificate_details.expires_at, undefined);
        assert.equal(decoded.data[0].certificate_details.valid_at, CREATED_AT);
    });

    it("accepts timestamps at the edges: 0 and just below 1e11", () => {
        const decoded = decodeList(envelope([wireCertificate({ created_at: 0 }, { expires_at: 99_999_999_999 })]));
        assert.equal(decoded.data[0].created_at, 0);
        assert.equal(decoded.data[0].certificate_details.expires_at, 99_999_999_999);
    });

    it("rejects created_at sent as a string, naming data.0.created_at", () => {
        assert.throws(
            () => decodeList(envelope([wireCertificate({ created_at: String(CREATED_AT) })])),
            (e: unknown) => {
                if (!validationErrorAt("data.0.created_at")(e)) return false;
                const issue = (e as ResponseValidationError).issues[0];
                assert.equal(issue.expected, "UnixSeconds");
                assert.equal(issue.received, JSON.stringify(String(CREATED_AT)));
                return true;
            },
        );
    });

    it("names the index of the bad item in the path", () => {
        const items = [wireCertificate({ id: "cert_1" }), wireCertificate({ id: "cert_2" }), wireCertificate({ id: "cert_3", active: "yes" })];
        assert.throws(() => decodeList(envelope(items)), validationErrorAt("data.2.active"));
    });

    it("reports every bad path once", () => {
        const items = [wireCertificate({ id: 7 }), wireCertificate({ name: 5, created_at: "x" })];
        assert.throws(() => decodeList(envelope(items)), validationErrorAt("data.0.id", "data.1.name", "data.1.created_at"));
    });

    it("rejects a missing has_more at the envelope", () => {
        const body = envelope([wireCertificate()]);
        delete body.has_more;
        assert.throws(() => decodeList(body), validationErrorAt("has_more"));
    });

    it("rejects a body that is not an object, at the empty path", () => {
        assert.throws(() => decodeList("<html>oops</html>"), validationErrorAt(""));
    });

    const badExpiries: Array<[string, number]> = [
        ["negative", -1],
        ["fractional", 1_731_536_000.5],
        ["in milliseconds", 1_700_000_000_000],
        ["exactly 1e11", 1e11],
    ];
    for (const [what, expiresAt] of badExpiries) {
        it(`rejects a ${what} expires_at (${expiresAt}), naming certificate_details.expires_at`, () => {
            assert.throws(
                () => decodeList(envelope([wireCertificate({}, { expires_at: expiresAt })])),
                validationErrorAt("data.0.certificate_details.expires_at"),
            );
        });
    }

    it("rejects a timestamp in milliseconds in valid_at too", () => {
        assert.throws(
            () => decodeList(envelope([wireCertificate({}, { valid_at: 1_700_000_000_000, expires_at: EXPIRES_AT })])),
            validationErrorAt("data.0.certificate_details.valid_at"),
        );
    });

    it("rejects an item whose object is organization.project", () => {
        assert.throws(
            () => decodeList(envelope([wireCertificate({ object: "organization.project" })])),
            validationErrorAt("data.0.object"),
        );
    });

    it("rejects a listed certificate without active", () => {
        const item = wireCertificate();
        delete item.active;
        assert.throws(() => decodeList(envelope([item])), validationErrorAt("data.0.active"));
    });

    it("reports at most 20 issues", () => {
        const items = Array.from({ length: 30 }, (_, i) => wireCertificate({ id: `cert_${i}`, created_at: "bad" }));
        assert.throws(
            () => decodeList(envelope(items)),
            (e: unknown) =>
                e instanceof ResponseValidationError &&
                e.issues.length === 20 &&
                e.issues[0].path === "data.0.created_at" &&
                e.message.includes("and 15 more"),
        );
    });
});

describe("toCertificate", () => {
    function listed(overrides: Json = {}, details?: Json): ListedCertificateWire {
        return decodeList(envelope([wireCertificate(overrides, details)])).data[0];
    }

    it("maps the wire's snake_case to camelCase", () => {
        assert.deepEqual(toCertificate(listed()), {
            id: "cert_abc",
            object: "organization.certificate",
            name: "My example certificate",
            active: true,
            createdAt: CREATED_AT,
            validAt: CREATED_AT,
            expiresAt: EXPIRES_AT,
        });
    });

    it("keeps a null name as null", () => {
        assert.equal(toCertificate(listed({ name: null })).name, null);
    });

    it("leaves out times the API did not send, rather than setting them to undefined", () => {
        const certificate = toCertificate(listed({ active: false }, {}));
        assert.deepEqual(Object.keys(certificate).sort(), ["active", "createdAt", "id", "name", "object"]);
        assert.equal(certificate.active, false);
    });

    it("leaves out validAt alone when only expires_at was sent", () => {
        const certificate = toCertificate(listed({}, { expires_at: EXPIRES_AT }));
        assert.deepEqual(Object.keys(certificate).sort(), ["active", "createdAt", "expiresAt", "id", "name", "object"]);
        assert.equal(certificate.expiresAt, EXPIRES_AT);
    });

    it("does not copy unknown wire fields or the certificate content", () => {
        const certificate = toCertificate(listed({ fingerprint: "ab:cd" }, { expires_at: EXPIRES_AT, content: "-----BEGIN" }));
        assert.ok(!("fingerprint" in certificate));
        assert.ok(!("content" in certificate));
        assert.ok(!("certificate_details" in certificate));
    });

    it("returns plain JSON that survives a round trip unchanged", () => {
        const certificate = toCertificate(listed());
        assert.deepEqual(JSON.parse(JSON.stringify(certificate)), certificate);
    });
});

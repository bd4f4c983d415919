import { strict as assert } from "assert";
import { REDACTED, createRedactor, redact } from "../../../provider/api/redact";

describe("redact", () => {
    it("replaces the exact key, wherever and however often it appears", () => {
        const key = "my-custom-admin-credential-42";
        const out = redact(`key=${key}; again: ${key}.`, [key]);
        assert.equal(out, `key=${REDACTED}; again: ${REDACTED}.`);
    });

    it("replaces a bearer credential, whatever its shape", () => {
        assert.equal(redact("Authorization: Bearer xyz", []), `Authorization: Bearer ${REDACTED}`);
        assert.equal(redact('{"authorization":"bearer abc.def-ghi"}'), `{"authorization":"Bearer ${REDACTED}"}`);
    });

    const keyShapes = [
        "sk-abcdefghijklmnop",
        "sk-proj-AbC123_xyz-789",
        "sk-admin-0123456789abcdef",
        "sk-adm***abcd",
    ];
    for (const key of keyShapes) {
        it(`replaces text shaped like an OpenAI key: ${key}`, () => {
            const out = redact(`Incorrect API key provided: ${key}. You can find your key at ...`);
            assert.equal(out, `Incorrect API key provided: ${REDACTED}. You can find your key at ...`);
            assert.ok(!out.includes(key));
        });
    }

    it("does not use secrets shorter than 8 characters, which would redact ordinary words", () => {
        assert.equal(redact("the project was not found", ["project", "not", ""]), "the project was not found");
    });

    it("uses a secret of exactly 8 characters", () => {
        assert.equal(redact("token abcd1234 refused", ["abcd1234"]), `token ${REDACTED} refused`);
    });

    it("leaves text without secrets unchanged", () => {
        const text = "No such certificate: cert_abc (skip-this is not a key)";
        assert.equal(redact(text, ["sk-admin-0123456789abcdef"]), text);
    });
});

describe("redact: fragments and encodings of the key (issue 12, item 7)", () => {
    const key = "sk-admin-CANARY-7f3a9c1e5b2d4068a1c3e5f7";
    const secretPart = key.slice("sk-admin-".length);
    /** True when no run of 12 characters of the secret part survives in `text`. */
    const holdsNoFragment = (text: string) => {
        for (let i = 0; i + 12 <= secretPart.length; i++) {
            if (text.toLowerCase().includes(secretPart.slice(i, i + 12).toLowerCase())) return false;
        }
        return true;
    };

    it("redacts both halves of a key split across two lines (regression: the second half was kept)", () => {
        for (let cut = 9; cut < key.length; cut++) {
            const out = redact(`Bad credentials: ${key.slice(0, cut)}\n    ${key.slice(cut)} (from the proxy)`, [key]);
            assert.ok(holdsNoFragment(out), `cut at ${cut}: ${out}`);
            assert.ok(out.endsWith(" (from the proxy)"), out);
        }
    });

    it("redacts every fragment of 12 or more characters of the secret part, and keeps shorter ones", () => {
        for (let length = 12; length <= secretPart.length; length++) {
            for (let start = 0; start + length <= secretPart.length; start++) {
                const fragment = secretPart.slice(start, start + length);
                assert.equal(redact(`id=${fragment};`, [key]), `id=${REDACTED};`, fragment);
                assert.equal(redact(`id=${fragment.toUpperCase()};`, [key]), `id=${REDACTED};`, fragment);
            }
        }
        // 11 characters are not enough to tell a key from ordinary text.
        assert.equal(redact(`id=${secretPart.slice(0, 11)};`, [key]), `id=${secretPart.slice(0, 11)};`);
    });

    it("redacts the key's base64, whatever precedes it and in both alphabets (regression: it passed unchanged)", () => {
        for (const prefix of ["", "u:", "user:", "Bearer ", "x"]) {
            for (const encoding of ["base64", "base64url"] as const) {
                const encoded = Buffer.from(prefix + key).toString(encoding);
                const out = redact(`Authorization: Basic ${encoded} was refused`, [key]);
                assert.ok(out.includes(REDACTED), `${prefix}/${encoding}: ${out}`);
                // What is left decodes to no fragment of the key.
                const left = out.replace("Authorization: Basic ", "").replace(" was refused", "").split(REDACTED).map((p) => Buffer.from(p, encoding).toString("latin1"));
                assert.ok(left.every(holdsNoFragment), `${prefix}/${encoding}: ${out}`);
            }
        }
    });

    it("redacts the key's URL encodings: as encodeURIComponent writes it, and every byte escaped", () => {
        const escaped = [...Buffer.from(key)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
        for (const encoded of [encodeURIComponent(`Bearer ${key}`), escaped, escaped.toLowerCase()]) {
            const out = redact(`GET /callback?auth=${encoded}&x=1`, [key]);
            assert.ok(holdsNoFragment(decodeURIComponent(out.replace(/\[REDACTED\]/g, " "))), out);
            assert.ok(out.endsWith("&x=1"), out);
        }
    });

    it("redacts a key whose characters need escaping in a URL", () => {
        const odd = "custom/admin+credential=with:odd&chars";
        const out = redact(`q=${encodeURIComponent(odd)}`, [odd]);
        assert.equal(out, `q=${REDACTED}`);
    });

    it("says [REDACTED] once where a key prefix and a fragment meet", () => {
        assert.equal(redact(`key ${key.slice(0, 20)}`, [key]), `key ${REDACTED}`);
    });
});

describe("createRedactor().contains", () => {
    const key = "sk-admin-CANARY-7f3a9c1e5b2d4068a1c3e5f7";
    const contains = (text: string) => createRedactor([key]).contains(text);

    it("finds the key, a fragment of it and its encodings", () => {
        for (const text of [key, `gateway-${key.slice(15, 30)}`, Buffer.from(`u:${key}`).toString("base64"), key.toLowerCase()]) {
            assert.equal(contains(text), true, text);
        }
    });

    it("does not count text that only looks like a key or a bearer credential", () => {
        for (const text of ["sk-test-gateway-certificate", "Bearer rotation runbook", "cert_00001", secretFree()]) {
            assert.equal(contains(text), false, text);
        }
    });

    function secretFree(): string {
        return "x".repeat(100_000);
    }
});

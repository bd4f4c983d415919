import { strict as assert } from "assert";
import { REDACTED, redact } from "../../provider/redact";

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

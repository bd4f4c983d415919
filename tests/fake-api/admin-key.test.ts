import { strict as assert } from "assert";
import { AuthenticationError, listCertificates } from "../../provider";
import { startFakeOpenAI } from "../../fake-api";
import { rejectionOf } from "../support/fixtures";

describe("the fake API's admin key", () => {
    it("can be rotated: setAdminKey accepts the new key from then on, and refuses the old one", async () => {
        const api = await startFakeOpenAI({ adminKey: "sk-admin-before-rotation" });
        try {
            await listCertificates({ adminKey: "sk-admin-before-rotation", baseUrl: api.baseUrl });
            api.setAdminKey("sk-admin-after-rotation");
            assert.equal(api.adminKey, "sk-admin-after-rotation");
            const refused = await rejectionOf(listCertificates({ adminKey: "sk-admin-before-rotation", baseUrl: api.baseUrl, maxRetries: 0 }));
            assert.ok(refused instanceof AuthenticationError, String(refused));
            await listCertificates({ adminKey: "sk-admin-after-rotation", baseUrl: api.baseUrl });
            assert.deepEqual(
                api.requests.map((r) => r.auth),
                ["valid", "invalid", "valid"],
            );
        } finally {
            await api.close();
        }
    });
});

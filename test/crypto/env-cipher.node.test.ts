import { describe, expect, it, vi } from "vitest";
import { encryptionAtRest, fieldCipher } from "../../src/crypto/env-cipher";

const keys = `k1:${Buffer.alloc(32, 7).toString("base64")}`;

describe("fieldCipher(env)", () => {
  it("without ENCRYPTION_KEYS writes plain text and warns once per isolate", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const off = fieldCipher({});
    fieldCipher({ ENCRYPTION_KEYS: "  " });
    expect(off.enabled).toBe(false);
    expect(await off.seal("plain", "f")).toBe("plain");
    expect(encryptionAtRest({})).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("encryption at rest is OFF: set ENCRYPTION_KEYS");
    warn.mockRestore();
  });

  it("builds one cipher per configuration, so its keys are imported once", () => {
    const env = { ENCRYPTION_KEYS: keys };
    expect(fieldCipher(env)).toBe(fieldCipher({ ...env }));
    expect(fieldCipher(env).currentKid).toBe("k1");
    expect(encryptionAtRest(env)).toBe(true);
  });

  it("names the variable when the ring is malformed", () => {
    expect(() => fieldCipher({ ENCRYPTION_KEYS: "k1:short" })).toThrow("ENCRYPTION_KEYS");
    expect(() => fieldCipher({ ENCRYPTION_KEYS: keys, ENCRYPTION_KEY_ID: "k9" })).toThrow("ENCRYPTION_KEY_ID");
  });
});

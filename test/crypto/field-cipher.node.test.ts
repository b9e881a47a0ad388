import { describe, expect, it } from "vitest";
import { DecryptionError, FieldCipherError, UnknownKeyError } from "../../src/crypto/errors";
import { envelopeKid, FieldCipher, isEnvelope } from "../../src/crypto/field-cipher";
import { KeyRing } from "../../src/crypto/key-ring";

const K1 = Buffer.alloc(32, 1).toString("base64");
const K2 = Buffer.alloc(32, 2).toString("base64url");
const cipherOf = (keys: string, current?: string) => new FieldCipher(KeyRing.parse(keys, current));

describe("FieldCipher", () => {
  it("round-trips text under the current key, with a fresh IV each time", async () => {
    const cipher = cipherOf(`k1:${K1},k2:${K2}`);
    const a = await cipher.seal("Audit the pricing page ✓", "tasks.instructions");
    const b = await cipher.seal("Audit the pricing page ✓", "tasks.instructions");
    expect(a).toMatch(/^enc:v1:k2:[\w-]{16}:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("pricing");
    expect(envelopeKid(a)).toBe("k2");
    expect(await cipher.open(a, "tasks.instructions")).toBe("Audit the pricing page ✓");
  });

  it("writes under ENCRYPTION_KEY_ID and still reads every key on the ring", async () => {
    const old = await cipherOf(`k1:${K1}`).seal("old", "f");
    const cipher = cipherOf(`k1:${K1} k2:${K2}`, "k2");
    expect(cipher.isCurrent(old)).toBe(false);
    expect(await cipher.open(old, "f")).toBe("old");
    const fresh = await cipher.seal("new", "f");
    expect(cipher.isCurrent(fresh)).toBe(true);
  });

  it("refuses a tampered ciphertext with a DecryptionError", async () => {
    const cipher = cipherOf(`k1:${K1}`);
    const sealed = await cipher.seal("hello world", "f");
    const last = sealed.at(-2) === "A" ? "B" : "A";
    const tampered = `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`;
    await expect(cipher.open(tampered, "f")).rejects.toBeInstanceOf(DecryptionError);
  });

  it("refuses a value moved to another field (wrong AAD)", async () => {
    const cipher = cipherOf(`k1:${K1}`);
    const sealed = await cipher.seal("secret", "tasks.instructions");
    await expect(cipher.open(sealed, "task_messages.text")).rejects.toMatchObject({ code: "decryption_failed" });
  });

  it("names the missing key when the envelope's key left the ring", async () => {
    const sealed = await cipherOf(`k1:${K1}`).seal("x", "f");
    const error = await cipherOf(`k2:${K2}`)
      .open(sealed, "f")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownKeyError);
    expect((error as Error).message).toContain('"k1"');
    await expect(new FieldCipher(null).open(sealed, "f")).rejects.toMatchObject({ code: "unknown_key" });
  });

  it("reads legacy plain text as it is, and writes plain text when off", async () => {
    const cipher = cipherOf(`k1:${K1}`);
    expect(await cipher.open("written before encryption", "f")).toBe("written before encryption");
    expect(await cipher.openJson({ a: 1 }, "f")).toEqual({ a: 1 });
    const off = new FieldCipher(null);
    expect(await off.seal("plain", "f")).toBe("plain");
    expect(off.isCurrent("plain")).toBe(true);
    expect(cipher.isCurrent("plain")).toBe(false);
  });

  it("seals JSON values as an envelope string and nulls as null", async () => {
    const cipher = cipherOf(`k1:${K1}`);
    const sealed = await cipher.sealJson({ summary: "done", deliverable: "# Report" }, "tasks.output");
    expect(isEnvelope(sealed)).toBe(true);
    expect(await cipher.openJson(sealed, "tasks.output")).toEqual({ summary: "done", deliverable: "# Report" });
    expect(await cipher.sealJson(null, "tasks.output")).toBeNull();
    expect(await cipher.sealNullable(null, "f")).toBeNull();
  });
});

describe("KeyRing.parse", () => {
  it.each([
    ["", "lists no key"],
    ["k1", "<id>:<base64"],
    [`k1:${Buffer.alloc(16).toString("base64")}`, "32 bytes"],
    [`k1:${K1},k1:${K2}`, "twice"],
    ["k1:@@@@", "not base64"],
    [`bad id:${K1}`, "<id>:<base64"],
  ])("refuses %j", (secret, message) => {
    expect(() => KeyRing.parse(secret)).toThrow(FieldCipherError);
    expect(() => KeyRing.parse(secret)).toThrow(message);
  });

  it("refuses a current id that is not on the ring", () => {
    expect(() => KeyRing.parse(`k1:${K1}`, "k9")).toThrow('ENCRYPTION_KEY_ID "k9"');
  });

  it("defaults the current key to the last listed and imports each key once", async () => {
    const ring = KeyRing.parse(`k1:${K1},k2:${K2}`);
    expect(ring.current).toBe("k2");
    expect(ring.ids).toEqual(["k1", "k2"]);
    expect(ring.key("k1")).toBe(ring.key("k1"));
  });
});

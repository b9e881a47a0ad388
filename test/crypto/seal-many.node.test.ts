import { describe, expect, it } from "vitest";
import { fromBase64, toBase64Url } from "../../src/crypto/base64url";
import { DecryptionError } from "../../src/crypto/errors";
import { envelopeKid, FieldCipher } from "../../src/crypto/field-cipher";
import { KeyRing } from "../../src/crypto/key-ring";

const K1 = Buffer.alloc(32, 1).toString("base64");
const K2 = Buffer.alloc(32, 2).toString("base64url");
const ivOf = (envelope: string) => envelope.split(":")[3];

describe("FieldCipher.sealMany", () => {
  it("seals each value as its own envelope under the current key, in order, each with a fresh IV", async () => {
    const cipher = new FieldCipher(KeyRing.parse(`k1:${K1},k2:${K2}`));
    const plains = ["same", "same", "other ✓", ""];
    const sealed = await cipher.sealMany(plains, "events.payload");
    expect(sealed.every((s) => envelopeKid(s) === "k2")).toBe(true);
    expect(new Set(sealed.map(ivOf)).size).toBe(sealed.length);
    expect(sealed[0]).not.toBe(sealed[1]);
    expect(await Promise.all(sealed.map((s) => cipher.open(s, "events.payload")))).toEqual(plains);
    // Bound to the field like `seal`.
    await expect(cipher.open(sealed[0] ?? "", "tasks.instructions")).rejects.toBeInstanceOf(DecryptionError);
  });

  it("draws distinct IVs past one call's worth of random bytes (more than 5,461 values)", async () => {
    const cipher = new FieldCipher(KeyRing.parse(`k1:${K1}`));
    const plains = Array.from({ length: 6_000 }, (_, i) => `v${i}`);
    const sealed = await cipher.sealMany(plains, "f");
    expect(new Set(sealed.map(ivOf)).size).toBe(6_000);
    // The last IVs are random too, not left zero by a short fill.
    expect(sealed.slice(-3).map(ivOf)).not.toContain(toBase64Url(new Uint8Array(12)));
    expect(await cipher.open(sealed.at(-1) ?? "", "f")).toBe("v5999");
  });

  it("seals JSON values, keeps nulls, and writes plain values when encryption is off", async () => {
    const cipher = new FieldCipher(KeyRing.parse(`k1:${K1}`));
    const sealed = await cipher.sealJsonMany([{ a: 1 }, null, undefined, [2]], "f");
    expect(sealed[1]).toBeNull();
    expect(sealed[2]).toBeNull();
    expect(await cipher.openJson(sealed[0], "f")).toEqual({ a: 1 });
    expect(await cipher.openJson(sealed[3], "f")).toEqual([2]);
    const off = new FieldCipher(null);
    expect(await off.sealJsonMany([{ a: 1 }, undefined], "f")).toEqual([{ a: 1 }, null]);
    expect(await off.sealMany(["x"], "f")).toEqual(["x"]);
    expect(await cipher.sealMany([], "f")).toEqual([]);
  });
});

describe("toBase64Url", () => {
  it("encodes without padding in the URL alphabet, and round-trips through fromBase64", () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
    const text = toBase64Url(bytes);
    expect(text).toBe(Buffer.from(bytes).toString("base64url"));
    expect(fromBase64(text)).toEqual(bytes);
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
  });
});

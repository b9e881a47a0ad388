import { describe, expect, it } from "vitest";
import { LAST_USED_RESOLUTION_MS, shouldWriteUse } from "../../src/http/key-usage";

describe("coalesced last_used_at", () => {
  it("writes a key's first use, then nothing until the resolution has passed", () => {
    const t = 1_000_000_000;
    expect(shouldWriteUse("key_a", null, t)).toBe(true);
    expect(shouldWriteUse("key_a", null, t + 1000)).toBe(false); // this isolate wrote it just now
    expect(shouldWriteUse("key_a", null, t + LAST_USED_RESOLUTION_MS - 1)).toBe(false);
    expect(shouldWriteUse("key_a", null, t + LAST_USED_RESOLUTION_MS)).toBe(true);
  });

  it("trusts a recent stored value written by another isolate", () => {
    const t = 2_000_000_000;
    expect(shouldWriteUse("key_b", t - 1000, t)).toBe(false);
    expect(shouldWriteUse("key_b", t - LAST_USED_RESOLUTION_MS, t)).toBe(true);
  });
});

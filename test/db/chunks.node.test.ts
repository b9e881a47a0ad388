import { describe, expect, it } from "vitest";
import { chunkForParams } from "../../src/db/chunk";
import { jsonChunks } from "../../src/db/json-rows";

describe("chunkForParams", () => {
  it("keeps every statement within D1's 100 bound parameters", () => {
    const chunks = chunkForParams(
      Array.from({ length: 25 }, (_, i) => i),
      11,
    );
    expect(chunks.map((c) => c.length)).toEqual([9, 9, 7]);
  });
});

describe("jsonChunks", () => {
  it("keeps each chunk under the byte bound, counting UTF-8 bytes", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ i, text: "日".repeat(10_000) })); // ~30 KB each
    const chunks = jsonChunks(rows, 80 * 1024);
    for (const c of chunks) expect(new TextEncoder().encode(c).byteLength).toBeLessThanOrEqual(80 * 1024);
    expect(chunks.flatMap((c) => JSON.parse(c) as unknown[])).toEqual(rows);
  });
});

import { describe, expect, it } from "vitest";
import { fieldPath } from "../../src/http/validate";
import { chunkForParams } from "../../src/db/chunk";
import { secretsEqual } from "../../src/http/auth";

describe("fieldPath", () => {
  it("names nested fields the way a client writes them", () => {
    expect(fieldPath(["events", 0, "payload", "title"])).toBe("events[0].payload.title");
    expect(fieldPath([])).toBe("body");
  });
});

describe("chunkForParams", () => {
  it("keeps every statement within D1's 100 bound parameters", () => {
    const chunks = chunkForParams(Array.from({ length: 25 }, (_, i) => i), 11);
    expect(chunks.map((c) => c.length)).toEqual([9, 9, 7]);
  });
});

describe("secretsEqual", () => {
  it("compares secrets of any length", async () => {
    expect(await secretsEqual("abc", "abc")).toBe(true);
    expect(await secretsEqual("abc", "abcd")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { secretsEqual } from "../../src/http/auth";

describe("secretsEqual", () => {
  it("compares secrets of any length", async () => {
    expect(await secretsEqual("abc", "abc")).toBe(true);
    expect(await secretsEqual("abc", "abcd")).toBe(false);
    expect(await secretsEqual("", "abc")).toBe(false);
  });
});

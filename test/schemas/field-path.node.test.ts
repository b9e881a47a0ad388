import { describe, expect, it } from "vitest";
import { fieldPath } from "../../src/schemas/field-path";

describe("fieldPath", () => {
  it("names nested fields the way a client writes them", () => {
    expect(fieldPath(["events", 0, "payload", "title"])).toBe("events[0].payload.title");
    expect(fieldPath([])).toBe("body");
    expect(fieldPath([], "input")).toBe("input");
  });
});

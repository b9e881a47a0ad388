import { describe, expect, it } from "vitest";
import { DeadlineExceeded, millisecondsVar, withDeadline } from "../../src/resilience/deadline";

describe("withDeadline", () => {
  it("answers what the work answers, in time", async () => {
    await expect(withDeadline(Promise.resolve(42), 1_000, "work")).resolves.toBe(42);
    await expect(withDeadline(Promise.reject(new Error("boom")), 1_000, "work")).rejects.toThrow("boom");
  });

  it("gives up on work that does not answer, naming it and the wait", async () => {
    const never = new Promise<never>(() => {});
    const error = await withDeadline(never, 20, "agent a1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect(error).toMatchObject({ what: "agent a1", ms: 20, message: "agent a1 did not answer within 20 ms" });
  });
});

describe("millisecondsVar", () => {
  it("reads a positive whole number of milliseconds, and falls back on anything else", () => {
    expect(millisecondsVar("3000", 60_000)).toBe(3_000);
    for (const bad of [undefined, "", "0", "-5", "1.5", "soon"]) expect(millisecondsVar(bad, 60_000)).toBe(60_000);
  });
});

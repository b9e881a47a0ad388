import { afterEach, describe, expect, it, vi } from "vitest";
import { DeadlineExceeded, millisecondsVar, withDeadline } from "../../src/resilience/deadline";

describe("withDeadline", () => {
  it("answers what the work answers, in time", async () => {
    await expect(withDeadline(Promise.resolve(42), 1_000, "work")).resolves.toBe(42);
    await expect(withDeadline(Promise.reject(new Error("boom")), 1_000, "work")).rejects.toThrow("boom");
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("clears its timer once the work answered", async () => {
    vi.useFakeTimers();
    await withDeadline(Promise.resolve("done"), 60_000, "work");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets work it gave up on fail later without an unhandled rejection", async () => {
    let fail: (e: Error) => void = () => {};
    const late = new Promise<never>((_, reject) => {
      fail = reject;
    });
    await expect(withDeadline(late, 10, "work")).rejects.toBeInstanceOf(DeadlineExceeded);
    fail(new Error("too late"));
    // vitest fails the run on an unhandled rejection; give it a turn to surface.
    await new Promise((r) => setTimeout(r, 20));
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
    // Past setTimeout's longest delay a timer fires at once: held to it instead.
    expect(millisecondsVar(String(2 ** 40), 60_000)).toBe(2 ** 31 - 1);
  });
});

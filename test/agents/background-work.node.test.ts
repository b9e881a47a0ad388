import { describe, expect, it } from "vitest";
import { BackgroundWork } from "../../src/agents/background-work";

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("BackgroundWork", () => {
  it("hands each piece of work to waitUntil and waits for all of it, work added meanwhile included", async () => {
    const handed: Promise<unknown>[] = [];
    const work = new BackgroundWork((p) => handed.push(p));
    expect(await work.settled()).toBe(false); // nothing to wait for

    const log: string[] = [];
    work.add(later(20, "a").then((v) => log.push(v)));
    work.add(
      later(5, "b").then((v) => {
        log.push(v);
        work.add(later(30, "c").then((c) => log.push(c))); // started by earlier work, while waiting
      }),
    );
    expect(await work.settled()).toBe(true);
    expect(log).toEqual(["b", "a", "c"]);
    expect(handed).toHaveLength(3);
    expect(await work.settled()).toBe(false);
  });

  it("waits past work that fails, and leaves its rejection to waitUntil", async () => {
    const handed: Promise<unknown>[] = [];
    const work = new BackgroundWork((p) => handed.push(p));
    work.add(Promise.reject(new Error("cache down")));
    work.add(later(10, "done"));
    expect(await work.settled()).toBe(true);
    await expect(handed[0]).rejects.toThrow("cache down");
  });
});

import { describe, expect, it } from "vitest";
import { OneAtATime } from "../../src/agents/one-at-a-time";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("OneAtATime", () => {
  it("runs calls made together one after another, in the order they came", async () => {
    const gate = new OneAtATime();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    expect(await Promise.all([gate.run(job("a")), gate.run(job("b")), gate.run(job("c"))])).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("gives a run's rejection to its own caller only; the next run still goes", async () => {
    const gate = new OneAtATime();
    const failing = gate.run(async () => {
      await tick();
      throw new Error("boom");
    });
    const next = gate.run(async () => "ran");
    await expect(failing).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ran");
  });

  it("lets others wait for the run under way without running anything", async () => {
    const gate = new OneAtATime();
    expect(await gate.settled()).toBe(false);
    let done = false;
    const run = gate.run(async () => {
      await tick();
      done = true;
    });
    expect(await gate.settled()).toBe(true);
    expect(done).toBe(true);
    await run;
    expect(await gate.settled()).toBe(false);
  });
});

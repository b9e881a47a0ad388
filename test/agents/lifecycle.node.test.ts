import { describe, expect, it } from "vitest";
import { canTransition } from "../../src/agents/lifecycle";
import { LIFECYCLE_STATES } from "../../src/schemas/lifecycle";

describe("agent lifecycle", () => {
  it("allows exactly spawning → active ⇄ paused → retired", () => {
    const allowed = LIFECYCLE_STATES.flatMap((from) =>
      LIFECYCLE_STATES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual([
      "active→paused",
      "active→retired",
      "paused→active",
      "paused→retired",
      "spawning→active",
      "spawning→retired",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { canTransition } from "../../src/agents/lifecycle";
import { LIFECYCLE_STATES } from "../../src/schemas/lifecycle";

describe("agent lifecycle", () => {
  it("allows exactly spawning → active ⇄ paused → (retiring →) retired", () => {
    const allowed = LIFECYCLE_STATES.flatMap((from) =>
      LIFECYCLE_STATES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual([
      "active→paused",
      "active→retired",
      "active→retiring",
      "paused→active",
      "paused→retired",
      "paused→retiring",
      "retiring→retired",
      "spawning→active",
      "spawning→retired",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "../../src/wake/backoff";

describe("retry backoff", () => {
  it("grows exponentially with jitter inside [ceiling/2, ceiling], capped", () => {
    expect(retryDelaySeconds(1, 2, 300, () => 0)).toBe(1);
    expect(retryDelaySeconds(1, 2, 300, () => 1)).toBe(2);
    expect(retryDelaySeconds(3, 2, 300, () => 1)).toBe(8);
    expect(retryDelaySeconds(3, 2, 300, () => 0)).toBe(4);
    expect(retryDelaySeconds(20, 2, 300, () => 1)).toBe(300);
  });

  it("retries at once when the base is zero", () => {
    expect(retryDelaySeconds(5, 0)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { type Candidate, pickLeastLoaded, shardOf } from "../../src/organisation/balancer";
import { coeOfRole } from "../../src/organisation/raci";

const c = (instanceId: string, open: number): Candidate => ({ instanceId, hireId: `h-${instanceId}`, open });

describe("the coordinator's balancing", () => {
  it("picks the least loaded, then whoever had work longest ago, then by id", () => {
    expect(pickLeastLoaded([c("a", 2), c("b", 0), c("c", 1)], new Map())?.instanceId).toBe("b");
    expect(pickLeastLoaded([c("a", 0), c("b", 0)], new Map([["a", 5]]))?.instanceId).toBe("b");
    expect(pickLeastLoaded([c("b", 0), c("a", 0)], new Map())?.instanceId).toBe("a");
    expect(pickLeastLoaded([], new Map())).toBeUndefined();
  });

  it("takes turns over equal agents: ten picks over three split 4/3/3", () => {
    const last = new Map<string, number>();
    const counts = new Map<string, number>();
    for (let turn = 1; turn <= 10; turn++) {
      const picked = pickLeastLoaded([c("x", 0), c("y", 0), c("z", 0)], last);
      if (!picked) throw new Error("no pick");
      last.set(picked.instanceId, turn);
      counts.set(picked.instanceId, (counts.get(picked.instanceId) ?? 0) + 1);
    }
    expect([...counts.values()].sort()).toEqual([3, 3, 4]);
  });

  it("spreads customers over shards stably and evenly", () => {
    expect(shardOf("cus_1", 16)).toBe(shardOf("cus_1", 16));
    expect(shardOf("anything", 1)).toBe(0);
    const perShard = new Array(16).fill(0) as number[];
    for (let i = 0; i < 1600; i++) {
      const s = shardOf(`cus_${i}`, 16);
      perShard[s] = (perShard[s] ?? 0) + 1;
    }
    expect(Math.min(...perShard)).toBeGreaterThan(60);
    expect(Math.max(...perShard)).toBeLessThan(140);
  });

  it("knows every role of the RACI matrices by its CoE", () => {
    expect(coeOfRole("account-executive")).toBe("sales");
    expect(coeOfRole("seo")).toBe("marketing");
    expect(coeOfRole("customer-success")).toBe("support");
    expect(coeOfRole("astronaut")).toBeUndefined();
  });
});

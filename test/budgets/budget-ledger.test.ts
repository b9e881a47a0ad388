import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { BudgetDO } from "../../durable-objects/budget";
import { RESERVATION_TTL_MS } from "../../src/budgets/budget-ledger";
import { env, unique } from "../helpers";

const limits = { tokensPerDay: 1_000, usdPerMonth: 1, llmCallsPerMinute: 100 };
const budget = () => env.BUDGET.get(env.BUDGET.idFromName(unique("budget")));

describe("budget ledger (one Durable Object per budget)", () => {
  it("reserves within the limits and refuses what would exceed one, naming the window", async () => {
    const b = budget();
    expect(await b.reserve("r1", limits, { tokens: 600, usd: 0.1 }, 0.8)).toMatchObject({ ok: true, reservationId: "r1" });
    const refused = await b.reserve("r2", limits, { tokens: 600, usd: 0.1 }, 0.8);
    expect(refused).toMatchObject({ ok: false, window: "tokensPerDay", used: 600, limit: 1_000 });
    expect(refused.alerts).toEqual([expect.objectContaining({ level: "exceeded", window: "tokensPerDay" })]);
  });

  it("never lets concurrent reservations spend the same headroom twice", async () => {
    const b = budget();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => b.reserve(`r${i}`, limits, { tokens: 300, usd: 0.01 }, 0.8)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const usage = await b.usage(limits);
    const tokens = usage.windows.find((w) => w.window === "tokensPerDay");
    expect((tokens?.used ?? 0) + (tokens?.reserved ?? 0)).toBe(900);
  });

  it("settles actual usage in place of the estimate and warns once at the threshold", async () => {
    const b = budget();
    await b.reserve("r1", limits, { tokens: 500, usd: 0.5 }, 0.8);
    expect(await b.settle("r1", { tokens: 700, usd: 0.2 }, limits, 0.8)).toEqual([]); // 70%: no alert yet
    await b.reserve("r2", limits, { tokens: 50, usd: 0.01 }, 0.8);
    const alerts = await b.settle("r2", { tokens: 150, usd: 0.01 }, limits, 0.8);
    expect(alerts).toEqual([expect.objectContaining({ level: "warning", window: "tokensPerDay", used: 850, limit: 1_000 })]);
    const again = await b.reserve("r3", limits, { tokens: 10, usd: 0.01 }, 0.8);
    expect(again.alerts).toEqual([]); // warned already this period
    expect(await b.settle("r3", { tokens: 10, usd: 0.01 }, limits, 0.8)).toEqual([]);
    const usage = await b.usage(limits);
    expect(usage.windows.find((w) => w.window === "usdPerMonth")?.used).toBeCloseTo(0.22, 10);
    expect(usage.windows.find((w) => w.window === "llmCallsPerMinute")).toMatchObject({ used: 3 });
  });

  it("releases a reservation whose call was never made", async () => {
    const b = budget();
    await b.reserve("r1", limits, { tokens: 900, usd: 0.1 }, 0.8);
    await b.release("r1");
    expect(await b.reserve("r2", limits, { tokens: 900, usd: 0.1 }, 0.8)).toMatchObject({ ok: true });
  });

  it("charges a reservation that was never settled at its estimate once it expires", async () => {
    const b = budget();
    await b.reserve("lost", limits, { tokens: 400, usd: 0.3 }, 0.8);
    await runInDurableObject(b, (_instance: BudgetDO, state) => {
      state.storage.sql.exec(`UPDATE reservations SET expires_at = ?`, Date.now() - 1);
    });
    const tokens = (await b.usage(limits)).windows.find((w) => w.window === "tokensPerDay");
    expect(tokens).toMatchObject({ used: 400, reserved: 0 });
    expect(await b.settle("lost", { tokens: 1, usd: 0 }, limits, 0.8)).toEqual([]); // too late: already charged
    expect(RESERVATION_TTL_MS).toBeGreaterThan(60_000);
  });

  it("an operator override wins over the caller's defaults until it is removed", async () => {
    const b = budget();
    await b.setLimits({ tokensPerDay: 10, usdPerMonth: 1, llmCallsPerMinute: 1 });
    expect(await b.reserve("r1", limits, { tokens: 20, usd: 0 }, 0.8)).toMatchObject({ ok: false, limit: 10 });
    expect((await b.usage(limits)).overridden).toBe(true);
    await b.setLimits(null);
    expect(await b.reserve("r2", limits, { tokens: 20, usd: 0 }, 0.8)).toMatchObject({ ok: true });
  });
});

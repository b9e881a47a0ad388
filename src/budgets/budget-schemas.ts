import { z } from "zod";

/** Spending limits of one agent or one customer. A limit of 0 allows no LLM use at all. */
export const BudgetLimits = z
  .object({
    tokensPerDay: z.number().int().nonnegative(),
    usdPerMonth: z.number().nonnegative(),
    llmCallsPerMinute: z.number().int().nonnegative(),
  })
  .meta({ id: "BudgetLimits" });
export type BudgetLimits = z.infer<typeof BudgetLimits>;

export const BUDGET_WINDOWS = ["tokensPerDay", "usdPerMonth", "llmCallsPerMinute"] as const;
export type BudgetWindow = (typeof BUDGET_WINDOWS)[number];

export interface Spend {
  tokens: number;
  usd: number;
}

export interface WindowUsage {
  window: BudgetWindow;
  /** The calendar period: `2026-11-25`, `2026-11`, or the minute `2026-11-25T10:31`. UTC. */
  period: string;
  used: number;
  reserved: number;
  limit: number;
}

/** Sent by the ledger when a budget crosses the warning threshold or is exhausted (once per period). */
export interface BudgetAlert {
  level: "warning" | "exceeded";
  window: BudgetWindow;
  period: string;
  used: number;
  limit: number;
}

export type Reservation =
  | { ok: true; reservationId: string; alerts: BudgetAlert[] }
  | { ok: false; window: BudgetWindow; used: number; limit: number; alerts: BudgetAlert[] };

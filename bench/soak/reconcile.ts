/**
 * Reconciliation from the records alone: the platform's GET /v1/admin/reconciliation (every
 * event accounted for exactly once, decisions, dead letters, tasks), the model spend in the
 * agents' budget ledgers against the decisions' recorded cost, and the dead letters replayed.
 */
import { forEachBounded } from "../lib/load";
import { counterTotal, scrape } from "../lib/observability";
import type { WaooawDriver } from "../lib/waooaw-driver";
import type { Reconciliation } from "../../src/schemas/operator-views";
import { ACCOUNTED_EVENT_CLASSES } from "../../src/schemas/operator-views";
import { withRetry } from "./drive";

export async function reconcile(driver: WaooawDriver, since: number): Promise<Reconciliation> {
  return (await withRetry("reconciliation", () =>
    driver.api(`/v1/admin/reconciliation?since=${since}`, { timeoutMs: 300_000 }),
  )) as Reconciliation;
}

/** The accounting as a fixed-width table, for the console and the results file. */
export function accountingTable(r: Reconciliation, title: string): string {
  const rows: [string, string | number, string][] = [];
  for (const [k, n] of Object.entries(r.events.byClass))
    rows.push([`events ${k}`, n, ACCOUNTED_EVENT_CLASSES.includes(k as never) ? "accounted" : n ? "DISCREPANCY" : "ok"]);
  rows.push(["events total", r.events.total, ""]);
  for (const [k, n] of Object.entries(r.wakes.byOutcome)) rows.push([`wakes ${k}`, n, ""]);
  rows.push(["decisions", r.decisions.total, ""]);
  rows.push(["decisions twice per (event, agent)", r.decisions.duplicatePairs, r.decisions.duplicatePairs ? "DISCREPANCY" : "ok"]);
  rows.push(["budget charged twice (USD)", r.decisions.duplicateCostUsd.toFixed(6), r.decisions.duplicateCostUsd ? "DISCREPANCY" : "ok"]);
  rows.push(["decided wakes without decision", r.decisions.missing, r.decisions.missing ? "DISCREPANCY" : "ok"]);
  rows.push(["decisions without wake", r.decisions.orphaned, r.decisions.orphaned ? "DISCREPANCY" : "ok"]);
  rows.push(["dead letters", r.deadLetters.total, ""]);
  rows.push(["dead letters without reason", r.deadLetters.withoutReason, r.deadLetters.withoutReason ? "DISCREPANCY" : "ok"]);
  rows.push(["dead letters replayed", r.deadLetters.replayed, ""]);
  rows.push(["replayed, not delivered", r.deadLetters.replayedNotDelivered, r.deadLetters.replayedNotDelivered ? "DISCREPANCY" : "ok"]);
  rows.push(["dead letters replayable", r.deadLetters.replayable, ""]);
  for (const [k, n] of Object.entries(r.tasks.byStatus)) rows.push([`tasks ${k}`, n, k === "queued" ? "visible" : "terminal"]);
  rows.push(["tasks or messages stuck queued", r.tasks.stuck, r.tasks.stuck ? "DISCREPANCY" : "ok"]);
  if (r.github.deliveries > 0) {
    for (const [k, n] of Object.entries(r.github.byOutcome)) rows.push([`GitHub deliveries ${k}`, n, ""]);
    rows.push(["GitHub deliveries without their event", r.github.withoutEvent, r.github.withoutEvent ? "DISCREPANCY" : "ok"]);
    rows.push(["GitHub deliveries in flight", r.github.unsettled, r.github.unsettled ? "DISCREPANCY" : "ok"]);
    for (const [k, n] of Object.entries(r.github.outputs)) rows.push([`GitHub outputs ${k}`, n, ""]);
  }
  const w = Math.max(...rows.map((x) => x[0].length));
  const v = Math.max(...rows.map((x) => String(x[1]).length));
  const lines = rows.map(([a, b, c]) => `  ${a.padEnd(w)}  ${String(b).padStart(v)}  ${c}`);
  return [
    `${title}: ${r.ok ? "reconciles" : `${r.discrepancies.length} discrepancy(ies)`}`,
    ...lines,
    ...r.discrepancies.map((d) => `  ! ${d}`),
  ].join("\n");
}

interface DeadLetterItem {
  id: string;
  eventId: string | null;
  error: string;
  replayCount: number;
}

/** Replays every dead letter not replayed yet (the admin API, as an operator would); answers how many. */
export async function replayDeadLetters(driver: WaooawDriver): Promise<{ replayed: number; failed: string[] }> {
  const items: DeadLetterItem[] = [];
  let cursor: string | null = null;
  do {
    const page = (await driver.api(`/v1/admin/dlq?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)) as {
      items: DeadLetterItem[];
      nextCursor: string | null;
    };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const todo = items.filter((d) => d.replayCount === 0);
  const failed: string[] = [];
  let replayed = 0;
  await forEachBounded(todo, 4, async (d) => {
    try {
      await withRetry(`replay ${d.id}`, () => driver.api(`/v1/admin/dlq/${d.id}/replay`, { method: "POST", body: {} }));
      replayed++;
    } catch (err) {
      failed.push(`${d.id}: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`);
    }
  });
  return { replayed, failed };
}

export interface LedgerCheck {
  agents: number;
  /** Agents whose ledger holds more than their decisions cost (beyond rounding and open reservations). */
  overcharged: string[];
  ledgerUsd: number;
  decisionsUsd: number;
}

/**
 * No budget charged twice, from the ledgers' side: for the agents that spent most, the month's
 * spend in their budget ledger (a Durable Object) must not exceed what their decisions in D1 cost.
 */
export async function checkLedgers(driver: WaooawDriver, since: number, top = 25): Promise<LedgerCheck> {
  const costs = (await driver.api(`/v1/admin/costs?groupBy=agent&since=${since}&limit=${top}`)) as {
    items: { key: string; costUsd: number }[];
  };
  const out: LedgerCheck = { agents: 0, overcharged: [], ledgerUsd: 0, decisionsUsd: 0 };
  for (const item of costs.items.filter((i) => i.costUsd > 0)) {
    const budget = (await driver.api(`/v1/admin/budgets/agents/${encodeURIComponent(item.key)}`)) as {
      windows: { window: string; used: number; reserved: number }[];
    };
    const month = budget.windows.find((w) => w.window === "usdPerMonth");
    if (!month) continue;
    out.agents++;
    out.ledgerUsd += month.used;
    out.decisionsUsd += item.costUsd;
    // A reservation whose caller died (an aborted wake) is charged at its estimate: it may exceed the decision's cost, never double it.
    if (month.used > item.costUsd * 1.01 + 1e-6 && month.used >= item.costUsd * 2 - 1e-9)
      out.overcharged.push(`${item.key}: ledger ${month.used.toFixed(6)} USD, decisions ${item.costUsd.toFixed(6)} USD`);
  }
  return out;
}

/**
 * How often the consumer gave up waiting (from /metrics, `waooaw_errors_total` by stage): on a
 * stuck agent (`wake_timeout`, one per event it held) and on a whole batch (`batch_timeout`).
 */
export async function timeouts(driver: WaooawDriver): Promise<{ wakes: number; batches: number }> {
  const text = await withRetry("metrics", () => scrape(driver));
  const stage = (name: string) => counterTotal(text, "waooaw_errors_total", { stage: name });
  return { wakes: stage("wake_timeout"), batches: stage("batch_timeout") };
}

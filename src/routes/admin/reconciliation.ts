import { Hono } from "hono";
import { queryOf } from "../../http/validate";
import { ACCOUNTED_EVENT_CLASSES, RECONCILED_EVENT_CLASSES, type Reconciliation, ReconciliationQuery } from "../../schemas/operator-views";
import type { AppEnv } from "../../types";
import { retentionCutoff } from "../../wake/retention";
import { reconciliationStatements } from "./reconciliation-sql";

type Tally = { k: string; n: number };

const tally = (rows: Tally[] = []): Record<string, number> => Object.fromEntries(rows.map((r) => [r.k ?? "null", r.n]));
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/**
 * The records reconciled: every event received since `since` accounted for exactly once
 * (decided, dead-lettered with its reason, or deliberately ignored), no decision twice for one
 * (event, agent), every task terminal or visible, every GitHub delivery's event recorded (and
 * where its GitHub outputs are). Set-based aggregates in one D1 batch, so it
 * answers in production at any size; what the soak harness checks after a run.
 */
export const adminReconciliationRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { since } = queryOf(c, ReconciliationQuery);
  const results = await c.env.DB.batch<Record<string, number | string | null>>(
    reconciliationStatements(c.env.DB, since, retentionCutoff(c.env)),
  );
  const rows = (i: number) => (results[i]?.results ?? []) as unknown[];
  const one = (i: number) => (rows(i)[0] ?? {}) as Record<string, number | null>;
  const num = (v: number | null | undefined) => Number(v ?? 0);

  const found = tally(rows(0) as Tally[]);
  const byClass = Object.fromEntries(RECONCILED_EVENT_CLASSES.map((k) => [k, found[k] ?? 0])) as Reconciliation["events"]["byClass"];
  const byOutcome = tally(rows(1) as Tally[]);
  const d = one(2);
  const dl = one(3);
  const byStatus = tally(rows(4) as Tally[]);
  const stuck = num(one(5)["stuck"]);
  const g = one(6);
  const outputs = tally(rows(7) as Tally[]);

  const report: Omit<Reconciliation, "discrepancies" | "ok"> = {
    since,
    events: { total: sum(byClass), byClass },
    wakes: { total: sum(byOutcome), byOutcome },
    decisions: {
      total: num(d["total"]),
      duplicatePairs: num(d["duplicatePairs"]),
      duplicateCostUsd: num(d["duplicateCostUsd"]),
      missing: num(d["missing"]),
      orphaned: num(d["orphaned"]),
    },
    deadLetters: {
      total: num(dl["total"]),
      withoutReason: num(dl["withoutReason"]),
      replayed: num(dl["replayed"]),
      replayedNotDelivered: num(dl["replayedNotDelivered"]),
      replayable: num(dl["replayable"]),
    },
    tasks: { total: sum(byStatus), byStatus, stuck },
    github: {
      deliveries: num(g["total"]),
      byOutcome: { ingested: num(g["ingested"]), ignored: num(g["ignored"]) },
      withoutEvent: num(g["withoutEvent"]),
      unsettled: num(g["unsettled"]),
      outputs: {
        posted: outputs["posted"] ?? 0,
        pending: outputs["pending"] ?? 0,
        held: outputs["held"] ?? 0,
        failed: outputs["failed"] ?? 0,
      },
    },
  };
  const discrepancies = discrepanciesOf(report);
  return c.json({ ...report, discrepancies, ok: discrepancies.length === 0 } satisfies Reconciliation);
});

/** Every count that must be zero, named. */
function discrepanciesOf(r: Omit<Reconciliation, "discrepancies" | "ok">): string[] {
  const out: string[] = [];
  for (const k of RECONCILED_EVENT_CLASSES)
    if (!ACCOUNTED_EVENT_CLASSES.includes(k) && r.events.byClass[k] > 0) out.push(`events ${k}: ${r.events.byClass[k]}`);
  const zero: [string, number][] = [
    ["decisions taken twice for one (event, agent)", r.decisions.duplicatePairs],
    ["decided wakes without their decision", r.decisions.missing],
    ["decisions without a wake record", r.decisions.orphaned],
    ["dead letters without a reason", r.deadLetters.withoutReason],
    ["replayed dead letters not delivered", r.deadLetters.replayedNotDelivered],
    ["tasks or task messages stuck queued", r.tasks.stuck],
    ["GitHub deliveries ingested without their event", r.github.withoutEvent],
    ["GitHub deliveries whose event is still in flight", r.github.unsettled],
  ];
  for (const [what, n] of zero) if (n > 0) out.push(`${what}: ${n}`);
  return out;
}

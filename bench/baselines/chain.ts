import { DurableObject } from "cloudflare:workers";

/**
 * Load F's floor: the organisation's three-step chain (the SDR scores a lead, hands a qualified
 * one to the account executive, the AE answers, the result is written back) as direct Durable
 * Object RPC calls, one SDR and one AE object per customer, addressed by name. No queue, no D1,
 * no coordinator, no decision engine: what the chain costs on bare objects.
 */

export interface ChainLead {
  company: string;
  authority: string;
  need: string;
  timelineMonths: number;
  budget: number;
}

/** When each step happened (epoch ms, the objects' clocks), as the platform's records give them. */
export interface ChainTimes {
  id: string;
  /** The Worker took the chain (the platform: the task's createdAt). */
  createdAt: number;
  /** The SDR recorded the handoff, just before calling the AE (the platform: the handoff message's createdAt). */
  handoffAt: number;
  /** The AE recorded the handoff (the platform: the ack's createdAt). */
  ackAt: number;
  /** The SDR wrote the AE's answer back (the platform: the task's finishedAt). */
  finishedAt: number;
  verdict: string;
}

interface Env {
  CHAIN_AE: DurableObjectNamespace<ChainAe>;
}

const CHAIN_DDL = `CREATE TABLE IF NOT EXISTS chain (
  id TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  score INTEGER,
  verdict TEXT,
  answer TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
)`;

/** A trivial deterministic BANT score, standing in for the `sdr.score-lead` skill. */
export function scoreLead(lead: ChainLead): { score: number; verdict: "SQL" | "MQL" } {
  const authority = lead.authority === "economic-buyer" ? 30 : lead.authority === "champion" ? 20 : 5;
  const need = lead.need === "critical" ? 30 : lead.need === "high" ? 20 : 5;
  const timeline = lead.timelineMonths <= 3 ? 20 : lead.timelineMonths <= 6 ? 10 : 0;
  const budget = lead.budget >= 50_000 ? 20 : lead.budget >= 10_000 ? 10 : 0;
  const score = authority + need + timeline + budget;
  return { score, verdict: score >= 70 ? "SQL" : "MQL" };
}

export class ChainSdr extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(CHAIN_DDL);
  }

  /** Creates the object (and its SQLite file) ahead of the load, as a hire spawns the platform's agent. */
  init(): boolean {
    return true;
  }

  async qualify(customerId: string, id: string, createdAt: number, lead: ChainLead): Promise<ChainTimes> {
    const { score, verdict } = scoreLead(lead);
    const handoffAt = Date.now();
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO chain (id, payload, score, verdict, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      id,
      JSON.stringify(lead),
      score,
      verdict,
      createdAt,
      handoffAt,
    );
    const answer =
      verdict === "SQL"
        ? await this.env.CHAIN_AE.getByName(customerId).planClose(id, { company: lead.company, score, budget: lead.budget })
        : { ackAt: handoffAt, plan: "kept by the SDR" };
    const finishedAt = Date.now();
    this.ctx.storage.sql.exec("UPDATE chain SET answer = ?, updated_at = ? WHERE id = ?", answer.plan, finishedAt, id);
    return { id, createdAt, handoffAt, ackAt: answer.ackAt, finishedAt, verdict };
  }
}

export class ChainAe extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(CHAIN_DDL);
  }

  init(): boolean {
    return true;
  }

  planClose(id: string, handoff: { company: string; score: number; budget: number }): { ackAt: number; plan: string } {
    const ackAt = Date.now();
    const plan = `${handoff.company}: close by quarter end, ${Math.round(handoff.budget / 3)} per milestone (score ${handoff.score})`;
    this.ctx.storage.sql.exec(
      "INSERT OR REPLACE INTO chain (id, payload, score, verdict, answer, created_at, updated_at) VALUES (?, ?, ?, 'SQL', ?, ?, ?)",
      id,
      JSON.stringify(handoff),
      handoff.score,
      plan,
      ackAt,
      ackAt,
    );
    return { ackAt, plan };
  }
}

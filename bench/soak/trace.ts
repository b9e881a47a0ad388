/**
 * The soak's seeded trace: a pure function of (seed, phase, size), so two runs with one seed send
 * the same events in the same order, with the same duplicates, to the same agents.
 */
import { createHash } from "node:crypto";
import { prng } from "../lib/decisions-trace";

export interface SoakEvent {
  id: string;
  type: "customer.message";
  source: "soak";
  subject: string;
  customerId: string;
  occurredAt: string;
  payload: { text: string; intent: string; priority: "urgent" | "normal"; spamScore: number };
}

export type EventKind = "rule" | "llm" | "no-subscriber";

export interface TraceItem {
  event: SoakEvent;
  kind: EventKind;
  agent: number;
  /** The driver sends this event a second time, a few batches later. */
  duplicate: boolean;
}

export interface TraceOptions {
  seed: string;
  phase: string;
  agents: number;
  events: number;
  duplicateRate: number;
  llmRate: number;
  /** Fraction of events for a customer no agent serves (ignored: no subscriber). */
  orphanRate?: number;
  /**
   * Event n goes to agent n mod agents (instead of a seeded draw), so a run of consecutive events
   * touches a bounded range of agents: phase 2 sends many agents' events in waves.
   */
  sequential?: boolean;
}

/** A 32-bit seed from the run's seed string and a label (each phase draws its own stream). */
export function seedOf(seed: string, label: string): number {
  return createHash("sha256").update(`${seed}\u0000${label}`).digest().readUInt32LE(0);
}

export const agentIdOf = (phase: string, i: number) => `soak-${phase}-${i}`;
export const customerOf = (phase: string, i: number) => `soak-cust-${phase}-${i}`;

const RULE_INTENTS = ["order_status", "password_reset"] as const;
/** A few phrasings per topic: the model decides the first of each, the decision cache the rest. */
const LLM_TOPICS = ["invoice looks wrong", "cannot find the export button", "want to change plan", "delivery left at wrong door"];

/** The trace of one phase, in send order. */
export function makeTrace(o: TraceOptions): TraceItem[] {
  const rng = prng(seedOf(o.seed, o.phase));
  const orphanRate = o.orphanRate ?? 0.02;
  const occurredAt = new Date(0).toISOString();
  const items: TraceItem[] = [];
  for (let n = 0; n < o.events; n++) {
    const draw = Math.floor(rng() * o.agents);
    const agent = o.sequential ? n % o.agents : draw;
    const roll = rng();
    const kind: EventKind = roll < orphanRate ? "no-subscriber" : roll < orphanRate + o.llmRate ? "llm" : "rule";
    const urgent = kind === "rule" && rng() < 0.1;
    const spam = kind === "rule" && !urgent && rng() < 0.05;
    const intent = kind === "llm" ? "general" : (RULE_INTENTS[Math.floor(rng() * RULE_INTENTS.length)] as string);
    const topic = LLM_TOPICS[Math.floor(rng() * LLM_TOPICS.length)] as string;
    items.push({
      kind,
      agent,
      duplicate: rng() < o.duplicateRate,
      event: {
        id: `soak-${o.seed}-${o.phase}-${n}`.replace(/[^A-Za-z0-9_.:-]/g, "_"),
        type: "customer.message",
        source: "soak",
        subject: `ticket:${o.phase}:${n}`,
        customerId: kind === "no-subscriber" ? `soak-nobody-${n % 97}` : customerOf(o.phase, agent),
        occurredAt,
        payload: {
          text: kind === "llm" ? `Hello, my ${topic}. What now?` : `soak message ${n}`,
          intent,
          priority: urgent ? "urgent" : "normal",
          spamScore: spam ? 0.95 : 0,
        },
      },
    });
  }
  return items;
}

/**
 * Send order with the duplicates: every batch of `batchSize` is followed, `lag` batches later, by
 * the duplicates of its events, so a duplicate arrives both while its original is still in the
 * pipeline and after it was decided.
 */
export function sendOrder(items: readonly TraceItem[], batchSize: number, lag = 3): SoakEvent[][] {
  const batches: SoakEvent[][] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize).map((t) => t.event));
  const out: SoakEvent[][] = [];
  const dupes: SoakEvent[][] = batches.map((_, b) =>
    items
      .slice(b * batchSize, (b + 1) * batchSize)
      .filter((t) => t.duplicate)
      .map((t) => t.event),
  );
  for (let b = 0; b < batches.length + lag; b++) {
    const batch = [...(batches[b] ?? []), ...(dupes[b - lag] ?? [])];
    for (let i = 0; i < batch.length; i += batchSize) out.push(batch.slice(i, i + batchSize));
  }
  return out;
}

/** Agents spawned for the soak: customer messages routed by rules, the rest decided by the model. */
export function routerDefinition() {
  const intent = (id: string, value: string, reason: string) => ({
    id,
    when: { type: "customer.message", conditions: [{ path: "payload.intent", op: "eq", value }] },
    then: { action: "act", reason },
  });
  return {
    slug: "soak-router",
    version: 1,
    specialization: {
      coe: "support",
      role: "triage",
      capabilities: ["triage"],
      rules: [
        {
          id: "urgent",
          when: { type: "customer.message", conditions: [{ path: "payload.priority", op: "eq", value: "urgent" }] },
          then: { action: "escalate", reason: "urgent customer message" },
        },
        {
          id: "spam",
          when: { type: "customer.message", conditions: [{ path: "payload.spamScore", op: "gte", value: 0.9 }] },
          then: { action: "ignore", reason: "spam" },
        },
        intent("order-status", "order_status", "send the tracking link"),
        intent("password", "password_reset", "send a password reset link"),
      ],
      subscriptions: [{ event: "customer.*" }],
    },
    personality: {
      displayName: "Soak Router",
      tagline: "Routes customer messages under load and faults",
      tone: "neutral",
      industries: ["software"],
      languages: ["en"],
    },
    defaults: { model: "claude-haiku-4-5", budget: { usdPerMonth: 50 } },
  } as const;
}

/** The listed agent customers hire: every task and message is acted on by a rule. */
export function deskDefinition() {
  return {
    slug: "soak-desk",
    version: 1,
    specialization: {
      coe: "support",
      role: "support-desk",
      capabilities: ["tickets"],
      rules: [
        { id: "task", when: { type: "task.assigned" }, then: { action: "act", reason: "task worked from the playbook" } },
        { id: "message", when: { type: "customer.message" }, then: { action: "act", reason: "message answered" } },
      ],
      // Hires subscribe their agent to their own tasks; the definition's own one never fires.
      subscriptions: [{ event: "report.requested", subject: "soak-desk-report" }],
    },
    personality: {
      displayName: "Soak Desk",
      tagline: "A support desk hired by the soak's customers",
      tone: "friendly",
      industries: ["software"],
      languages: ["en"],
    },
    defaults: { model: "claude-haiku-4-5", budget: { usdPerMonth: 5 } },
    listing: {
      description: "Works support tickets for the soak test: every task and message answered from the playbook.",
      priceUsdPerMonth: 49,
      trial: { days: 7, budgetUsd: 2, maxTasks: 10 },
      responseTargetSeconds: 600,
      sampleOutputs: [{ title: "A ticket answered", body: "Thanks for writing: here is how to reset your password." }],
    },
  } as const;
}

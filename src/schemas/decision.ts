import { z } from "zod";
import { DecisionAction } from "./identity";

/**
 * Which tier of the decision pipeline answered: `rules` (declared), `learned` (a rule learned
 * from well-rated model decisions), `cache` (the same situation), `semantic` (a near-duplicate
 * situation whose decision was rated good), `llm`; `fallback`: no tier answered, escalated.
 */
export const DECISION_TIERS = ["rules", "learned", "cache", "semantic", "llm", "fallback"] as const;
export const DecisionTierName = z.enum(DECISION_TIERS);
export type DecisionTierName = z.infer<typeof DecisionTierName>;

export const CACHE_OUTCOMES = ["hit", "miss"] as const;

/** What an agent's work can publish: a document kept here, or an issue, comment, review or report posted where the customer works. */
export const PUBLICATION_KINDS = ["document", "issue", "comment", "review", "report"] as const;
export const PublicationKind = z.enum(PUBLICATION_KINDS);
export type PublicationKind = z.infer<typeof PublicationKind>;

/**
 * Something a decision asks to publish (a skill declares them from its result). `key` names the
 * thing across decisions: the same key updates the same issue or comment instead of filing a
 * second. `target` says where it goes (`repository` "owner/name", and the issue or pull request
 * `number` for a comment or review); without one it is kept on the platform. `subject` is what
 * it is about (a file path), and `resolves` closes the open threads under `keyPrefix` about
 * those subjects that this decision did not publish again (a violation no longer found is fixed).
 */
export const Publication = z
  .object({
    kind: PublicationKind,
    key: z.string().min(1).max(300),
    title: z.string().min(1).max(256),
    body: z.string().max(60_000),
    target: z
      .object({
        repository: z
          .string()
          .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "owner/name")
          .max(200)
          .optional(),
        number: z.number().int().positive().optional(),
      })
      .optional(),
    subject: z.string().min(1).max(500).optional(),
    resolves: z.object({ keyPrefix: z.string().min(1).max(300), subjects: z.array(z.string().min(1).max(500)).max(3_000) }).optional(),
  })
  .meta({ id: "Publication" });
export type Publication = z.infer<typeof Publication>;
export type PublicationInput = z.input<typeof Publication>;

/** The context an LLM decision was given (see src/decisions/context). */
export const DecisionContextUse = z
  .object({
    tokens: z.number().int().nonnegative(),
    budget: z.number().int().nonnegative(),
    memoryIds: z.array(z.string()).max(100),
    /** Sections included, in the order of value they were considered (identity, task, chain, …). */
    sections: z.array(z.string()).max(20),
  })
  .meta({ id: "DecisionContextUse" });
export type DecisionContextUse = z.infer<typeof DecisionContextUse>;

export const Decision = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    eventId: z.string(),
    traceId: z.string(),
    action: DecisionAction,
    reason: z.string(),
    tier: DecisionTierName,
    ruleId: z.string().nullable(),
    delegateTo: z.string().nullable(),
    /** For `delegate`: how the work moves and the kind of work the receiver gets. */
    handoff: z.object({ type: z.enum(["handoff", "request"]), kind: z.string().optional() }).optional(),
    latencyMs: z.number().nonnegative(),
    decidedAt: z.number().int(),
    /** The model asked, when the LLM tier was reached (even if it could not answer). */
    model: z.string().nullable(),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    /** usage × the model's price in the configured price table. */
    costUsd: z.number().nonnegative(),
    /** `hit`: answered from the decision cache; `miss`: the cache was asked and had nothing; null: not asked. */
    cache: z.enum(CACHE_OUTCOMES).nullable(),
    /** For `act` on customer work: the deliverable (the LLM writes it; rules leave it null). */
    output: z.string().nullable(),
    /** What the decision's skill asked to publish (issues, a review comment); the outputs product records them. */
    publications: z.array(Publication).max(200).optional(),
    /**
     * The normalized situation's hash (src/decisions/situation-key.ts) for decisions the
     * learning tiers may learn from (cache, semantic, llm): feedback on the decision finds it.
     */
    situationKey: z.string().optional(),
    /** What an LLM decision was shown: tokens of assembled context, under which budget, and which memories. */
    context: DecisionContextUse.optional(),
    /** The prompt variant an LLM decision was asked with (A/B tests of a definition's prompts). */
    promptVariant: z.string().optional(),
  })
  .meta({ id: "Decision" });
export type Decision = z.infer<typeof Decision>;

/**
 * What one wake did: `decided` (a decision was recorded), `buffered` (the agent was paused and
 * will process the event on resume), `discarded` (the agent was retired with the event still
 * buffered), `refused` (the agent was already retired and will never act on it).
 */
export const WAKE_OUTCOMES = ["decided", "buffered", "discarded", "refused"] as const;
export const WakeOutcome = z.enum(WAKE_OUTCOMES);
export type WakeOutcome = z.infer<typeof WakeOutcome>;

export const WakeResult = z.object({
  instanceId: z.string(),
  eventId: z.string(),
  outcome: WakeOutcome,
  /** True when this was a redelivery: the outcome is the original one, nothing was redone. */
  duplicate: z.boolean(),
  decision: Decision.nullable(),
  /** When the event was ingested (epoch ms), carried so records need no second lookup. */
  eventReceivedAt: z.number().int(),
  /** When this outcome was recorded in the agent (epoch ms). */
  recordedAt: z.number().int(),
  /**
   * The event's `source`, so a product's roll-up hook can pick out its own events without a
   * lookup. Absent only in results an agent kept in its outbox before the field existed.
   */
  eventSource: z.string().optional(),
  /** The event's type and subject: products address their own work by them (`hire:…:task:…`). */
  eventType: z.string().optional(),
  eventSubject: z.string().optional(),
  /** The agent's Centre of Excellence and customer, so metrics label the work without a lookup. */
  agentCoe: z.string().optional(),
  agentCustomerId: z.string().nullable().optional(),
});
export type WakeResult = z.infer<typeof WakeResult>;

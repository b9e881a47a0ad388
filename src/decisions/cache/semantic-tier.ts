import { errorText } from "../../errors";
import type { Embedder } from "../../memory/embedding/embedder";
import type { Decision } from "../../schemas/decision";
import type { Event } from "../../schemas/event";
import type { DecisionContext, DecisionTier, TierAnswer } from "../engine";
import type { Situation } from "../situation";
import { readableSituation } from "./readable-situation";
import { bestMatch, originalReason, type RememberedAnswer, reusedReason, type SemanticQuery } from "./semantic-index";
import type { SemanticCacheStore } from "./semantic-store";

/** What the semantic cache needs of a rated decision (an `AgentStore` decision has it all). */
export type RatedDecision = Pick<Decision, "id" | "action" | "reason" | "tier" | "delegateTo" | "output"> & { note?: string | null };

/**
 * Tiers whose answers may be reused for a near-duplicate: the model's, and reuses of it. A rule's
 * answer is only right where the rule matches (the rules tier answers there anyway); a
 * fallback's is no answer at all.
 */
const REUSABLE_TIERS: ReadonlySet<Decision["tier"]> = new Set(["llm", "cache", "semantic"]);

/**
 * Between the exact cache and the model: a situation close enough to one whose decision was
 * rated good (cosine of their embeddings ≥ the threshold) gets that decision again, named in the
 * reason with its similarity. Only the same scope (specialization, rules, model, hired customer)
 * and embedding model are compared; an answer with a deliverable only ever answers the customer
 * it was made for.
 *
 * With an embedder that runs in the Worker (the lexical default) a lookup is synchronous, so a hit
 * is decided on the agent's hot path like an exact cache hit; with a remote embedder only
 * {@link decide} looks (in the alarm). An agent with nothing remembered pays one small query.
 */
export class SemanticCacheTier implements DecisionTier {
  readonly name = "semantic" as const;

  constructor(
    private readonly store: SemanticCacheStore,
    private readonly embedder: Embedder,
    private readonly scope: string,
    private readonly threshold: number,
  ) {}

  /** A hit whose answer is still sealed (not opened by this isolate yet) is left to {@link decide}, in the alarm. */
  decideLocally(situation: Situation, decision: DecisionContext): TierAnswer | undefined {
    const answer = this.lookLocally(situation, decision);
    return answer instanceof Promise ? undefined : answer;
  }

  private lookLocally(situation: Situation, decision: DecisionContext): TierAnswer | undefined | Promise<TierAnswer | undefined> {
    if (!this.embedder.embedNow || this.store.isEmpty()) return undefined;
    const { type, text, hasContent } = readableSituation(situation.event);
    if (!hasContent) return undefined;
    // Situations are compared with situations: both sides are embedded the same way ("query").
    const vector = this.embedder.embedNow(text, "query");
    return this.reuse({ eventType: type, customerId: situation.event.customerId ?? null, vector }, decision);
  }

  decide(situation: Situation, decision: DecisionContext): TierAnswer | undefined | Promise<TierAnswer | undefined> {
    if (this.embedder.embedNow || this.store.isEmpty()) return this.lookLocally(situation, decision);
    const { type, text, hasContent } = readableSituation(situation.event);
    if (!hasContent) return undefined;
    const customerId = situation.event.customerId ?? null;
    return this.embedder.embed([text], "query").then(
      ([vector]) => (vector ? this.reuse({ eventType: type, customerId, vector }, decision) : undefined),
      (error: unknown) => {
        console.warn("could not embed a situation for the semantic cache; treated as a miss", { error: errorText(error) });
        return undefined;
      },
    );
  }

  /** The match's answer: a promise when it must be opened first (encrypted at rest). */
  private reuse(query: SemanticQuery, decision: DecisionContext): TierAnswer | undefined | Promise<TierAnswer | undefined> {
    const match = bestMatch(this.store.entries(this.scope, this.embedder.model), query);
    if (!match || match.similarity < this.threshold) return undefined;
    const source = match.entry.decisionId;
    const hit = (answer: RememberedAnswer | undefined): TierAnswer | undefined => {
      if (!answer) return undefined;
      this.store.noteHit(decision.decisionId, source);
      return { ...answer, reason: reusedReason(source, match.similarity, answer.reason) };
    };
    const answer = this.store.answer(source);
    if (!(answer instanceof Promise)) return hit(answer);
    return answer.then(hit, (error: unknown) => {
      // A cache must never stop a decision: an answer that does not open is a miss.
      console.warn("could not open a semantic cache answer; treated as a miss", { error: errorText(error) });
      return undefined;
    });
  }

  /**
   * Remembers a decision rated good so near-duplicates of its situation reuse it. `situation` is
   * the event decided, or its canonical text (src/decisions/situation-key.ts); `customerId` the
   * event's customer. Returns whether it was remembered: rules' and fallback decisions are not, nor
   * situations whose payload says nothing in words (see {@link readableSituation}).
   */
  async rememberGood(
    decision: RatedDecision,
    situation: Pick<Event, "type" | "subject" | "payload"> | string,
    customerId: string | null | undefined,
  ): Promise<boolean> {
    if (!REUSABLE_TIERS.has(decision.tier)) return false;
    const { type, text, hasContent } = readableSituation(situation);
    if (!hasContent) return false; // nothing to be near to: left to the exact cache
    const vector = this.embedder.embedNow ? this.embedder.embedNow(text, "query") : (await this.embedder.embed([text], "query"))[0];
    if (!vector) return false;
    const answer: RememberedAnswer = {
      action: decision.action,
      reason: originalReason(decision.reason),
      ...(decision.delegateTo ? { delegateTo: decision.delegateTo } : {}),
      ...(decision.note ? { note: decision.note } : {}),
      ...(decision.output !== null ? { output: decision.output } : {}),
    };
    await this.store.put(
      {
        decisionId: decision.id,
        scope: this.scope,
        eventType: type,
        customerId: customerId ?? null,
        model: this.embedder.model,
        vector,
        answer,
        situation: text,
      },
      Date.now(),
    );
    return true;
  }

  /** Bad feedback: forgets the decision, and the remembered one it reused if it was a hit. Returns how many entries went. */
  forget(decisionId: string): number {
    return this.store.forget(decisionId);
  }

  forgetCustomer(customerId: string): number {
    return this.store.forgetCustomer(customerId);
  }
}

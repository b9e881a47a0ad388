import { errorText } from "../../errors";
import type { DecisionContext, DecisionTier, TierAnswer } from "../engine";
import type { Situation } from "../situation";
import { situationKey } from "../situation-key";
import type { CachedAnswer, SharedDecisionCache } from "./cached-answer";
import type { CachedNotes } from "./cached-notes";
import type { LocalDecisionCache } from "./local-cache";

function toAnswer(cached: CachedAnswer): TierAnswer {
  return { action: cached.action, reason: cached.reason, delegateTo: cached.delegateTo, note: cached.note, output: cached.output };
}

/** One read of the agent's own cache: the key, when it was read, and what it holds (note possibly sealed). */
interface LocalRead {
  key: string;
  now: number;
  stored: CachedAnswer | undefined;
}

/**
 * Past LLM decisions by normalized situation: the agent's own cache first (synchronous), then
 * the cache shared by its specialization. Only real LLM decisions are learned; escalations for
 * want of budget or provider never are. Entries expire after the TTL, live under a scope that
 * changes with the rules and model, and are forgotten when feedback arrives on the decision
 * that produced them.
 */
export class CacheTier implements DecisionTier {
  readonly name = "cache" as const;
  /** Situations this agent holds the shared lease for (key → lease): it is asking the model about them. */
  private readonly leased = new Map<string, string>();

  constructor(
    private readonly local: LocalDecisionCache,
    private readonly shared: SharedDecisionCache | undefined,
    private readonly scope: string,
    private readonly ttlSeconds: number,
    /** Seals and opens the answers' working notes (encrypted at rest in every cache). */
    private readonly notes: CachedNotes,
  ) {}

  /** The agent's own cache only: synchronous, no I/O (a hit whose note is not opened yet waits for {@link decide}). */
  decideLocally(situation: Situation, decision: DecisionContext): TierAnswer | undefined {
    return this.answerLocally(this.readLocal(situation), decision);
  }

  decide(situation: Situation, decision: DecisionContext): TierAnswer | undefined | Promise<TierAnswer | undefined> {
    // One read of the agent's own cache serves both the synchronous hit and the one to open first.
    const read = this.readLocal(situation);
    const local = this.answerLocally(read, decision);
    if (local) return local;
    const { key } = read;
    if (read.stored) return this.openLocal(key, read.stored, decision);
    if (!this.shared) return undefined;
    const shared = this.shared;
    return shared.claim(key).then(
      async (claim) => {
        if (!("answer" in claim)) {
          if (claim.leased) this.leased.set(key, claim.lease);
          return undefined;
        }
        const found = claim.answer;
        const opened = await this.notes.open(found);
        // The local copy (note sealed, as shared) lives no longer than the shared entry it came from.
        this.local.put(key, found, Math.min(Date.now() + this.ttlSeconds * 1000, found.cachedAt + this.ttlSeconds * 1000));
        this.local.noteHit(decision.decisionId, key, Date.now());
        return toAnswer(opened);
      },
      (error: unknown) => {
        console.warn("shared decision cache unavailable; treated as a miss", { kind: shared.kind, error: errorText(error) });
        return undefined;
      },
    );
  }

  private readLocal(situation: Situation): LocalRead {
    const key = situationKey(this.scope, situation.event);
    const now = Date.now();
    return { key, now, stored: this.local.get(key, now) };
  }

  /** A local hit whose note is already open (in memory): answered at once. */
  private answerLocally(read: LocalRead, decision: DecisionContext): TierAnswer | undefined {
    const hit = read.stored && this.notes.openNow(read.stored);
    if (!hit) return undefined;
    this.local.noteHit(decision.decisionId, read.key, read.now);
    return toAnswer(hit);
  }

  /** A hit in the agent's own cache whose note must be opened first (after a restart); one that no longer opens is a miss. */
  private async openLocal(key: string, sealed: CachedAnswer, decision: DecisionContext): Promise<TierAnswer | undefined> {
    try {
      const hit = await this.notes.open(sealed);
      this.local.noteHit(decision.decisionId, key, Date.now());
      return toAnswer(hit);
    } catch (error) {
      console.warn("a cached answer's note does not open; treated as a miss", { error: errorText(error) });
      return undefined;
    }
  }

  async learn(situation: Situation, answer: TierAnswer, decision: DecisionContext): Promise<void> {
    // A deliverable or reply is about this very request (its order number, its names): it is
    // never served for another, however alike the two look once normalized.
    if (answer.output) return this.abandon(situation);
    const key = situationKey(this.scope, situation.event);
    this.leased.delete(key); // setting the shared entry ends the lease
    const now = Date.now();
    const entry = await this.notes.seal({
      action: answer.action,
      reason: answer.reason,
      delegateTo: answer.delegateTo,
      note: answer.note,
      decisionId: decision.decisionId,
      cachedAt: now,
    });
    this.local.put(key, entry, now + this.ttlSeconds * 1000);
    try {
      await this.shared?.set(key, entry, this.ttlSeconds);
    } catch (error) {
      console.warn("could not share a cached decision", { kind: this.shared?.kind, error: errorText(error) });
    }
  }

  /** Nothing to share about this situation (the model declined or was not asked): give the lease back. */
  async abandon(situation: Situation): Promise<void> {
    const key = situationKey(this.scope, situation.event);
    const lease = this.leased.get(key);
    if (lease === undefined) return;
    this.leased.delete(key);
    try {
      await this.shared?.release(key, lease);
    } catch (error) {
      // The lease runs out by itself; until then others asking wait for it.
      console.warn("could not release a shared cache lease", { kind: this.shared?.kind, error: errorText(error) });
    }
  }

  /** Feedback on a decision invalidates what it taught the cache, here and in the shared store. */
  async forget(decisionId: string): Promise<number> {
    const keys = this.local.forgetDecision(decisionId);
    try {
      await this.shared?.delete(keys);
    } catch (error) {
      console.warn("could not invalidate shared cache entries", { kind: this.shared?.kind, error: errorText(error) });
    }
    return keys.length;
  }
}

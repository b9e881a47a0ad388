import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { unwrap } from "../../src/agents/agent-ref";
import { SemanticCacheStore } from "../../src/decisions/cache/semantic-store";
import { type RatedDecision, SemanticCacheTier } from "../../src/decisions/cache/semantic-tier";
import type { Situation } from "../../src/decisions/situation";
import type { Embedder } from "../../src/memory/embedding/embedder";
import { LexicalEmbedder } from "../../src/memory/embedding/lexical";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { customerMessage, defineAndSpawn, env, supportDefinition, unique } from "../helpers";
import { anthropicUrl, decide, situationOf, stubOf } from "./llm-helpers";

const lexical = new LexicalEmbedder();

/** A semantic tier over a scratch Durable Object's SQLite. */
async function withTier<T>(
  fn: (tier: SemanticCacheTier, store: SemanticCacheStore) => Promise<T>,
  { embedder = lexical as Embedder, threshold = 0.92, maxEntries = 2_000, scope = "scope" } = {},
): Promise<T> {
  const stub = env.AGENT.get(env.AGENT.idFromName(unique("scratch")));
  return runInDurableObject(stub, (_: AgentDO, state) => {
    const store = new SemanticCacheStore(state.storage.sql, maxEntries);
    return fn(new SemanticCacheTier(store, embedder, scope, threshold), store);
  });
}

const rated = (id: string, extra: Partial<RatedDecision> = {}): RatedDecision => ({
  id,
  action: "delegate",
  reason: "shipping question: the logistics agent tracks parcels",
  tier: "llm",
  delegateTo: "logistics",
  output: null,
  ...extra,
});
const asking = (text: string, customerId?: string, extra: Partial<Event> = {}): Situation =>
  situationOf({ subject: "chat:1", payload: { text }, customerId, ...extra });
const WHERE = "Where is my order? It has not arrived yet.";
/** The same request in other words the exact cache tells apart: similarity 1 to the lexical embedder (greetings are stop words). */
const WHERE_AGAIN = "Hi, where is my order?? It has not arrived yet, thanks";
/** Close, not identical: similarity 0.909 to the lexical embedder, under the default threshold of 0.92. */
const WHERE_CLOSE = "Where is my order? It has not arrived yet, please check.";

describe("semantic cache tier", () => {
  it("a near-duplicate of a situation rated good reuses its decision, saying which and how close; other requests miss", async () => {
    await withTier(async (tier) => {
      expect(tier.decideLocally(asking(WHERE), { decisionId: "dec_0" })).toBeUndefined(); // nothing remembered yet
      expect(await tier.rememberGood(rated("dec_good"), asking(WHERE).event, undefined)).toBe(true);

      const hit = tier.decideLocally(asking(WHERE_AGAIN), { decisionId: "dec_1" });
      expect(hit).toMatchObject({ action: "delegate", delegateTo: "logistics" });
      expect(hit?.reason).toMatch(/^semantic: reused decision dec_good at similarity 1\.000: shipping question/);
      expect(tier.decideLocally(asking(WHERE_CLOSE), { decisionId: "dec_1" })).toBeUndefined(); // 0.909 < 0.92
      expect(tier.decideLocally(asking("Can I get a refund for my order?"), { decisionId: "dec_2" })).toBeUndefined();
      // Another event type is never compared, however alike the words.
      expect(tier.decideLocally(asking(WHERE, undefined, { type: "task.assigned" }), { decisionId: "dec_3" })).toBeUndefined();
    });
  });

  it("remembers only model answers (and reuses of them) about something: rules and fallbacks are right only where they were", async () => {
    await withTier(async (tier, store) => {
      expect(await tier.rememberGood(rated("dec_rule", { tier: "rules" }), asking(WHERE).event, undefined)).toBe(false);
      expect(await tier.rememberGood(rated("dec_fallback", { tier: "fallback" }), asking(WHERE).event, undefined)).toBe(false);
      // Nor a situation that says nothing in words: "Why?" would otherwise match "Thanks!" on the subject alone.
      expect(await tier.rememberGood(rated("dec_thanks"), asking("Thanks!").event, undefined)).toBe(false);
      expect(store.size()).toBe(0);
    });
  });

  it("a deliverable only answers the customer it was written for", async () => {
    await withTier(async (tier) => {
      const letter = rated("dec_letter", { action: "act", delegateTo: null, output: "Dear Ann, your order ships today." });
      await tier.rememberGood(letter, asking(WHERE, "cust_ann").event, "cust_ann");
      expect(tier.decideLocally(asking(WHERE, "cust_bob"), { decisionId: "dec_b" })).toBeUndefined();
      expect(tier.decideLocally(asking(WHERE, "cust_ann"), { decisionId: "dec_a" })).toMatchObject({
        output: "Dear Ann, your order ships today.",
      });
    });
  });

  it("bad feedback on a reuse forgets the decision it came from; the threshold decides what is close enough", async () => {
    await withTier(
      async (tier, store) => {
        await tier.rememberGood(rated("dec_source"), asking(WHERE).event, undefined);
        expect(tier.decideLocally(asking(WHERE_CLOSE), { decisionId: "dec_hit" })).toBeUndefined();
        expect(tier.decideLocally(asking(WHERE_AGAIN), { decisionId: "dec_hit" })).toBeDefined();
        expect(tier.forget("dec_hit")).toBe(1);
        expect(store.size()).toBe(0);
        expect(tier.decideLocally(asking(WHERE_AGAIN), { decisionId: "dec_next" })).toBeUndefined();
      },
      { threshold: 0.99 },
    );
  });

  it("keeps the newest entries up to its bound, and another scope never sees them", async () => {
    const stub = env.AGENT.get(env.AGENT.idFromName(unique("scratch")));
    await runInDurableObject(stub, async (_: AgentDO, state) => {
      const store = new SemanticCacheStore(state.storage.sql, 3);
      const tier = new SemanticCacheTier(store, lexical, "scope-a", 0.92);
      const texts = ["refund for my blender", "password reset link expired", "invoice address is wrong", WHERE];
      for (const [i, text] of texts.entries()) await tier.rememberGood(rated(`dec_${i}`), asking(text).event, undefined);
      expect(store.size()).toBe(3);
      expect(tier.decideLocally(asking("refund for my blender"), { decisionId: "x" })).toBeUndefined(); // the oldest went
      expect(tier.decideLocally(asking(WHERE), { decisionId: "y" })?.reason).toMatch(/dec_3/);
      const other = new SemanticCacheTier(store, lexical, "scope-b", 0.92);
      expect(other.decideLocally(asking(WHERE), { decisionId: "z" })).toBeUndefined();
    });
  });

  it("with an embedder that must be awaited, only decide looks (asynchronously)", async () => {
    const remote: Embedder = { model: "remote-like-512", dimension: 512, embed: (texts, kind) => lexical.embed(texts, kind) };
    await withTier(
      async (tier) => {
        await tier.rememberGood(rated("dec_good"), asking(WHERE).event, undefined);
        expect(tier.decideLocally(asking(WHERE), { decisionId: "dec_1" })).toBeUndefined();
        const pending = tier.decide(asking(WHERE), { decisionId: "dec_1" });
        expect(pending).toBeInstanceOf(Promise);
        expect(await pending).toMatchObject({ action: "delegate", delegateTo: "logistics" });
      },
      { embedder: remote },
    );
  });

  it("loads and scans 2,000 remembered decisions from the agent's SQLite in milliseconds", async () => {
    await withTier(async (tier, store) => {
      const topics = ["order", "refund", "invoice", "delivery", "account", "password", "discount", "warranty"];
      for (let i = 0; i < 2_000; i++) {
        const text = `${topics[i % 8]} question ${i} about ${topics[(i * 3) % 8]} and ${topics[(i * 5) % 8]}`;
        await tier.rememberGood(rated(`dec_${i}`), asking(text).event, undefined);
      }
      expect(store.size()).toBe(2_000);
      const cold = performance.now();
      tier.decideLocally(asking("a question about my refund"), { decisionId: "q0" });
      const loadMs = performance.now() - cold;
      const warm = performance.now();
      for (let i = 0; i < 10; i++) tier.decideLocally(asking(`a question about my refund ${i}`), { decisionId: `q${i + 1}` });
      const scanMs = (performance.now() - warm) / 10;
      console.log(`semantic cache, 2,000 entries: first lookup (loads from SQLite) ${loadMs.toFixed(1)} ms, then ${scanMs.toFixed(2)} ms`);
      expect(scanMs).toBeLessThan(50);
    });
  });
});

let chats = 0;
function message(customer: string, text: string): Event {
  return {
    ...customerMessage(customer),
    subject: `chat:${++chats}`, // numbers normalize away: every chat reads alike
    payload: { text },
    customerId: customer,
    id: unique("evt"),
    traceId: unique("trc"),
    receivedAt: Date.now(),
  };
}

/** What the feedback hook does with a decision rated good: remember it in the agent's semantic cache. */
async function rememberGood(agent: string, decision: Decision, event: Event): Promise<void> {
  await runInDurableObject(stubOf(agent), async (instance: AgentDO) => {
    const identity = instance["store"].identity();
    if (!identity) throw new Error("not spawned");
    const semantic = instance["decisionEngine"](identity).semantic;
    expect(await semantic?.rememberGood(decision, event, event.customerId)).toBe(true);
  });
}

describe("semantic cache in the agent: rules → cache → semantic → LLM", () => {
  it("a near-duplicate of a decision rated good is decided at once without the model", async () => {
    const agent = unique("agent");
    const customer = unique("cust");
    await defineAndSpawn(supportDefinition(unique("semantic")), [{ id: agent, customerId: customer }]);
    await scriptAnthropic(anthropicUrl(), agent, [
      { kind: "tool", input: { action: "delegate", reason: "a parcel question", delegateTo: "logistics" } },
    ]);
    const first = message(customer, WHERE);
    const asked = await decide(agent, first);
    expect(asked).toMatchObject({ tier: "llm", action: "delegate" });
    await rememberGood(agent, asked, first);

    const stub = stubOf(agent);
    const woke = unwrap<WakeResult>(await stub.wake(message(customer, WHERE_AGAIN)));
    expect(woke.decision).toMatchObject({ tier: "semantic", action: "delegate", delegateTo: "logistics", costUsd: 0 });
    expect(woke.decision?.reason).toContain(`reused decision ${asked.id}`);
    expect(await anthropicRequests(anthropicUrl(), agent)).toHaveLength(1);
  });

  it("a definition's own threshold overrides the setting", async () => {
    const customer = unique("cust");
    const [strict, lenient] = [unique("agent"), unique("agent")];
    await defineAndSpawn(supportDefinition(unique("default-threshold")), [{ id: strict, customerId: customer }]);
    await defineAndSpawn({ ...supportDefinition(unique("lenient")), defaults: { semanticThreshold: 0.9 } }, [
      { id: lenient, customerId: customer },
    ]);
    for (const agent of [strict, lenient]) {
      const first = message(customer, WHERE);
      await rememberGood(agent, await decide(agent, first), first);
    }
    expect(await decide(strict, message(customer, WHERE_CLOSE))).toMatchObject({ tier: "llm" });
    expect(await decide(lenient, message(customer, WHERE_CLOSE))).toMatchObject({ tier: "semantic" });
    expect(await anthropicRequests(anthropicUrl(), lenient)).toHaveLength(1);
  });
});

import { runInDurableObject } from "cloudflare:test";
import { CachedNotes } from "../../src/decisions/cache/cached-notes";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { engineSettings } from "../../src/config/settings";
import { CacheTier } from "../../src/decisions/cache/cache-tier";
import type { CachedAnswer } from "../../src/decisions/cache/cached-answer";
import { LocalDecisionCache } from "../../src/decisions/cache/local-cache";
import { DurableObjectDecisionCache, sharedDecisionCache, UpstashDecisionCache } from "../../src/decisions/cache/shared-caches";
import { anthropicRequests, failUpstash, scriptAnthropic, upstashDbUrl } from "../servers/control";
import { env, supportDefinition, unique } from "../helpers";
import { anthropicUrl, identityOf, llmTierFor, situationOf } from "./llm-helpers";
import { cacheScope } from "../../src/decisions/build-engine";
import { DecisionEngine } from "../../src/decisions/engine";
import type { AgentIdentity } from "../../src/agents/identity";
import { situationKey } from "../../src/decisions/situation-key";
import type { Situation } from "../../src/decisions/situation";

const situationKeyOf = (scope: string, situation: Situation) => situationKey(scope, situation.event);

const entry = (reason: string): CachedAnswer => ({ action: "act", reason, decisionId: unique("dec"), cachedAt: Date.now() });

/** The lease the tests' Durable Object cache has too (vitest.config.ts), so a test can watch one run out. */
const TEST_LEASE_MS = 1_500;

function upstash() {
  const db = unique("db");
  return { db, cache: new UpstashDecisionCache(upstashDbUrl(inject("upstashUrl"), db), inject("upstashToken"), TEST_LEASE_MS) };
}

/** A local cache in a scratch Durable Object's SQLite. */
async function withLocalCache<T>(fn: (local: LocalDecisionCache) => Promise<T>): Promise<T> {
  const stub = env.AGENT.get(env.AGENT.idFromName(unique("scratch")));
  return runInDurableObject(stub, (_: AgentDO, state) => fn(new LocalDecisionCache(state.storage.sql)));
}

describe("shared decision caches", () => {
  it("Upstash: stores, reads and deletes entries through the real client", async () => {
    const { cache } = upstash();
    const value = entry("from upstash");
    await cache.set("k1", value, 60);
    expect(await cache.get("k1")).toEqual(value);
    await cache.delete(["k1"]);
    expect(await cache.get("k1")).toBeUndefined();
  });

  it("a shared hit is copied to the agent's own cache; an outage is a miss, never an error", async () => {
    const { db, cache } = upstash();
    await withLocalCache(async (local) => {
      const tier = new CacheTier(local, cache, "scope", 60, new CachedNotes(fieldCipher(env)));
      const situation = situationOf();
      await tier.learn(situation, { action: "ignore", reason: "seen it" }, { decisionId: "dec_1" });
      const fresh = new CacheTier(new LocalDecisionCache(local["sql"]), cache, "scope", 60, new CachedNotes(fieldCipher(env)));
      local.forgetDecision("dec_1"); // only the shared copy is left
      expect(await fresh.decide(situation, { decisionId: "dec_2" })).toMatchObject({ action: "ignore", reason: "seen it" });
      expect(local.size()).toBe(1);

      local.forgetDecision("dec_1");
      await failUpstash(inject("upstashUrl"), { count: 1, status: 500 }, db);
      expect(await tier.decide(situation, { decisionId: "dec_3" })).toBeUndefined();
      // `retry: false` still makes one retry in @upstash/redis 1.39 (attempts = 1 means 2 tries).
      await failUpstash(inject("upstashUrl"), { count: 2, drop: true }, db);
      expect(await tier.decide(situation, { decisionId: "dec_3" })).toBeUndefined();
    });
  });

  it("keeps a cached answer's working note sealed in every cache, opened for a hit (after a restart too)", async () => {
    const { cache } = upstash();
    const note = `customer ${unique("secret")} asked about order 9981`;
    await withLocalCache(async (local) => {
      const tier = new CacheTier(local, cache, "scope", 60, new CachedNotes(fieldCipher(env)));
      const situation = situationOf();
      await tier.learn(situation, { action: "act", reason: "replied", note }, { decisionId: "dec_n1" });
      const key = situationKeyOf("scope", situation);
      // Raw: the agent's SQLite and Upstash (outside the platform) hold only the envelope.
      const raw = local["sql"].exec<{ answer: string }>("SELECT answer FROM decision_cache WHERE key = ?", key).one().answer;
      expect(raw).not.toContain(note);
      expect(JSON.parse(raw).note).toMatch(/^enc:v1:k2:/);
      expect((await cache.get(key))?.note).toMatch(/^enc:v1:k2:/);
      // The tier that sealed it answers at once; a fresh one (a restarted agent) opens it first.
      expect(tier.decideLocally(situation, { decisionId: "dec_n2" })).toMatchObject({ note });
      const restarted = new CacheTier(local, cache, "scope", 60, new CachedNotes(fieldCipher(env)));
      expect(restarted.decideLocally(situation, { decisionId: "dec_n3" })).toBeUndefined();
      expect(await restarted.decide(situation, { decisionId: "dec_n3" })).toMatchObject({ action: "act", note });
      expect(restarted.decideLocally(situation, { decisionId: "dec_n4" })).toMatchObject({ note });
    });
  });

  it("the Durable Object cache lets one agent ask about a situation at a time: the others wait for its answer", async () => {
    const scope = unique("scope");
    const shared = new DurableObjectDecisionCache(env.DECISION_CACHE, scope, 1_500);
    // Two agents' tiers (over one scratch SQLite: b never looks locally after a has learned).
    await withLocalCache(async (local) => {
      const [a, b] = [
        new CacheTier(local, shared, scope, 60, new CachedNotes(fieldCipher(env))),
        new CacheTier(new LocalDecisionCache(local["sql"]), shared, scope, 60, new CachedNotes(fieldCipher(env))),
      ];
      const situation = situationOf();
      expect(await a.decide(situation, { decisionId: "dec_a" })).toBeUndefined(); // a misses and holds the lease
      const waiting = b.decide(situation, { decisionId: "dec_b" });
      let settled = false;
      void Promise.resolve(waiting).then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 100));
      expect(settled).toBe(false); // b waits for a's answer rather than asking itself
      await a.learn(situation, { action: "delegate", reason: "pricing question", delegateTo: "sdr" }, { decisionId: "dec_a" });
      expect(await waiting).toMatchObject({ action: "delegate", reason: "pricing question", delegateTo: "sdr" });

      // Nothing to share (the model declined): the waiter is let go, to decide alone.
      const other = situationOf({ subject: "ticket:other", payload: { text: "something else entirely" } });
      expect(await a.decide(other, { decisionId: "dec_c" })).toBeUndefined();
      const second = b.decide(other, { decisionId: "dec_d" });
      await a.abandon(other);
      expect(await second).toBeUndefined();
      // b did not take the lease over: a third agent is not kept waiting.
      expect(await shared.claim(situationKeyOf(scope, other))).toMatchObject({ leased: true });
    });
  });

  it("a lease whose holder never answers runs out: the waiter decides alone, and a stale release ends nothing", async () => {
    const scope = unique("scope");
    const shared = new DurableObjectDecisionCache(env.DECISION_CACHE, scope, 1_500);
    const key = unique("situation");
    const first = await shared.claim(key);
    expect(first).toMatchObject({ leased: true });
    const started = Date.now();
    expect(await shared.claim(key)).toEqual({ leased: false }); // waited out the 1.5 s lease (test setting)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);

    const second = await shared.claim(key); // a new holder
    expect(second).toMatchObject({ leased: true });
    if ("lease" in first) await shared.release(key, first.lease); // the first holder, late
    const waiting = shared.claim(key);
    await shared.set(key, entry("answered by the second holder"), 60);
    expect(await waiting).toMatchObject({ answer: { reason: "answered by the second holder" } });
  });

  it("Upstash: concurrent misses on one situation make one model request, and every agent gets its answer", async () => {
    const { cache } = upstash();
    const definition = supportDefinition(unique("flight"));
    const agents = [0, 1, 2, 3].map(() => identityOf(definition));
    const scope = cacheScope(agents[0] as AgentIdentity);
    const slow = { kind: "tool" as const, input: { action: "act", reason: "look up the order" }, delayMs: 300 };
    for (const agent of agents) await scriptAnthropic(anthropicUrl(), agent.instanceId, [slow]);
    await withLocalCache(async (local) => {
      // One engine per agent: its own cache tier (over the scratch SQLite) and model client.
      const engines = agents.map(
        (agent) => new DecisionEngine([new CacheTier(local, cache, scope, 60, new CachedNotes(fieldCipher(env))), llmTierFor(agent).tier]),
      );
      const situation = situationOf({ subject: "chat:1", payload: { text: "Where is my order?" } });
      const answers = await Promise.all(engines.map((engine, i) => engine.decide(situation, { decisionId: `dec_${i}` })));
      expect(answers.map((a) => a.tier).sort()).toEqual(["cache", "cache", "cache", "llm"]);
      expect(answers.every((a) => a.reason === "look up the order")).toBe(true);
    });
    const requests = await Promise.all(agents.map((agent) => anthropicRequests(anthropicUrl(), agent.instanceId)));
    expect(requests.flat()).toHaveLength(1);
  });

  it("Upstash: a released lease lets a waiter decide alone; so does one that runs out; a stale release ends nothing", async () => {
    const { cache } = upstash();
    const key = unique("situation");
    const first = await cache.claim(key);
    expect(first).toMatchObject({ leased: true });
    const waiting = cache.claim(key);
    await new Promise((r) => setTimeout(r, 100));
    if ("lease" in first) await cache.release(key, first.lease);
    expect(await waiting).toEqual({ leased: false });

    const second = await cache.claim(key); // released: the next miss takes a new lease
    expect(second).toMatchObject({ leased: true });
    const started = Date.now();
    expect(await cache.claim(key)).toEqual({ leased: false }); // the holder never answers: waited out its lease
    expect(Date.now() - started).toBeGreaterThanOrEqual(TEST_LEASE_MS - 200);

    const third = await cache.claim(key);
    expect(third).toMatchObject({ leased: true });
    if ("lease" in second) await cache.release(key, second.lease); // the second holder, late: not its lease any more
    const answered = cache.claim(key);
    await cache.set(key, entry("answered by the third holder"), 60);
    expect(await answered).toMatchObject({ answer: { reason: "answered by the third holder" } });
    expect(await cache.claim(key)).toMatchObject({ answer: { reason: "answered by the third holder" } });
  });

  it("uses Upstash when both its URL and token are set, the Durable Object otherwise", () => {
    const url = inject("upstashUrl");
    expect(sharedDecisionCache(env, engineSettings({ UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: "t" }), "s").kind).toBe(
      "upstash",
    );
    expect(sharedDecisionCache(env, engineSettings({ UPSTASH_REDIS_REST_URL: url }), "s").kind).toBe("durable-object");
  });

  it("a bad setting fails loudly, naming the variable", () => {
    expect(() => engineSettings({ BREAKER_FAILURE_THRESHOLD: "zero" })).toThrow(/BREAKER_FAILURE_THRESHOLD/);
    expect(() => engineSettings({ LLM_PRICES: "{not json" })).toThrow(/LLM_PRICES/);
    expect(engineSettings({ LLM_PRICES: '{"my-model":{"inputPerMTok":2,"outputPerMTok":4}}' }).LLM_PRICES["my-model"]).toEqual({
      inputPerMTok: 2,
      outputPerMTok: 4,
    });
  });
});

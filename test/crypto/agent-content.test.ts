import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { unwrap } from "../../src/agents/agent-ref";
import { AgentStore } from "../../src/agents/agent-store";
import {
  DECISION_OUTPUT_AAD,
  DECISION_PUBLICATIONS_AAD,
  decisionTexts,
  openDecision,
  sealDecision,
} from "../../src/agents/sealed-decisions";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { PreparedSeals } from "../../src/crypto/prepared-seals";
import { EXAMPLE_OUTPUT_AAD, EXAMPLE_SITUATION_AAD, FewShotExamples } from "../../src/decisions/context/few-shot-store";
import { SEMANTIC_ANSWER_AAD, SEMANTIC_SITUATION_AAD, SemanticCacheStore } from "../../src/decisions/cache/semantic-store";
import { SemanticCacheTier } from "../../src/decisions/cache/semantic-tier";
import {
  AgentLearning,
  RATING_COMMENT_AAD,
  RATING_CORRECTION_AAD,
  SITUATION_AAD,
  SITUATION_NOTE_AAD,
} from "../../src/learning/agent-learning";
import { LexicalEmbedder } from "../../src/memory/embedding/lexical";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { anthropicUrl, decide, situationOf, stubOf } from "../decisions/llm-helpers";
import { customerMessage, defineAndSpawn, env, supportDefinition, unique } from "../helpers";

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
// The test ring is k1 and k2, new values under k2 (vitest.config.ts); this writes as before the rotation.
const k1 = fieldCipher({ ...env, ENCRYPTION_KEYS: `k1:${key(1)}` });
const k2 = fieldCipher(env);
const SECRET = "tangerine";

let chats = 0;
function chat(customer: string, text: string, extra: Partial<Event> = {}): Event {
  return {
    ...customerMessage(customer),
    subject: `chat:${++chats}`,
    payload: { text },
    customerId: customer,
    id: unique("evt"),
    traceId: unique("trc"),
    receivedAt: Date.now(),
    ...extra,
  };
}

/** Every sealed text column of an agent's storage, with the field its envelopes are bound to. */
const COLUMNS = [
  ["decisions", "output", DECISION_OUTPUT_AAD],
  ["few_shot_examples", "situation", EXAMPLE_SITUATION_AAD],
  ["few_shot_examples", "output", EXAMPLE_OUTPUT_AAD],
  ["semantic_cache", "answer", SEMANTIC_ANSWER_AAD],
  ["semantic_cache", "situation", SEMANTIC_SITUATION_AAD],
  ["learning_situations", "canonical", SITUATION_AAD],
  ["learning_situations", "note", SITUATION_NOTE_AAD],
  ["ratings", "comment", RATING_COMMENT_AAD],
  ["ratings", "correction", RATING_CORRECTION_AAD],
] as const;

type Raw = Record<string, string[]>;
const rawColumns = (agent: string): Promise<Raw> =>
  runInDurableObject(stubOf(agent), (_: AgentDO, state) => {
    const out: Raw = {};
    for (const [table, column] of COLUMNS) {
      out[`${table}.${column}`] = state.storage.sql
        .exec<{ v: string }>(`SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`)
        .toArray()
        .map((r) => r.v);
    }
    return out;
  });

describe("encryption at rest of the customer content an agent keeps", () => {
  it("seals a model decision's deliverable, its situation, its rating and what a good rating keeps; reads them plain; rotates them", async () => {
    const agent = unique("agent");
    const customer = unique("cust");
    await defineAndSpawn(supportDefinition(unique("sealed-content")), [{ id: agent, customerId: customer }]);
    const deliverable = `Your ${SECRET} order 9981 ships today.`;
    await scriptAnthropic(anthropicUrl(), agent, [
      { kind: "tool", input: { action: "act", reason: "replied", output: deliverable, note: `asked about the ${SECRET} order` } },
    ]);
    const first = chat(customer, `Where is my ${SECRET} order? It has not arrived yet.`);
    const decided = await decide(agent, first);
    expect(decided).toMatchObject({ tier: "llm", output: deliverable });

    // A redelivery is answered with the first decision, opened, and records nothing again.
    const stub = stubOf(agent);
    const again = unwrap<WakeResult>(await stub.wake(first));
    expect(again).toMatchObject({ duplicate: true, outcome: "decided", decision: { id: decided.id, output: deliverable } });
    const counts = await runInDurableObject(stub, (_: AgentDO, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM decisions WHERE event_id = ?", first.id).one(),
    );
    expect(counts.n).toBe(1);

    // Rated good with a comment: the rating, a few-shot example and a semantic-cache entry are kept.
    const rating = chat(customer, "", {
      type: "feedback.received",
      subject: "chat:feedback",
      payload: { decisionId: decided.id, rating: 5, comment: `the ${SECRET} answer was right` },
    });
    await decide(agent, rating);
    // And a correction on another (rule) decision: the customer's words are sealed too.
    const ruled = await decide(agent, chat(customer, "hello", { subject: "ticket:1" }));
    await decide(
      agent,
      chat(customer, "", {
        type: "feedback.received",
        subject: "chat:feedback",
        payload: { decisionId: ruled.id, correction: { action: "escalate", reason: `${SECRET} needs a person` } },
      }),
    );

    const raw = await rawColumns(agent);
    for (const [table, column] of COLUMNS) {
      const values = raw[`${table}.${column}`] ?? [];
      expect(values.length, `${table}.${column}`).toBeGreaterThan(0);
      for (const v of values) expect(v, `${table}.${column}`).toMatch(/^enc:v1:k2:/);
    }
    expect(JSON.stringify(raw)).not.toContain(SECRET);

    // Read back plain: the decision (and the duplicate's above), the example, the remembered answer, the situation.
    const listed = unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items.find((d) => d.id === decided.id);
    expect(listed?.output).toBe(deliverable);
    const plain = await runInDurableObject(stub, async (_: AgentDO, state) => {
      const sql = state.storage.sql;
      return {
        examples: await new FewShotExamples(sql, new LexicalEmbedder(), undefined, k2).list(customer),
        answer: await new SemanticCacheStore(sql, 100, k2).answer(decided.id),
        situation: await new AgentLearning(sql, k2).situation(decided.id),
      };
    });
    expect(plain.examples).toMatchObject([{ decisionId: decided.id, output: deliverable }]);
    expect(plain.examples[0]?.situation).toContain(SECRET);
    expect(plain.answer).toMatchObject({ action: "act", output: deliverable });
    expect(plain.situation?.canonical).toContain(SECRET);
    expect(plain.situation?.note).toBe(`asked about the ${SECRET} order`);
    // A near-duplicate reuses the sealed answer (opened when it was remembered): no model call.
    // (Counted across it: decide() runs the alarm by hand, which can race the runtime's own run
    // of it over the first event and ask the model twice, a test-only concurrency.)
    const asked = (await anthropicRequests(anthropicUrl(), agent)).length;
    const near = await decide(agent, chat(customer, `Hi, where is my ${SECRET} order?? It has not arrived yet, thanks`));
    expect(near).toMatchObject({ tier: "semantic", output: deliverable });
    expect(await anthropicRequests(anthropicUrl(), agent)).toHaveLength(asked);

    // Rotation: every value written under k1 (as before it), plus a result waiting in the outbox.
    await runInDurableObject(stub, async (_: AgentDO, state) => {
      const sql = state.storage.sql;
      for (const [table, column, aad] of COLUMNS) {
        for (const r of sql
          .exec<{ id: number; v: string }>(`SELECT rowid AS id, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`)
          .toArray()) {
          sql.exec(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`, await k1.seal(await k2.open(r.v, aad), aad), r.id);
        }
      }
      const waiting = { ...again, decision: { ...decided, output: await k1.seal(deliverable, DECISION_OUTPUT_AAD) } };
      sql.exec("INSERT INTO outbox (result) VALUES (?)", JSON.stringify(waiting));
      await state.storage.setAlarm(Date.now() + 600_000); // run below, by the test
    });
    const rotated = await stub.reencryptStorage(1_000);
    expect(rotated.remaining).toBe(0);
    expect(rotated.rewritten).toBeGreaterThanOrEqual(COLUMNS.length + 1);
    const after = await rawColumns(agent);
    for (const values of Object.values(after)) for (const v of values) expect(v).toMatch(/^enc:v1:k2:/);
    const outbox = await runInDurableObject(stub, (_: AgentDO, state) =>
      state.storage.sql.exec<{ result: string }>("SELECT result FROM outbox").toArray(),
    );
    expect(outbox).toHaveLength(1);
    expect((JSON.parse(outbox[0]?.result ?? "{}") as { decision: { output: string } }).decision.output).toMatch(/^enc:v1:k2:/);
    expect(await stub.reencryptStorage(1_000)).toEqual({ rewritten: 0, remaining: 0 });
    // The flush opens what waited (a failed open would keep it in the outbox).
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const left = await runInDurableObject(stub, (_: AgentDO, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox").one(),
    );
    expect(left.n).toBe(0);
    const reread = unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items.find((d) => d.id === decided.id);
    expect(reread?.output).toBe(deliverable);
  });

  it("keeps a decision's publications as one envelope in its details, SQL still reading the rest, and reads it back whole", async () => {
    const stub = env.AGENT.get(env.AGENT.idFromName(unique("scratch")));
    const decision: Decision = {
      id: unique("dec"),
      instanceId: "agent",
      eventId: unique("evt"),
      traceId: unique("trc"),
      action: "act",
      reason: "reviewed",
      tier: "rules",
      ruleId: "review",
      delegateTo: null,
      latencyMs: 1,
      decidedAt: Date.now(),
      model: null,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      cache: null,
      output: null,
      publications: [{ kind: "comment", key: "review", title: `Review of ${SECRET}.ts`, body: `${SECRET} leaks a key` }],
      promptVariant: "terse",
    };
    const { stored, read } = await runInDurableObject(stub, async (_: AgentDO, state) => {
      const store = new AgentStore(state.storage.sql);
      const seals = await new PreparedSeals(k2).prepare(decisionTexts(decision));
      store.insertDecision(sealDecision(decision, seals), { type: "customer.message", subject: "pr:1", receivedAt: 1 });
      const row = state.storage.sql
        .exec<{ details: string; variant: string; output: string | null }>(
          "SELECT details, json_extract(details, '$.promptVariant') AS variant, output FROM decisions WHERE id = ?",
          decision.id,
        )
        .one();
      const back = store.decision(decision.id, "agent");
      return { stored: row, read: back && (await openDecision(k2, back)) };
    });
    expect(stored.details).not.toContain(SECRET);
    expect((JSON.parse(stored.details) as { publications: string }).publications).toMatch(/^enc:v1:k2:/);
    expect(stored.variant).toBe("terse");
    expect(stored.output).toBeNull(); // a rule's decision has no deliverable: nothing to seal
    expect(read).toEqual(decision);
    expect(DECISION_PUBLICATIONS_AAD).toBe("agent.decisions.publications");
  });

  it("a sealed semantic answer not opened yet is left to the alarm's lookup, which opens it; then hits are immediate", async () => {
    const stub = env.AGENT.get(env.AGENT.idFromName(unique("scratch")));
    const outcome = await runInDurableObject(stub, async (_: AgentDO, state) => {
      const lexical = new LexicalEmbedder();
      const remembered = new SemanticCacheTier(new SemanticCacheStore(state.storage.sql, 10, k2), lexical, "scope", 0.8);
      const rated = { id: "dec_good", action: "act", reason: "replied", tier: "llm", delegateTo: null, output: `${SECRET} ships` } as const;
      await remembered.rememberGood(
        rated,
        situationOf({ subject: "chat:1", payload: { text: "Where is my order? It has not arrived yet." }, customerId: "c" }).event,
        "c",
      );
      // A new isolate: nothing opened in memory.
      const fresh = new SemanticCacheTier(new SemanticCacheStore(state.storage.sql, 10, k2), lexical, "scope", 0.8);
      const near = () =>
        situationOf({ subject: "chat:2", payload: { text: "Hi, where is my order?? It has not arrived yet, thanks" }, customerId: "c" });
      const local = fresh.decideLocally(near(), { decisionId: "dec_1" });
      const decided = await fresh.decide(near(), { decisionId: "dec_2" });
      const localAfter = fresh.decideLocally(near(), { decisionId: "dec_3" });
      return { local, decided, localAfter };
    });
    expect(outcome.local).toBeUndefined();
    expect(outcome.decided).toMatchObject({ action: "act", output: `${SECRET} ships` });
    expect(outcome.localAfter).toMatchObject({ action: "act", output: `${SECRET} ships` });
  });
});

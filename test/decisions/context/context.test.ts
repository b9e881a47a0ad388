import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../../durable-objects/agent";
import { AgentStore } from "../../../src/agents/agent-store";
import { FewShotExamples } from "../../../src/decisions/context/few-shot-store";
import { ContextSummaries, SUMMARIES_KEPT } from "../../../src/decisions/context/summary-store";
import { estimateTokens } from "../../../src/decisions/context/tokens";
import { chooseVariant } from "../../../src/decisions/context/variants";
import { LexicalEmbedder } from "../../../src/memory/embedding/lexical";
import type { DecisionSummary } from "../../../src/schemas/agent-views";
import type { Decision } from "../../../src/schemas/decision";
import type { Event } from "../../../src/schemas/event";
import { PromptVariant } from "../../../src/schemas/identity";
import { anthropicRequests } from "../../servers/control";
import { admin, customerMessage, defineAndSpawn, supportDefinition, unique } from "../../helpers";
import { anthropicUrl, decide, stubOf } from "../llm-helpers";

interface SentRequest {
  system: string;
  messages: { role: string; content: string }[];
}
const sentTo = async (agent: string) => (await anthropicRequests(anthropicUrl(), agent)).map((r) => r.body as SentRequest);

function event(customerId: string, subject: string, payload: Record<string, unknown>, id = unique("evt")): Event {
  return { ...customerMessage(customerId), subject, payload, id, traceId: unique("trc"), receivedAt: Date.now() };
}

describe("progressive context in the agent's LLM decisions", () => {
  it("sends the context assembled under the definition's budget and records what it used", async () => {
    const agent = unique("agent");
    const definition = supportDefinition(unique("ctx"));
    await defineAndSpawn({ ...definition, defaults: { contextTokens: 1_000 } }, [{ id: agent }]);
    // 70 decisions by rules, each with a note: recent activity, notes, and (past the 50 kept
    // as recent events) a compacted summary of the oldest.
    for (let i = 0; i < 70; i++) await decide(agent, event("c1", `ticket:${i}`, { text: `ticket ${i}` }));

    const asked = await decide(agent, event("c1", "chat:1", { text: `Where is my parcel? ${"please ".repeat(3_000)}` }));
    expect(asked.tier).toBe("llm");
    expect(asked.context).toMatchObject({ budget: 1_000, memoryIds: [] });
    expect(asked.context?.sections).toEqual(["identity", "task", "recent", "notes", "summaries"]);
    const [sent] = await sentTo(agent);
    const prompt = sent?.messages[0]?.content ?? "";
    expect(asked.context?.tokens).toBe(estimateTokens(sent?.system ?? "", prompt));
    expect(asked.context?.tokens).toBeLessThanOrEqual(1_000);
    expect(sent?.system).toContain("You are Test Triage");
    expect(prompt).toContain("# Event to decide\ntype: customer.message\nsubject: chat:1");
    expect(prompt).toContain("Where is my parcel? please please");
    expect(prompt).toContain("…(truncated)"); // the 21,000-character payload, clipped to fit
    expect(prompt).toContain("# Recent activity (newest first)\n- customer.message ticket:69");
    expect(prompt).toContain("# Your working notes (newest first)\n- answered");
    // Compacted on the 65th decision: the 15 that rolled out of the 50 recent events, and the
    // notes older than the newest 20 (counted per UTC day; run at midnight, this splits in two).
    const day = new Date().toISOString().slice(0, 10);
    expect(prompt).toContain(
      [
        "# Earlier activity, summarized",
        `- ${day}: 15 events (customer.message 15)`,
        "  decided: act 15",
        "  seen most: ticket:0 1, ticket:1 1, ticket:10 1, ticket:11 1, ticket:12 1",
      ].join("\n"),
    );
    // Working notes are encrypted at rest (tests bind a key ring): the summary does not count them.
    expect(prompt).not.toContain("notes: answered");
    expect(prompt).not.toContain("enc:v1:");
  });

  it("asks each event with one prompt variant and reports the results per variant", async () => {
    const agent = unique("agent");
    const variants = [
      PromptVariant.parse({ id: "terse", instructions: "VARIANT terse: answer in one sentence." }),
      PromptVariant.parse({ id: "warm", instructions: "VARIANT warm: thank the customer first." }),
    ];
    await defineAndSpawn({ ...supportDefinition(unique("ab")), defaults: { promptVariants: variants } }, [{ id: agent }]);
    // Event ids that fall on each variant (the choice is a hash of the id): two of each.
    const ids: Record<string, string[]> = { terse: [], warm: [] };
    while ((ids.terse?.length ?? 0) < 2 || (ids.warm?.length ?? 0) < 2) {
      const id = unique("evt");
      const bucket = ids[chooseVariant(variants, id)?.id ?? ""];
      if (bucket && bucket.length < 2) bucket.push(id);
    }
    const topics = ["invoice", "password", "shipping", "warranty"];
    const chosen = [...(ids.terse ?? []), ...(ids.warm ?? [])];
    const decisions: Decision[] = [];
    for (const [i, id] of chosen.entries())
      decisions.push(await decide(agent, event("c1", `chat:${i}`, { text: `a ${topics[i]} question` }, id)));

    expect(decisions.map((d) => d.promptVariant)).toEqual(["terse", "terse", "warm", "warm"]);
    const sent = await sentTo(agent);
    expect(sent.map((r) => r.system.match(/VARIANT (\w+)/)?.[1])).toEqual(["terse", "terse", "warm", "warm"]);

    const summary = (await (await admin(`/v1/admin/agents/${agent}/decisions/summary`)).json()) as DecisionSummary;
    expect(summary.promptVariants).toEqual({
      terse: { decisions: 2, costUsd: expect.any(Number), avgLatencyMs: expect.any(Number), escalations: 0, ratedGood: 0, ratedBad: 0 },
      warm: { decisions: 2, costUsd: expect.any(Number), avgLatencyMs: expect.any(Number), escalations: 0, ratedGood: 0, ratedBad: 0 },
    });
    const cost = (variant: string) => decisions.filter((d) => d.promptVariant === variant).reduce((sum, d) => sum + d.costUsd, 0);
    expect(summary.promptVariants?.terse?.costUsd).toBeCloseTo(cost("terse"), 12);
    expect(summary.promptVariants?.warm?.costUsd).toBeGreaterThan(0);
  });

  it("shows a customer's well-rated deliverables as few-shot examples to that customer only", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("shots")), [{ id: agent }]);
    const [alice, bob] = [unique("alice"), unique("bob")];
    await runInDurableObject(stubOf(agent), async (_: AgentDO, state) => {
      const examples = new FewShotExamples(state.storage.sql, new LexicalEmbedder());
      const good = { id: "dec_refund", action: "act" as const, output: "REFUND-EXAMPLE: refund issued for the broken kettle" };
      expect(await examples.addExample(good, "customer.message I want a refund for my broken kettle", alice)).toBe(true);
    });

    const forAlice = await decide(agent, event(alice, "chat:1", { text: "my kettle arrived broken, can I get a refund?" }));
    const forBob = await decide(agent, event(bob, "chat:2", { text: "refund for a broken kettle please" }));
    const [toAlice, toBob] = await sentTo(agent);
    expect(forAlice.context?.sections).toContain("examples");
    expect(toAlice?.messages[0]?.content).toContain(
      "# Past decisions this customer rated good (examples to follow)\n- Situation: customer.message I want a refund for my broken kettle\n  Decision: act\n  Output: REFUND-EXAMPLE",
    );
    expect(forBob.context?.sections).not.toContain("examples");
    expect(toBob?.messages[0]?.content).not.toContain("REFUND-EXAMPLE");
  });

  it("keeps the best examples per customer, finds them by relevance, re-embeds another model's, and forgets them", async () => {
    await runInDurableObject(stubOf(unique("agent")), async (_: AgentDO, state) => {
      const sql = state.storage.sql;
      const examples = new FewShotExamples(sql, new LexicalEmbedder(), 2);
      const add = (id: string, situation: string, rating: number, at: number, customer = "alice") =>
        examples.addExample({ id, action: "act", output: `output of ${id}` }, situation, customer, rating, at);
      expect(await examples.addExample({ id: "no_output", action: "act", output: null }, "anything", "alice")).toBe(false);
      await add("d_kettle", "refund for a broken kettle", 5, 1);
      await add("d_invoice", "send me last month's invoice", 4, 2);
      await add("d_toaster", "toaster refund request", 5, 3); // better than the invoice: it goes
      await add("d_bob", "refund for a broken kettle", 5, 4, "bob");
      expect((await examples.list("alice")).map((e) => e.decisionId)).toEqual(["d_toaster", "d_kettle"]);

      const found = await examples.relevant("alice", "customer.message my kettle is broken, refund please");
      expect(found.map((e) => e.decisionId)[0]).toBe("d_kettle");
      expect(found.every((e) => e.customerId === "alice")).toBe(true);
      expect(await examples.relevant("alice", "completely unrelated words about gardening")).toEqual([]);

      // A different embedding model: stored vectors are re-embedded before they are compared.
      const wider = new FewShotExamples(sql, new LexicalEmbedder(1024), 2);
      expect((await wider.relevant("alice", "broken kettle refund")).map((e) => e.decisionId)[0]).toBe("d_kettle");
      expect(sql.exec(`SELECT DISTINCT model FROM few_shot_examples WHERE customer_id = 'alice'`).toArray()).toEqual([
        { model: "waooaw-lexical-v1-1024" },
      ]);

      expect(examples.forgetExample("d_kettle")).toBe(true);
      expect(examples.forgetExample("d_kettle")).toBe(false);
      expect((await examples.relevant("alice", "broken kettle refund")).map((e) => e.decisionId)).not.toContain("d_kettle");
    });
  });

  it("compacts a long backlog in bounded runs, keeps only the newest periods, and reads the same every time", async () => {
    await runInDurableObject(stubOf(unique("agent")), (_: AgentDO, state) => {
      const sql = state.storage.sql;
      const store = new AgentStore(sql);
      const base = Date.UTC(2026, 0, 1);
      // 2,550 decisions, one a second: 51 periods of 50 seconds (a short period for the test).
      for (let i = 0; i < 2_550; i++) {
        const decision: Decision = {
          id: `d${i}`,
          instanceId: "x",
          eventId: `e${i}`,
          traceId: "t",
          action: i % 10 ? "act" : "escalate",
          reason: "r",
          tier: "rules",
          ruleId: null,
          delegateTo: null,
          latencyMs: 0,
          decidedAt: base + i * 1_000,
          model: null,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          cache: null,
          output: null,
        };
        store.insertDecision(decision, { type: "github.push", subject: `repo:${i % 7}`, receivedAt: 0 });
      }
      const summaries = new ContextSummaries(sql, 50_000);
      expect(summaries.compact()).toBe(2_000); // a bounded run
      expect(summaries.compact()).toBe(500); // the rest, but the 50 recent events
      expect(summaries.compact()).toBe(0);
      const periods = sql.exec(`SELECT COUNT(DISTINCT period_start) AS n FROM context_summary_counts`).one().n;
      expect(periods).toBe(SUMMARIES_KEPT);
      const newest = summaries.recent(2);
      expect(newest).toEqual(summaries.recent(2));
      expect(newest[0]).toBe(
        [
          `- ${new Date(base + 49 * 50_000).toISOString().slice(0, 16)}: 50 events (github.push 50)`,
          "  decided: act 45, escalate 5",
          "  seen most: repo:0 8, repo:1 7, repo:2 7, repo:3 7, repo:4 7",
        ].join("\n"),
      );
    });
  });
});

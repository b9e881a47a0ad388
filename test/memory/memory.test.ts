// Semantic memory through the real platform, on the default (local) backend: what agents
// remember from tasks and messages, customers listing and deleting it, operators importing and
// searching, tenants kept apart, and a model change re-embedding in the background.
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { AgentMemory } from "../../src/memory/agent-memory";
import { LexicalEmbedder } from "../../src/memory/embedding/lexical";
import type { Memory } from "../../src/memory/memory-types";
import { LocalVectorIndex } from "../../src/memory/vectors/local-index";
import type { MemorySearchResult } from "../../src/schemas/memory-views";
import { admin, customerMessage, defineAndSpawn, delivered, env, postEvent, supportDefinition, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, settledTask, signUp } from "../marketplace/helpers";
import { fieldCipher } from "../../src/crypto/env-cipher";

interface MemoryPage {
  items: Memory[];
  nextCursor: string | null;
}

function search(instanceId: string, q: string, customerId?: string, topK = 5): Promise<MemorySearchResult> {
  const query = new URLSearchParams({ q, topK: String(topK), ...(customerId ? { customerId } : {}) });
  return jsonOf<MemorySearchResult>(admin(`/v1/admin/agents/${instanceId}/memories/search?${query}`), 200);
}

async function importMemories(instanceId: string, memories: { customerId?: string | null; kind: string; text: string }[]) {
  return jsonOf<{ created: number; ids: string[] }>(
    admin(`/v1/admin/agents/${instanceId}/memories`, { method: "POST", json: { memories } }),
    201,
  );
}

describe("memories a hired agent keeps of its customer", () => {
  it("remembers a task's brief and the facts stated in a message; the customer lists and deletes them, and they are no longer recalled", async () => {
    const definition = listedDefinition();
    await publish(definition);
    const acme = await signUp("Acme");
    const other = await signUp("Other");
    const trial = await jsonOf<{ id: string }>(as(acme, "/v1/trials", { method: "POST", json: { agent: definition.slug } }), 201);
    const instanceId = `agent-${trial.id}`;
    const task = await jsonOf<{ id: string }>(
      as(acme, `/v1/hires/${trial.id}/tasks`, {
        method: "POST",
        json: { title: "Launch post", instructions: "Announce dark mode in 80 words", inputs: { audience: "dentists" } },
      }),
      202,
    );
    await settledTask(acme, task.id);
    await jsonOf(
      as(acme, `/v1/tasks/${task.id}/messages`, {
        method: "POST",
        json: { text: "Can you make it shorter? We are a dental clinic in Ohio. Our budget is $5k a month." },
      }),
      202,
    );
    await settledTask(acme, task.id, 1);

    const page = await jsonOf<MemoryPage>(as(acme, `/v1/hires/${trial.id}/memories`), 200);
    const byKind = (kind: string) => page.items.filter((m) => m.kind === kind);
    expect(byKind("task")).toHaveLength(1);
    expect(byKind("task")[0]).toMatchObject({
      customerId: acme.customerId,
      text: "Task: Launch post\nAnnounce dark mode in 80 words\nInputs:\naudience: dentists",
      source: { taskId: task.id },
      model: "waooaw-lexical-v1-512",
    });
    expect(byKind("fact").map((m) => m.text)).toEqual(["Our budget is $5k a month.", "We are a dental clinic in Ohio."]);
    // Newest first, and paginated.
    const first = await jsonOf<MemoryPage>(as(acme, `/v1/hires/${trial.id}/memories?limit=1`), 200);
    expect(first.items.map((m) => m.id)).toEqual([page.items[0]?.id]);
    const second = await jsonOf<MemoryPage>(as(acme, `/v1/hires/${trial.id}/memories?limit=1&cursor=${first.nextCursor}`), 200);
    expect(second.items.map((m) => m.id)).toEqual([page.items[1]?.id]);

    // The agent recalls the fact by relevance.
    const clinic = byKind("fact").find((m) => m.text.includes("dental"));
    const found = await search(instanceId, "dental clinic", acme.customerId);
    expect(found.matches[0]).toMatchObject({ id: clinic?.id, kind: "fact" });
    expect(found).toMatchObject({ backend: "local", model: "waooaw-lexical-v1-512", searched: page.items.length });

    // Another customer cannot see or delete them: the hire is not theirs.
    expect((await as(other, `/v1/hires/${trial.id}/memories`)).status).toBe(404);
    expect((await as(other, `/v1/hires/${trial.id}/memories/${clinic?.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await as(other, `/v1/hires/${trial.id}/memories`, { method: "DELETE" })).status).toBe(404);

    // Deleting one: gone from the list and from retrieval.
    expect((await as(acme, `/v1/hires/${trial.id}/memories/${clinic?.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await as(acme, `/v1/hires/${trial.id}/memories/${clinic?.id}`, { method: "DELETE" })).status).toBe(404);
    const after = await search(instanceId, "dental clinic", acme.customerId);
    expect(after.matches.map((m) => m.id)).not.toContain(clinic?.id);
    expect(after.searched).toBe(page.items.length - 1);

    // Deleting all of them.
    const all = await jsonOf<{ deleted: number }>(as(acme, `/v1/hires/${trial.id}/memories`, { method: "DELETE" }), 200);
    expect(all.deleted).toBe(page.items.length - 1);
    expect((await jsonOf<MemoryPage>(as(acme, `/v1/hires/${trial.id}/memories`), 200)).items).toEqual([]);
    expect(await search(instanceId, "launch post", acme.customerId)).toMatchObject({ matches: [], searched: 0 });
  });
});

describe("memories through events and the operator endpoints", () => {
  it("remembers a fact from a customer.message event, not from load A's bench messages", async () => {
    const slug = unique("memory-events");
    const instanceId = unique("memory-agent");
    const customerId = unique("memory-cust");
    await defineAndSpawn(supportDefinition(slug), [{ id: instanceId, customerId }]);
    const bench = await postEvent(customerMessage(customerId, { payload: { text: "bench message 7", priority: "normal" } }));
    const stated = await postEvent(customerMessage(customerId, { payload: { text: "I prefer e-mail over calls. Is there a team plan?" } }));
    await delivered(bench.id);
    await delivered(stated.id);
    const found = await search(instanceId, "prefer e-mail", customerId);
    expect(found.searched).toBe(1);
    expect(found.matches).toEqual([expect.objectContaining({ kind: "fact", text: "I prefer e-mail over calls." })]);
  });

  it("imports memories and keeps each customer's apart: a query for one never returns another's", async () => {
    const slug = unique("memory-tenants");
    const instanceId = unique("memory-agent");
    await defineAndSpawn(supportDefinition(slug), [{ id: instanceId }]);
    const a = unique("cust-a");
    const b = unique("cust-b");
    const same = "We are a dental clinic in Ohio";
    const forA = await importMemories(instanceId, [
      { customerId: a, kind: "fact", text: same },
      { customerId: a, kind: "task", text: "Write the spring newsletter for patients" },
    ]);
    const forB = await importMemories(instanceId, [{ customerId: b, kind: "fact", text: same }]);
    const ownless = await importMemories(instanceId, [{ kind: "deliverable", text: "Release notes for dark mode" }]);
    expect(forA.created).toBe(2);

    const ofA = await search(instanceId, "dental clinic Ohio", a);
    expect(ofA.matches.map((m) => m.id)).toEqual(forA.ids);
    expect(ofA.matches[0]?.score).toBeCloseTo(0.9, 0);
    const ofB = await search(instanceId, "dental clinic Ohio", b);
    expect(ofB.matches.map((m) => m.id)).toEqual(forB.ids);
    expect(ofB.searched).toBe(1);
    expect((await search(instanceId, "dark mode")).matches.map((m) => m.id)).toEqual(ownless.ids);
    expect((await search(instanceId, "dental clinic", unique("cust-c"))).matches).toEqual([]);

    const tooMany = await admin(`/v1/admin/agents/${instanceId}/memories`, {
      method: "POST",
      json: { memories: Array.from({ length: 501 }, () => ({ kind: "fact", text: "x" })) },
    });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { field: string } }).error.field).toBe("memories");
    expect((await admin(`/v1/admin/agents/${instanceId}/memories/search?q=x&topK=51`)).status).toBe(400);
    expect((await admin(`/v1/admin/agents/${unique("nobody")}/memories/search?q=x`)).status).toBe(404);
  });

  it("remembers rated decisions and corrections for the learning loop, recalled by relevance", async () => {
    const instanceId = unique("memory-agent");
    const customerId = unique("memory-cust");
    await defineAndSpawn(supportDefinition(unique("memory-feedback")), [{ id: instanceId, customerId }]);
    const { id: eventId } = await postEvent(customerMessage(customerId, { payload: { text: "How much is the team plan?" } }));
    await delivered(eventId);
    const stub = env.AGENT.get(env.AGENT.idFromName(instanceId));
    const decided = await stub.listDecisions(1);
    if (!decided.ok) throw new Error("no decisions");
    const decision = decided.value.items[0];
    if (!decision) throw new Error("no decision");
    await runInDurableObject(stub, async (_: AgentDO, state) => {
      const sql = state.storage.sql;
      const embedder = new LexicalEmbedder();
      const memory = new AgentMemory(sql, {
        cipher: fieldCipher(env), // the agent wrote its rows encrypted at rest
        embedder,
        index: new LocalVectorIndex(sql),
        owner: () => ({ instanceId, customerId }),
        batch: 10,
      });
      const [rated] = await memory.rememberFeedback(decision, { decisionId: decision.id, rating: 2, comment: "Too vague about prices" });
      const [corrected] = await memory.rememberFeedback(decision, {
        decisionId: decision.id,
        correction: { action: "delegate", delegateTo: "sales-sdr", reason: "pricing questions go to sales" },
      });
      expect((await memory.list(customerId, 10)).items.map((m) => [m.id, m.kind, m.source])).toEqual([
        [corrected, "correction", { eventId, decisionId: decision.id }],
        [rated, "rated_decision", { eventId, decisionId: decision.id }],
      ]);
      expect((await memory.recallNow(customerId, "pricing questions sales", 1))?.map((m) => m.id)).toEqual([corrected]);
    });
  });

  it("re-embeds in the background after a model change, never comparing vectors of two models", async () => {
    const slug = unique("memory-model");
    const instanceId = unique("memory-agent");
    const customerId = unique("memory-cust");
    await defineAndSpawn(supportDefinition(slug), [{ id: instanceId, customerId }]);
    const { ids } = await importMemories(instanceId, [
      { customerId, kind: "fact", text: "We are a dental clinic in Ohio" },
      { customerId, kind: "fact", text: "Our budget is $5k a month" },
      { customerId, kind: "task", text: "Write the spring newsletter" },
    ]);
    const stub = env.AGENT.get(env.AGENT.idFromName(instanceId));
    await runInDurableObject(stub, async (_: AgentDO, state) => {
      const sql = state.storage.sql;
      // The same agent with a new embedding model (another vector space).
      const memory = new AgentMemory(sql, {
        cipher: fieldCipher(env), // the agent wrote its rows encrypted at rest
        embedder: new LexicalEmbedder(256),
        index: new LocalVectorIndex(sql),
        owner: () => ({ instanceId, customerId }),
        batch: 2,
      });
      expect(memory.needsWork()).toBe(true);
      // Not re-embedded yet: nothing is found (the old vectors are never compared with new ones).
      expect(await memory.recallNow(customerId, "dental clinic", 5)).toEqual([]);
      expect(await memory.embedPending()).toEqual({ embedded: 2, failed: false, remaining: true });
      // Half-way: the rows re-embedded are found, the one still of the old model is not.
      const halfway = (await memory.recallNow(customerId, "spring newsletter", 5))?.map((m) => m.id);
      expect(halfway?.sort()).toEqual(ids.slice(0, 2).sort());
      expect(await memory.embedPending()).toEqual({ embedded: 1, failed: false, remaining: false });
      expect(memory.needsWork()).toBe(false);
      expect((await memory.recallNow(customerId, "dental clinic", 1))?.map((m) => m.id)).toEqual([ids[0]]);
      expect((await memory.list(customerId, 10)).items.map((m) => m.model)).toEqual(Array(3).fill("waooaw-lexical-v1-256"));
    });
  });
});

// Pinecone through the real `@pinecone-database/pinecone` client, pointed at the local protocol
// server (test/servers/pinecone-server.ts): the vector index and hosted embeddings, tenants kept
// apart by namespace, errors mapped to typed kinds, and an agent's memory on Pinecone: pending
// until its alarm work, retried after failures that never fail a decision, deletions reaching
// the server. Each test uses its own index on the server (`/index/<name>`), so runs never share state.
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { AgentMemory } from "../../src/memory/agent-memory";
import { PineconeEmbedder } from "../../src/memory/embedding/pinecone";
import { cosine } from "../../src/memory/embedding/embedder";
import { pineconeClient } from "../../src/memory/pinecone/pinecone-client";
import { MemoryBackendError } from "../../src/memory/pinecone/pinecone-errors";
import { PineconeVectorIndex, pineconeNamespace } from "../../src/memory/pinecone/pinecone-index";
import type { Event } from "../../src/schemas/event";
import type { WakeResult } from "../../src/schemas/decision";
import type { Result } from "../../src/agents/result";
import { defineAndSpawn, env, supportDefinition, unique } from "../helpers";
import { pineconeIndexUrl, pineconeStats, scriptPinecone } from "../servers/pinecone-control";
import { fieldCipher } from "../../src/crypto/env-cipher";

const url = inject("pineconeUrl");
const key = inject("pineconeKey");
const MODEL = "multilingual-e5-large";

function connect(index: string, apiKey = key) {
  const host = pineconeIndexUrl(url, index);
  const client = pineconeClient({ apiKey, controllerUrl: host, timeoutMs: 2_000 });
  return { host, client, vectors: new PineconeVectorIndex(client, host), embedder: new PineconeEmbedder(client, MODEL, 1024) };
}

async function failureOf(work: Promise<unknown>): Promise<MemoryBackendError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MemoryBackendError);
  return error as MemoryBackendError;
}

describe("Pinecone through its real client, against the local server", () => {
  it("upserts, queries and deletes; a tenant's namespace never returns another tenant's vectors", async () => {
    const index = unique("idx");
    const { vectors, embedder } = connect(index);
    const [clinic, budget, query] = await embedder.embed(
      ["we are a dental clinic in ohio", "our budget is 5k", "dental clinic"],
      "passage",
    );
    if (!clinic || !budget || !query) throw new Error("embeddings missing");
    expect(clinic).toHaveLength(1024);
    expect(cosine(query, clinic)).toBeGreaterThan(cosine(query, budget));

    const a = { instanceId: "agent-1", customerId: "cust-a", model: embedder.model };
    const b = { ...a, customerId: "cust-b" };
    await vectors.upsert(a, [
      { id: "a-clinic", kind: "fact", vector: clinic },
      { id: "a-budget", kind: "fact", vector: budget },
    ]);
    await vectors.upsert(b, [{ id: "b-clinic", kind: "fact", vector: clinic }]);
    const ofA = await vectors.query(a, query, 5);
    expect(ofA.matches.map((m) => m.id)).toEqual(["a-clinic", "a-budget"]);
    expect(ofA.searched).toBeNull();
    expect((await vectors.query(b, query, 5)).matches.map((m) => m.id)).toEqual(["b-clinic"]);
    // Another model's space in the same namespace is filtered out.
    expect((await vectors.query({ ...a, model: "pinecone:other" }, query, 5)).matches).toEqual([]);

    expect((await pineconeStats(url, index)).namespaces).toEqual({ "cust-a__agent-1": 2, "cust-b__agent-1": 1 });
    expect(pineconeNamespace({ instanceId: "agent-1", customerId: null })).toBe("_none__agent-1");
    await vectors.remove(a, ["a-budget"]);
    expect((await vectors.query(a, query, 5)).matches.map((m) => m.id)).toEqual(["a-clinic"]);
    await vectors.removeAll(b);
    await vectors.removeAll(b); // an empty namespace no longer exists: still done
    const stats = await pineconeStats(url, index);
    expect(stats.namespaces).toEqual({ "cust-a__agent-1": 1 });
    expect(stats.apiVersions).toEqual(["2026-04"]);
    expect(stats.embedded).toBe(3);
  });

  it("maps Pinecone's errors to typed kinds: 401, 429, 5xx, timeouts", async () => {
    const index = unique("idx");
    const { vectors, embedder } = connect(index);
    const space = { instanceId: "agent-1", customerId: "cust-a", model: embedder.model };
    const vector = new Float32Array(1024).fill(0.03);
    expect((await failureOf(connect(index, "wrong-key").vectors.query(space, vector, 1))).kind).toBe("unauthorized");
    await scriptPinecone(url, index, [{ status: 429, retryAfter: 2, path: "/query" }]);
    expect((await failureOf(vectors.query(space, vector, 1))).kind).toBe("rate_limited");
    // The client retries a 5xx once (maxRetries 1): two failures in a row reach us.
    await scriptPinecone(url, index, [
      { status: 500, path: "/vectors/upsert" },
      { status: 503, path: "/vectors/upsert" },
    ]);
    expect((await failureOf(vectors.upsert(space, [{ id: "x", kind: "fact", vector }]))).kind).toBe("unavailable");
    await scriptPinecone(url, index, [{ status: 200, delayMs: 2_500, path: "/embed" }]);
    expect((await failureOf(embedder.embed(["slow"], "query"))).kind).toBe("timeout");
    await vectors.upsert(space, [{ id: "x", kind: "fact", vector }]);
    expect((await vectors.query(space, vector, 1)).matches.map((m) => m.id)).toEqual(["x"]);
  });
});

function messageEvent(customerId: string, text: string): Event {
  return {
    id: unique("evt"),
    traceId: unique("trc"),
    type: "customer.message",
    source: "test",
    subject: "ticket:7",
    customerId,
    occurredAt: new Date().toISOString(),
    receivedAt: Date.now(),
    payload: { text },
  };
}

describe("an agent's memory on Pinecone", () => {
  it("keeps memories pending until its alarm indexes them; Pinecone failing never fails the decision, and the rows retry", async () => {
    const index = unique("idx");
    const instanceId = unique("pc-agent");
    const customerId = unique("pc-cust");
    await defineAndSpawn(supportDefinition(unique("pc-def")), [{ id: instanceId, customerId }]);
    const { vectors, embedder } = connect(index);
    const namespace = `${customerId}__${instanceId}`;
    const stub = env.AGENT.get(env.AGENT.idFromName(instanceId));
    await runInDurableObject(stub, async (agent: AgentDO, state) => {
      const memory = new AgentMemory(state.storage.sql, {
        cipher: fieldCipher(env),
        embedder,
        index: vectors,
        owner: () => ({ instanceId, customerId }),
        batch: 10,
      });
      // This agent's memory as a deployment with PINECONE_* set builds it (the test env keeps the local default).
      Reflect.set(agent, "memoryStore", memory);

      await scriptPinecone(url, index, [{ status: 429, path: "/embed" }]);
      const woken = (await agent.wake(messageEvent(customerId, "We are a dental clinic in Ohio."))) as Result<WakeResult>;
      expect(woken.ok && woken.value).toMatchObject({ outcome: "decided", decision: { action: "act", tier: "rules" } });
      expect((await memory.list(customerId, 10)).items).toEqual([expect.objectContaining({ kind: "fact", model: null })]);
      expect(await state.storage.getAlarm()).not.toBeNull();
      // This test runs the alarm itself, step by step: the runtime's own run must not race it.
      await state.storage.deleteAlarm();

      // The alarm's memory work: the embedder answers 429, so the row stays pending and the work is retried later.
      await agent.alarm();
      expect((await memory.list(customerId, 10)).items[0]?.model).toBeNull();
      expect(await state.storage.getAlarm()).toBeGreaterThan(Date.now() + 10_000);
      await state.storage.deleteAlarm();
      // Then the index fails twice (5xx, retried once by the client): still pending.
      await scriptPinecone(url, index, [
        { status: 500, path: "/vectors/upsert" },
        { status: 500, path: "/vectors/upsert" },
      ]);
      expect(await memory.embedPending()).toMatchObject({ embedded: 0, failed: true });
      expect((await memory.list(customerId, 10)).items[0]?.model).toBeNull();
      // Recall while Pinecone is down answers nothing instead of failing.
      await scriptPinecone(url, index, [{ status: 401, path: "/embed" }]);
      expect(await memory.recall(customerId, "dental clinic", 3)).toEqual([]);

      await state.storage.deleteAlarm();
      await agent.alarm();
      expect((await memory.list(customerId, 10)).items[0]?.model).toBe(`pinecone:${MODEL}`);
      expect((await pineconeStats(url, index)).namespaces).toEqual({ [namespace]: 1 });
      expect((await memory.recall(customerId, "dental clinic", 3)).map((m) => m.text)).toEqual(["We are a dental clinic in Ohio."]);
      expect(await memory.recall(unique("other-cust"), "dental clinic", 3)).toEqual([]);
      const searched = await memory.search(customerId, "dental clinic", 3);
      expect(searched).toMatchObject({ backend: "pinecone", model: `pinecone:${MODEL}`, searched: null });

      // Another index (a new PINECONE_INDEX_HOST): the rows are indexed there too, in the background.
      const moved = unique("idx");
      const there = connect(moved);
      const relocated = new AgentMemory(state.storage.sql, {
        cipher: fieldCipher(env),
        ...there,
        index: there.vectors,
        owner: () => ({ instanceId, customerId }),
        batch: 10,
      });
      expect(relocated.needsWork()).toBe(true);
      expect(await relocated.embedPending()).toEqual({ embedded: 1, failed: false, remaining: false });
      expect((await pineconeStats(url, moved)).namespaces).toEqual({ [namespace]: 1 });
    });
  });

  it("deletes vectors from Pinecone with the rows, retrying a deletion Pinecone refused", async () => {
    const index = unique("idx");
    const instanceId = unique("pc-agent");
    const customerId = unique("pc-cust");
    const { vectors, embedder } = connect(index);
    const namespace = `${customerId}__${instanceId}`;
    const stub = env.AGENT.get(env.AGENT.idFromName(instanceId));
    await runInDurableObject(stub, async (_: AgentDO, state) => {
      const memory = new AgentMemory(state.storage.sql, {
        cipher: fieldCipher(env),
        embedder,
        index: vectors,
        owner: () => ({ instanceId, customerId }),
        batch: 10,
      });
      const { ids } = await memory.import([
        { customerId, kind: "fact", text: "We are a dental clinic in Ohio" },
        { customerId, kind: "fact", text: "Our budget is 5k a month" },
        { customerId, kind: "task", text: "Write the spring newsletter" },
      ]);
      expect(await memory.embedPending()).toEqual({ embedded: 3, failed: false, remaining: false });
      expect((await pineconeStats(url, index)).namespaces).toEqual({ [namespace]: 3 });

      expect(await memory.delete(customerId, [ids[0] as string])).toBe(1);
      expect((await pineconeStats(url, index)).namespaces).toEqual({ [namespace]: 2 });
      expect((await memory.recall(customerId, "dental clinic", 5)).map((m) => m.id)).not.toContain(ids[0]);

      // Pinecone refuses the next deletion: the rows go at once, the vectors at the next run.
      await scriptPinecone(url, index, [
        { status: 503, path: "/vectors/delete" },
        { status: 503, path: "/vectors/delete" },
      ]);
      expect(await memory.delete(customerId, [ids[1] as string])).toBe(1);
      expect((await pineconeStats(url, index)).namespaces).toEqual({ [namespace]: 2 });
      expect(memory.needsWork()).toBe(true);
      expect(await memory.embedPending()).toEqual({ embedded: 0, failed: false, remaining: false });
      expect((await pineconeStats(url, index)).namespaces).toEqual({ [namespace]: 1 });

      expect(await memory.delete(customerId)).toBe(1);
      expect((await pineconeStats(url, index)).namespaces).toEqual({});
      expect((await memory.list(customerId, 10)).items).toEqual([]);
    });
  });
});

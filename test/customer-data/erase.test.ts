import { runInDurableObject } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { unwrap } from "../../src/agents/agent-ref";
import { AgentMemory } from "../../src/memory/agent-memory";
import { PineconeEmbedder } from "../../src/memory/embedding/pinecone";
import { pineconeClient } from "../../src/memory/pinecone/pinecone-client";
import { PineconeVectorIndex } from "../../src/memory/pinecone/pinecone-index";
import { ErasureSummary } from "../../src/schemas/customer-erasure";
import { env, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, settledTask, signUp, type SignedUp } from "../marketplace/helpers";
import { pineconeIndexUrl, pineconeStats, scriptPinecone } from "../servers/pinecone-control";

const post = (json?: unknown) => ({ method: "POST", json });

async function instanceOf(hireId: string): Promise<string> {
  const row = await env.DB.prepare(`SELECT instance_id FROM hires WHERE id = ?`).bind(hireId).first<{ instance_id: string }>();
  if (!row) throw new Error(`no hire ${hireId}`);
  return row.instance_id;
}

const agent = (instanceId: string) => env.AGENT.get(env.AGENT.idFromName(instanceId));

/** Every D1 table with a customer_id column, and how many of its rows are this customer's. */
async function d1RowsOf(customerId: string): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%customer_id%' AND substr(name, 1, 4) != '_cf_'`,
  ).all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of results) {
    const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM "${name}" WHERE customer_id = ?`).bind(customerId).first<{ n: number }>();
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

const countWhere = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

/** Rows left in an agent's own SQLite, per table. */
async function agentRows(instanceId: string): Promise<Record<string, number>> {
  return runInDurableObject(agent(instanceId), (_: AgentDO, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'`)
      .toArray();
    const rows: Record<string, number> = {};
    for (const { name } of tables) {
      // An empty store notes its schema version (meta 'schema'): that is no one's data.
      const where = name === "meta" ? ` WHERE key != 'schema'` : "";
      const n = state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"${where}`).one().n;
      if (n) rows[name] = n;
    }
    return rows;
  });
}

async function hireWithWork(who: SignedUp, slug: string) {
  const hire = await jsonOf<{ id: string }>(as(who, "/v1/hires", post({ agent: slug })), 201);
  const task = await jsonOf<{ id: string }>(
    as(who, `/v1/hires/${hire.id}/tasks`, post({ title: "Plan", instructions: "secret plan" })),
    202,
  );
  await jsonOf(as(who, `/v1/tasks/${task.id}/messages`, post({ text: "and a follow-up" })), 202);
  await settledTask(who, task.id, 1);
  return { hire, task, instanceId: await instanceOf(hire.id) };
}

describe("DELETE /v1/customers/me", () => {
  it("cancels hires and trials, erases every store, leaves the other customer alone, and the key stops working", async () => {
    const slug = unique("erase");
    await publish(listedDefinition(slug));
    const alice = await signUp("Alice Erase");
    const bob = await signUp("Bob Keeps");
    const mine = await hireWithWork(alice, slug);
    const trial = await jsonOf<{ id: string }>(as(alice, "/v1/trials", post({ agent: slug })), 201);
    const trialInstance = await instanceOf(trial.id);
    await jsonOf(as(alice, `/v1/hires/${mine.hire.id}/review`, post({ stars: 5, text: "great" })), 201);
    await jsonOf(as(alice, `/v1/tasks/${mine.task.id}/rating`, post({ stars: 5 })), 200);
    unwrap(await agent(mine.instanceId).importMemories([{ customerId: alice.customerId, kind: "fact", text: "Alice runs a bakery" }]));
    await as(alice, "/v1/customers/me/keys", { ...post({ label: "retry-safe" }), idempotencyKey: crypto.randomUUID() });
    // A connected repository with a webhook delivery on record (keyed by the repository, not by her).
    const repo = unique("repo");
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO connected_repositories (id, customer_id, repository, full_name, webhook_secret, vision_rules, created_at, updated_at) VALUES (?, ?, ?, ?, 's', '{}', 0, 0)`,
      ).bind(repo, alice.customerId, `alice/${repo}`, `alice/${repo}`),
      env.DB.prepare(
        `INSERT INTO github_deliveries (id, repository_id, github_event, outcome, received_at) VALUES ('d-1', ?, 'push', 'ignored', 0)`,
      ).bind(repo),
    ]);
    const theirs = await hireWithWork(bob, slug);
    const aliceEvents = (
      await env.DB.prepare(`SELECT id FROM events WHERE customer_id = ?`).bind(alice.customerId).all<{ id: string }>()
    ).results.map((e) => e.id);
    expect(aliceEvents.length).toBeGreaterThan(0);
    expect(await countWhere(`SELECT rating_count AS n FROM listings WHERE slug = ?`, slug)).toBe(2); // the review and the task's rating

    const res = await as(alice, "/v1/customers/me", { method: "DELETE" });
    expect(res.status).toBe(200);
    const summary = ErasureSummary.parse(await res.json());
    expect(summary).toMatchObject({ customerId: alice.customerId, cancelled: { hires: 1, trials: 1 }, apiKeysRevoked: 2 });
    expect(summary.agents.erased).toBe(2);
    expect(summary.agents.memories).toBeGreaterThanOrEqual(1); // the imported one, and what the agent remembered of her task
    expect(summary.d1).toMatchObject({ tasks: 1, task_messages: 1, reviews: 1, hires: 2, customers: 1, api_keys: 2, idempotency_keys: 1 });
    expect(summary.d1["events"]).toBe(aliceEvents.length);
    expect(summary.d1).toMatchObject({ connected_repositories: 1, github_deliveries: 1 });
    expect(await countWhere(`SELECT COUNT(*) AS n FROM github_deliveries WHERE repository_id = ?`, repo)).toBe(0);

    // D1: nothing keyed by Alice, nor by her tasks, events or agents, but the audit trail: it is
    // append-only by design (a hash chain) and holds ids, actions and counts, never content or
    // contact details; its last entry for her account is the erasure itself.
    const { audit_log: audited, ...left } = await d1RowsOf(alice.customerId);
    expect(Object.keys(left).length).toBeGreaterThan(8);
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
    expect(audited).toBeGreaterThan(0);
    const trail = await env.DB.prepare(`SELECT action, before, after FROM audit_log WHERE customer_id = ? ORDER BY seq`)
      .bind(alice.customerId)
      .all<{ action: string; before: string | null; after: string | null }>();
    expect(trail.results.at(-1)?.action).toBe("customer.erase");
    expect(JSON.stringify(trail.results)).not.toMatch(/Alice Erase|secret plan|@example\.com/i);
    const eventIds = JSON.stringify(aliceEvents);
    expect(await countWhere(`SELECT COUNT(*) AS n FROM task_history WHERE task_id = ?`, mine.task.id)).toBe(0);
    expect(await countWhere(`SELECT COUNT(*) AS n FROM wake_log WHERE event_id IN (SELECT value FROM json_each(?))`, eventIds)).toBe(0);
    expect(await countWhere(`SELECT COUNT(*) AS n FROM dead_letters WHERE event_id IN (SELECT value FROM json_each(?))`, eventIds)).toBe(0);
    for (const instanceId of [mine.instanceId, trialInstance]) {
      expect(await countWhere(`SELECT COUNT(*) AS n FROM decisions WHERE instance_id = ?`, instanceId)).toBe(0);
      expect(await countWhere(`SELECT COUNT(*) AS n FROM subscriptions WHERE instance_id = ?`, instanceId)).toBe(0);
      expect(await countWhere(`SELECT COUNT(*) AS n FROM agent_instances WHERE id = ?`, instanceId)).toBe(0);
      // Durable Object storage: every table of both agents is empty (memories and local vectors included).
      expect(await agentRows(instanceId)).toEqual({});
    }
    expect(await countWhere(`SELECT COUNT(*) AS n FROM idempotency_keys WHERE caller = ?`, `customer:${alice.customerId}`)).toBe(0);
    // Her published rating is gone and the agent's reputation recomputed without it.
    expect(await countWhere(`SELECT rating_count AS n FROM listings WHERE slug = ?`, slug)).toBe(0);

    // Her key stops working; Bob is untouched.
    expect((await as(alice, "/v1/customers/me")).status).toBe(401);
    expect((await as(alice, "/v1/customers/me", { method: "DELETE" })).status).toBe(401);
    expect((await as(bob, `/v1/hires/${theirs.hire.id}`)).status).toBe(200);
    expect((await as(bob, `/v1/tasks/${theirs.task.id}`)).status).toBe(200);
    expect(Object.keys(await agentRows(theirs.instanceId)).length).toBeGreaterThan(0);
  });

  it("is refused to a read-only or hire-scoped key", async () => {
    const who = await signUp();
    const read = await jsonOf<{ key: string }>(as(who, "/v1/customers/me/keys", post({ scope: "read" })), 201);
    expect((await as({ ...who, key: read.key }, "/v1/customers/me", { method: "DELETE" })).status).toBe(403);
    expect((await as(who, "/v1/customers/me")).status).toBe(200);
  });

  it("erases vectors from Pinecone; when Pinecone fails it answers 503 with the account intact, and a retry completes", async () => {
    const url = inject("pineconeUrl");
    const index = unique("idx");
    const host = pineconeIndexUrl(url, index);
    const client = pineconeClient({ apiKey: inject("pineconeKey"), controllerUrl: host, timeoutMs: 2_000 });
    const slug = unique("erase-pc");
    await publish(listedDefinition(slug));
    const alice = await signUp("Alice Pinecone");
    const hire = await jsonOf<{ id: string }>(as(alice, "/v1/hires", post({ agent: slug })), 201);
    const instanceId = await instanceOf(hire.id);
    const customerId = alice.customerId;
    await runInDurableObject(agent(instanceId), async (a: AgentDO, state) => {
      const memory = new AgentMemory(state.storage.sql, {
        embedder: new PineconeEmbedder(client, "multilingual-e5-large", 1024),
        index: new PineconeVectorIndex(client, host),
        owner: () => ({ instanceId, customerId }),
        batch: 10,
      });
      // This agent's memory as a deployment with PINECONE_* set builds it (the test env keeps the local default).
      Reflect.set(a, "memoryStore", memory);
      memory.import([
        { customerId, kind: "fact", text: "Alice runs a bakery" },
        { customerId, kind: "fact", text: "Alice's budget is 2k" },
      ]);
      expect(await memory.embedPending()).toMatchObject({ embedded: 2 });
    });
    expect((await pineconeStats(url, index)).namespaces).toEqual({ [`${customerId}__${instanceId}`]: 2 });

    await scriptPinecone(url, index, [
      { status: 503, path: "/vectors/delete" },
      { status: 503, path: "/vectors/delete" },
    ]);
    const failed = await as(alice, "/v1/customers/me", { method: "DELETE" });
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ error: { code: "erase_incomplete" } });
    expect((await pineconeStats(url, index)).namespaces).toEqual({ [`${customerId}__${instanceId}`]: 2 });
    expect((await as(alice, "/v1/customers/me")).status).toBe(200); // nothing of the account went: the key retries
    expect(await jsonOf(as(alice, `/v1/hires/${hire.id}`), 200)).toMatchObject({ status: "cancelled" });

    const done = await as(alice, "/v1/customers/me", { method: "DELETE" });
    expect(done.status).toBe(200);
    expect(ErasureSummary.parse(await done.json())).toMatchObject({ cancelled: { hires: 0, trials: 0 }, agents: { erased: 1 } });
    expect((await pineconeStats(url, index)).namespaces).toEqual({});
    expect(await agentRows(instanceId)).toEqual({});
    expect((await as(alice, "/v1/customers/me")).status).toBe(401);
  });
});

import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { AgentStore } from "../../src/agents/agent-store";
import { env, unique } from "../helpers";

describe("agent storage upgrades", () => {
  it("upgrades an agent stored by an earlier version: cost columns added, recent events kept", async () => {
    const stub = env.AGENT.get(env.AGENT.idFromName(unique("old-agent")));
    await runInDurableObject(stub, (_: AgentDO, state) => {
      const sql = state.storage.sql;
      // The tables as the first release created them.
      sql.exec(`DROP TABLE decisions`);
      sql.exec(`CREATE TABLE decisions (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, event_id TEXT NOT NULL, trace_id TEXT NOT NULL,
        action TEXT NOT NULL, reason TEXT NOT NULL, tier TEXT NOT NULL, rule_id TEXT, delegate_to TEXT, latency_ms REAL NOT NULL, decided_at INTEGER NOT NULL)`);
      sql.exec(
        `CREATE TABLE recent_events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL, received_at INTEGER NOT NULL)`,
      );
      sql.exec(
        `INSERT INTO decisions (id, event_id, trace_id, action, reason, tier, latency_ms, decided_at) VALUES ('dec_1', 'evt_1', 'trc_1', 'act', 'old', 'rules', 0, 2)`,
      );
      sql.exec(`INSERT INTO recent_events (event_id, type, subject, received_at) VALUES ('evt_1', 'github.push', 'repo:a/b', 1)`);
      sql.exec(`UPDATE meta SET value = '1' WHERE key = 'schema'`);

      const store = new AgentStore(sql);
      expect(store.context().recentEvents).toEqual([{ eventId: "evt_1", type: "github.push", subject: "repo:a/b", receivedAt: 1 }]);
      expect(store.decision("dec_1", "x")).toMatchObject({ costUsd: 0, inputTokens: 0, cache: null, model: null, output: null });
      expect(store.processed("evt_1")).toMatchObject({ outcome: "decided", decisionId: "dec_1" });
      expect(sql.exec(`SELECT name FROM sqlite_master WHERE name = 'recent_events'`).toArray()).toEqual([]);
    });
  });

  it("adds only the columns an older table lacks: a partly upgraded table keeps its data", async () => {
    const stub = env.AGENT.get(env.AGENT.idFromName(unique("half-upgraded")));
    await runInDurableObject(stub, (_: AgentDO, state) => {
      const sql = state.storage.sql;
      sql.exec(`DROP TABLE decisions`);
      sql.exec(`CREATE TABLE decisions (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, event_id TEXT NOT NULL, trace_id TEXT NOT NULL,
        action TEXT NOT NULL, reason TEXT NOT NULL, tier TEXT NOT NULL, rule_id TEXT, delegate_to TEXT, latency_ms REAL NOT NULL, decided_at INTEGER NOT NULL,
        model TEXT, input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0, cost_usd REAL NOT NULL DEFAULT 0)`);
      sql.exec(`INSERT INTO decisions (id, event_id, trace_id, action, reason, tier, latency_ms, decided_at, model, input_tokens, cost_usd)
        VALUES ('dec_2', 'evt_2', 'trc_2', 'act', 'by the model', 'llm', 5, 3, 'claude-haiku-4-5', 120, 0.001)`);
      sql.exec(`UPDATE meta SET value = '2' WHERE key = 'schema'`);

      const store = new AgentStore(sql);
      expect(store.decision("dec_2", "x")).toMatchObject({
        model: "claude-haiku-4-5",
        inputTokens: 120,
        costUsd: 0.001,
        cache: null,
        output: null,
      });
      const columns = sql.exec(`SELECT * FROM decisions LIMIT 0`).columnNames;
      expect(columns).toEqual(expect.arrayContaining(["cache", "output", "event_type", "subject", "received_at"]));
    });
  });
});

import { createExecutionContext, createScheduledController, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/index";
import { describe, expect, it } from "vitest";
import type { AgentDO, AgentSnapshot } from "../../durable-objects/agent";
import { unwrap } from "../../src/agents/agent-ref";
import { reencryptPass } from "../../src/agents/reencrypt-pass";
import { NOTE_AAD } from "../../src/agents/agent-store";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { createTask, getTask, postMessage } from "../../src/marketplace/tasks";
import { encryptedTables } from "../../src/platform";
import { EncryptionStatus, ReencryptReport } from "../../src/schemas/encryption-views";
import { admin, defineAndSpawn, env, supportDefinition, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, signUp } from "../marketplace/helpers";

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
// The test ring (vitest.config.ts) is k1 and k2, new values under k2. Before the rotation: k1 only.
const before = { ...env, ENCRYPTION_KEYS: `k1:${key(1)}` } as Env;
const afterRemoval = { ...env, ENCRYPTION_KEYS: `k2:${key(2)}` } as Env;

async function passUntilDone(): Promise<ReencryptReport> {
  for (let i = 0; i < 20; i++) {
    const report = await reencryptPass(env, fieldCipher(env), encryptedTables, { limit: 200, agents: 0 });
    if (report.tables.every((t) => t.remaining === 0)) return report;
  }
  throw new Error("re-encryption did not finish");
}

describe("key rotation", () => {
  it("reads records under the old key, moves them to the new one, and reads them once the old key is gone", async () => {
    const slug = unique("rot");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", { method: "POST", json: { agent: slug } }), 201);
    const task = await createTask(before, who.customerId, trial.id, { title: "Rotate", instructions: "written under k1", inputs: {} });
    await postMessage(before, who.customerId, task.id, "a message under k1");
    const raw = () => env.DB.prepare("SELECT instructions FROM tasks WHERE id = ?").bind(task.id).first<{ instructions: string }>();
    expect((await raw())?.instructions).toMatch(/^enc:v1:k1:/);

    // Rotated (current k2, k1 still on the ring): old records read through the API as before.
    const read = await jsonOf<{ instructions: string; messages: { text: string }[] }>(as(who, `/v1/tasks/${task.id}`), 200);
    expect(read.instructions).toBe("written under k1");
    expect(read.messages[0]?.text).toBe("a message under k1");
    const status = EncryptionStatus.parse(await jsonOf(admin("/v1/admin/encryption"), 200));
    expect(status).toMatchObject({ encryptionAtRest: true, currentKeyId: "k2", keyIds: ["k1", "k2"] });
    expect(status.tables.tasks?.k1).toBeGreaterThan(0);

    const report = ReencryptReport.parse(
      await jsonOf(admin("/v1/admin/encryption/reencrypt", { method: "POST", json: { limit: 500, agents: 0 } }), 200),
    );
    expect(report.currentKeyId).toBe("k2");
    expect(report.tables.find((t) => t.table === "tasks")?.rewritten).toBeGreaterThan(0);
    await passUntilDone();
    expect((await raw())?.instructions).toMatch(/^enc:v1:k2:/);
    const again = await passUntilDone(); // idempotent: nothing left to do
    expect(again.tables.every((t) => t.rewritten === 0)).toBe(true);
    const after = EncryptionStatus.parse(await jsonOf(admin("/v1/admin/encryption"), 200));
    expect(after.tables.tasks?.k1).toBeUndefined();
    expect(after.tables.events?.k1).toBeUndefined();

    // k1 removed from the ring: everything still reads.
    const detail = await getTask(afterRemoval, who.customerId, task.id);
    expect(detail).toMatchObject({ instructions: "written under k1", messages: [{ text: "a message under k1" }] });
  });

  it("re-encrypts an agent's stored notes under the current key", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("rot-agent")), [{ id }]);
    const stub = env.AGENT.get(env.AGENT.idFromName(id));
    const old = await fieldCipher(before).seal("an old note", NOTE_AAD);
    await runInDurableObject(stub, (_: AgentDO, state) => {
      state.storage.sql.exec("INSERT INTO notes (text, created_at) VALUES (?, 1), ('a plain legacy note', 2)", old);
    });
    const report = await reencryptPass(env, fieldCipher(env), [], { limit: 100, agents: 100, agentCursor: id.slice(0, -1) });
    expect(report.agents.visited).toBeGreaterThan(0);
    expect(await stub.reencryptStorage()).toEqual({ rewritten: 0, remaining: 0 }); // done by the pass
    const notes = await runInDurableObject(stub, (_: AgentDO, state) =>
      state.storage.sql.exec<{ text: string }>("SELECT text FROM notes ORDER BY seq").toArray(),
    );
    for (const n of notes) expect(n.text).toMatch(/^enc:v1:k2:/);
    const snapshot = unwrap<AgentSnapshot>(await stub.snapshot());
    expect(snapshot.context.notes.map((n) => n.text).sort()).toEqual(["a plain legacy note", "an old note"]);
  });

  it("re-encrypts on the cron too", async () => {
    const slug = unique("rot-cron");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", { method: "POST", json: { agent: slug } }), 201);
    const task = await createTask(before, who.customerId, trial.id, { title: "Cron", instructions: "sealed under k1", inputs: {} });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    const row = await env.DB.prepare("SELECT instructions FROM tasks WHERE id = ?").bind(task.id).first<{ instructions: string }>();
    expect(row?.instructions).toMatch(/^enc:v1:k2:/);
  });

  it("refuses a bad pass request with a typed 400", async () => {
    const res = await admin("/v1/admin/encryption/reencrypt", { method: "POST", json: { limit: 0 } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "limit" } });
  });
});

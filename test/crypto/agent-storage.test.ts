import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO, AgentSnapshot } from "../../durable-objects/agent";
import { unwrap } from "../../src/agents/agent-ref";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { customerMessage, defineAndSpawn, env, eventually, supportDefinition, unique } from "../helpers";

const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));
const message = (text: string): Event => ({
  ...customerMessage("c"),
  payload: { text },
  id: unique("evt"),
  traceId: unique("trc"),
  receivedAt: Date.now(),
});

describe("encryption at rest in an agent's storage", () => {
  it("keeps buffered events' payloads and working notes as ciphertext, and works and shows them plain", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("sealed")), [{ id }]);
    const stub = stubOf(id);
    unwrap<AgentSnapshot>(await stub.pause());
    unwrap<WakeResult>(await stub.wake(message("my card ends 4242")));

    const inbox = await runInDurableObject(stub, (_: AgentDO, state) =>
      state.storage.sql.exec<{ event: string }>("SELECT event FROM inbox").toArray(),
    );
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.event).not.toContain("4242");
    expect((JSON.parse(inbox[0]?.event ?? "{}") as { payload: unknown }).payload).toMatch(/^enc:v1:k2:/);

    unwrap<AgentSnapshot>(await stub.resume());
    await eventually(async () => {
      await runDurableObjectAlarm(stub);
      return unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items.length ? true : undefined;
    });
    // The rule's working note, written on the wake's synchronous path.
    unwrap<WakeResult>(await stub.wake(message("second")));
    const notes = await runInDurableObject(stub, (_: AgentDO, state) =>
      state.storage.sql.exec<{ text: string }>("SELECT text FROM notes").toArray(),
    );
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(n.text).toMatch(/^enc:v1:k2:/);
    expect(JSON.stringify(notes)).not.toContain("answered");
    const snapshot = unwrap<AgentSnapshot>(await stub.snapshot());
    expect(snapshot.context.notes.map((n) => n.text)).toEqual(["answered", "answered"]);
  });

  it("keeps memories' text as ciphertext, recalls and lists it plain, and re-encrypts legacy rows", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("sealed-memory")), [{ id }]);
    const stub = stubOf(id);
    unwrap(await stub.importMemories([{ customerId: "c", kind: "fact", text: "Our clinic is in Dayton, Ohio" }]));
    const raw = () =>
      runInDurableObject(stub, (_: AgentDO, state) =>
        state.storage.sql.exec<{ text: string }>("SELECT text FROM memories ORDER BY seq").toArray(),
      );
    const [stored] = await raw();
    expect(stored?.text).toMatch(/^enc:v1:k2:/);
    expect(stored?.text).not.toContain("Dayton");
    const listed = unwrap<{ items: { text: string }[] }>(await stub.listMemories("c", 10));
    expect(listed.items.map((m) => m.text)).toEqual(["Our clinic is in Dayton, Ohio"]);
    const recalled = await stub.recallMemories("c", "clinic in Ohio", 1);
    expect(recalled.map((m) => m.text)).toEqual(["Our clinic is in Dayton, Ohio"]);

    // A memory written before encryption was on: read as it is, then sealed by the re-encryption.
    await runInDurableObject(stub, (_: AgentDO, state) => {
      state.storage.sql.exec(
        `INSERT INTO memories (id, customer_id, kind, text, source, created_at) VALUES ('mem_legacy', 'c', 'fact', 'We sell to dentists', '{}', 1)`,
      );
    });
    expect(await stub.reencryptStorage()).toEqual({ rewritten: 1, remaining: 0 });
    for (const row of await raw()) expect(row.text).toMatch(/^enc:v1:k2:/);
    const all = unwrap<{ items: { text: string }[] }>(await stub.listMemories("c", 10));
    expect(all.items.map((m) => m.text).sort()).toEqual(["Our clinic is in Dayton, Ohio", "We sell to dentists"]);
  });
});

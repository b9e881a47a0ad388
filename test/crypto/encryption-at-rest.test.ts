import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { scriptAnthropic } from "../servers/control";
import { call, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, settledTask, signUp } from "../marketplace/helpers";
import { env } from "cloudflare:test";

const anthropic = () => inject("anthropicUrl");
const SECRET = "Apologise to Bob about invoice 4711";

describe("encryption at rest", () => {
  it("stores an idempotent response encrypted and replays it plain", async () => {
    const slug = unique("enc-idem");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", { method: "POST", json: { agent: slug } }), 201);
    const key = unique("idem");
    const send = () =>
      as(who, `/v1/hires/${trial.id}/tasks`, { method: "POST", idempotencyKey: key, json: { title: "T", instructions: SECRET } });
    const first = await jsonOf<{ id: string }>(send(), 202);
    const raw = await env.DB.prepare("SELECT body FROM idempotency_keys WHERE key = ?").bind(key).first<{ body: string }>();
    expect(raw?.body).toMatch(/^enc:v1:k2:/);
    const again = await send();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toMatchObject({ id: first.id, instructions: SECRET });
  });

  it("never stores a customer's text as is because it looks like ciphertext: another row's envelope posted back stays unreadable", async () => {
    const slug = unique("enc-oracle");
    await publish(listedDefinition(slug));
    const victim = await signUp("Victim");
    const attacker = await signUp("Attacker");
    const taskOf = async (who: Awaited<ReturnType<typeof signUp>>, instructions: string) => {
      const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", { method: "POST", json: { agent: slug } }), 201);
      return jsonOf<{ id: string }>(as(who, `/v1/hires/${trial.id}/tasks`, { method: "POST", json: { title: "T", instructions } }), 202);
    };
    const theirs = await taskOf(victim, "x");
    await jsonOf(as(victim, `/v1/tasks/${theirs.id}/messages`, { method: "POST", json: { text: SECRET } }), 202);
    const stolen = await env.DB.prepare(
      "SELECT json_extract(detail, '$.text') AS t FROM task_history WHERE task_id = ? AND kind = 'message'",
    )
      .bind(theirs.id)
      .first<{ t: string }>();
    expect(stolen?.t).toMatch(/^enc:v1:/);
    const mine = await taskOf(attacker, "y");
    await jsonOf(as(attacker, `/v1/tasks/${mine.id}/messages`, { method: "POST", json: { text: stolen?.t } }), 202);
    const read = await (await as(attacker, `/v1/tasks/${mine.id}`)).text();
    expect(read).not.toContain(SECRET);
    expect(read).toContain(stolen?.t);
  });

  it("GET /health says it is on (tests bind a key ring)", async () => {
    const res = await call("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, encryptionAtRest: true });
  });

  it("stores a task's instructions, messages, output and rating comment as ciphertext, and answers them plain", async () => {
    const slug = unique("enc");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", { method: "POST", json: { agent: slug } }), 201);
    await scriptAnthropic(anthropic(), `agent-${trial.id}`, [
      { kind: "tool", input: { action: "act", reason: "drafted the reply to Bob", output: "Dear Bob, about invoice 4711" } },
      { kind: "tool", input: { action: "act", reason: "shortened it", output: "Sorry Bob, invoice 4711" } },
    ]);
    const task = await jsonOf<{ id: string; instructions: string }>(
      as(who, `/v1/hires/${trial.id}/tasks`, { method: "POST", json: { title: "Reply to Bob", instructions: SECRET } }),
      202,
    );
    expect(task.instructions).toBe(SECRET);
    await settledTask(who, task.id);
    await jsonOf(as(who, `/v1/tasks/${task.id}/messages`, { method: "POST", json: { text: "Make it shorter, mention 4711" } }), 202);
    await settledTask(who, task.id, 1);
    await jsonOf(as(who, `/v1/tasks/${task.id}/rating`, { method: "POST", json: { stars: 5, comment: "spot on for 4711" } }), 200);

    const raw = await env.DB.prepare("SELECT instructions, output, rating_comment FROM tasks WHERE id = ?")
      .bind(task.id)
      .first<Record<string, string>>();
    expect(raw?.instructions).toMatch(/^enc:v1:k2:/);
    expect(raw?.rating_comment).toMatch(/^enc:v1:k2:/);
    const output = JSON.parse(raw?.output ?? "{}") as Record<string, unknown>;
    expect(output).toMatchObject({
      action: "act",
      tier: "llm",
      summary: expect.stringMatching(/^enc:v1:k2:/),
      deliverable: expect.stringMatching(/^enc:v1:k2:/),
    });
    const messages = await env.DB.prepare("SELECT text, reply FROM task_messages WHERE task_id = ?").bind(task.id).all();
    const history = await env.DB.prepare("SELECT detail FROM task_history WHERE task_id = ?").bind(task.id).all();
    // The events that carried the task, the message and the rating: their payloads too.
    const events = await env.DB.prepare("SELECT type, payload FROM events WHERE customer_id = ?")
      .bind(who.customerId)
      .all<{ type: string; payload: string }>();
    expect(events.results.map((e) => e.type)).toEqual(expect.arrayContaining(["task.assigned", "customer.message", "feedback.received"]));
    for (const e of events.results) expect(e.payload).toMatch(/^"enc:v1:k2:/);
    const everything = JSON.stringify([raw, messages.results, history.results, events.results]);
    expect(everything).not.toContain("4711");
    expect(everything).not.toContain("Bob about");

    const read = await settledTask(who, task.id, 1);
    expect(read).toMatchObject({
      instructions: SECRET,
      output: { summary: "drafted the reply to Bob", deliverable: "Dear Bob, about invoice 4711" },
      rating: { stars: 5, comment: "spot on for 4711" },
    });
    expect(read.messages[0]).toMatchObject({ text: "Make it shorter, mention 4711", reply: { deliverable: "Sorry Bob, invoice 4711" } });
    expect(JSON.stringify(read.history)).toContain("Make it shorter, mention 4711");
    const assigned = await env.DB.prepare("SELECT event_id AS id FROM tasks WHERE id = ?").bind(task.id).first<{ id: string }>();
    const event = await jsonOf<{ payload: { instructions: string } }>(
      call(`/v1/events/${assigned?.id}`, { headers: { authorization: "Bearer test-admin-token" } }),
      200,
    );
    expect(event.payload.instructions).toBe(SECRET);
    const list = await jsonOf<{ items: { instructions: string }[] }>(as(who, `/v1/hires/${trial.id}/tasks`), 200);
    expect(list.items[0]?.instructions).toBe(SECRET);
  });
});

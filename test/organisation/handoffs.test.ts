import { beforeAll, describe, expect, it } from "vitest";
import { admin, customerIdle, env, eventually } from "../helpers";
import { metricReaches } from "../observability/metrics/scrape";
import { as, jsonOf, signUp } from "../marketplace/helpers";
import {
  accountExecutive,
  chainOf,
  contentMarketer,
  DRAFT,
  ensurePublished,
  finishedTask,
  giveTask,
  hire,
  QUALIFIED_LEAD,
  sdr,
  seoSpecialist,
} from "./helpers";

const SDR = sdr();
const AE = accountExecutive();

describe("handoffs between a customer's agents", () => {
  beforeAll(async () => {
    await ensurePublished(SDR, AE, contentMarketer(), seoSpecialist());
  });

  it("an SDR qualifies a lead and hands it to the account executive, who plans the close: with acks, no model", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    const a = await hire(who, AE.slug);
    const taskId = await giveTask(who, s.id, QUALIFIED_LEAD);

    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    expect(task.output).toMatchObject({ action: "act", summary: "plan the close", tier: "rules" });
    // The chain's deliverables in order: the SDR's scoring, then the AE's close plan.
    const deliverable = task.output?.deliverable ?? "";
    expect(deliverable).toMatch(/^### sdr\n\n/);
    expect(deliverable).toContain("Nordwind GmbH: ");
    expect(deliverable).toContain("### account-executive");
    expect(deliverable.indexOf("### sdr")).toBeLessThan(deliverable.indexOf("### account-executive"));
    expect(task.history.map((h) => h.kind)).toEqual(["created", "decided", "handoff", "chain-done"]);

    const chain = await chainOf(who, taskId);
    expect(chain.messages.map((m) => [m.type, m.status])).toEqual([
      ["handoff", "done"],
      ["ack", "recorded"],
    ]);
    const [handoff, ack] = chain.messages;
    expect(handoff).toMatchObject({
      from: { role: "sdr", instanceId: s.instanceId },
      to: { role: "account-executive", instanceId: a.instanceId },
      taskId,
      correlationId: taskId,
      customerId: who.customerId,
      attempt: 1,
      payload: expect.objectContaining({ kind: "plan-close" }),
    });
    expect(handoff?.deadline).toBeGreaterThan(handoff?.createdAt ?? 0);
    expect(ack).toMatchObject({ from: { role: "account-executive", instanceId: a.instanceId }, correlationId: handoff?.id });
    expect(chain.holders.map((h) => [h.role, h.instanceId])).toEqual([
      ["sdr", s.instanceId],
      ["account-executive", a.instanceId],
    ]);
    expect(chain.holders[1]?.why).toContain("handoff from sdr");
    expect(chain.holders.every((h) => h.until !== null)).toBe(true);
    const routed = { agent: s.instanceId, customer: who.customerId, type: "handoff", outcome: "routed" };
    expect(await metricReaches("waooaw_handoffs_total", routed, 1)).toBe(1);
  });

  it("a lead that is not sales-qualified stays with the SDR, who delivers the scoring", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    await hire(who, AE.slug);
    const taskId = await giveTask(who, s.id, { ...QUALIFIED_LEAD, lead: { company: "Tiny Co", need: "low", authority: "end-user" } });
    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    expect(task.output?.summary).toContain("kept, not handed to account-executive");
    expect(task.output?.deliverable).toContain("Tiny Co: ");
    expect((await chainOf(who, taskId)).messages).toEqual([]);
  });

  it("content marketing asks SEO to audit a draft and finishes with the audit back", async () => {
    const content = contentMarketer();
    const seo = seoSpecialist();
    await ensurePublished(content, seo);
    const who = await signUp();
    const c = await hire(who, content.slug);
    const s = await hire(who, seo.slug);
    const taskId = await giveTask(who, c.id, { kind: "review-draft", text: DRAFT, content: DRAFT, keyword: "remote onboarding" });

    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    expect(task.output?.summary).toBe("the draft is reviewed, with SEO's audit");
    expect(task.output?.deliverable).toContain("### content-marketing");
    expect(task.output?.deliverable).toContain("### seo");
    const chain = await chainOf(who, taskId);
    expect(chain.messages.map((m) => [m.type, m.from.role, m.to.role])).toEqual([
      ["request", "content-marketing", "seo"],
      ["ack", "seo", "content-marketing"],
      ["result", "seo", "content-marketing"],
      ["ack", "content-marketing", "seo"],
    ]);
    expect(chain.messages[2]).toMatchObject({ to: { instanceId: c.instanceId }, from: { instanceId: s.instanceId }, status: "done" });
  });

  it("a receiver that escalates hands the task to a person, visible to the customer and to operators", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    await hire(who, AE.slug);
    // The SDR hands on with the kind the AE escalates.
    const escalating = sdr();
    const rule = escalating.specialization.rules?.[0];
    if (rule?.then.handoff) rule.then.handoff.kind = "escalate-me";
    await ensurePublished(escalating);
    const e = await hire(who, escalating.slug);
    void s;
    const taskId = await giveTask(who, e.id, QUALIFIED_LEAD);
    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("needs_human");
    expect(task.output?.summary).toBe("a deal this size needs the sales director");
    const chain = await chainOf(who, taskId);
    expect(chain.messages.map((m) => m.type)).toEqual(["handoff", "ack", "escalate"]);
    expect(chain.messages[2]).toMatchObject({ to: { role: "person" }, status: "escalated" });
    const escalations = await jsonOf<{ items: { taskId: string }[] }>(admin("/v1/admin/escalations?limit=100"), 200);
    expect(escalations.items.map((m) => m.taskId)).toContain(taskId);
  });
});

describe("tenant rules across handoffs", () => {
  beforeAll(async () => {
    await ensurePublished(SDR, AE);
  });

  it("a handoff never borrows another customer's agent: the task shows the hire it needs", async () => {
    const acme = await signUp("Acme");
    const globex = await signUp("Globex");
    const theirs = await hire(globex, AE.slug);
    const s = await hire(acme, SDR.slug);
    const taskId = await giveTask(acme, s.id, QUALIFIED_LEAD);

    const task = await finishedTask(acme, taskId);
    expect(task.status).toBe("needs_hire");
    expect(task.output?.needsHire).toEqual({ role: "account-executive", listing: expect.any(String) });
    expect(task.output?.summary).toMatch(/^needs_hire: this task needs a account-executive and you have none hired/);
    expect(task.output?.deliverable).toContain("Nordwind GmbH");
    const chain = await chainOf(acme, taskId);
    expect(chain.messages).toEqual([
      expect.objectContaining({ type: "handoff", status: "needs_hire", to: { role: "account-executive", instanceId: null } }),
    ]);
    // Globex's account executive never saw Acme's lead.
    const { results } = await env.DB.prepare("SELECT COUNT(*) AS n FROM wake_log WHERE instance_id = ?")
      .bind(theirs.instanceId)
      .all<{ n: number }>();
    expect(results[0]?.n).toBe(0);
    // And Globex cannot read Acme's chain.
    expect((await as(globex, `/v1/tasks/${taskId}/chain`)).status).toBe(404);
    const unrouted = { agent: s.instanceId, customer: acme.customerId, type: "handoff", outcome: "needs_hire" };
    expect(await metricReaches("waooaw_handoffs_total", unrouted, 1)).toBe(1);
  });
});

describe("the handoff protocol's guarantees", () => {
  beforeAll(async () => {
    await ensurePublished(SDR, AE);
  });

  it("a duplicated handoff message is applied once", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    await hire(who, AE.slug);
    const taskId = await giveTask(who, s.id, QUALIFIED_LEAD);
    await finishedTask(who, taskId);
    const [handoff] = (await chainOf(who, taskId)).messages;
    const row = await env.DB.prepare("SELECT * FROM events WHERE id = ?").bind(`${handoff?.id}.1`).first<Record<string, unknown>>();
    expect(row).toBeTruthy();
    const before = await env.DB.prepare("SELECT delivered_at AS at FROM events WHERE id = ?")
      .bind(`${handoff?.id}.1`)
      .first<{ at: number }>();
    // The queue delivers the same handoff again (at-least-once).
    const { eventFromRow } = await import("../../src/wake/ingest");
    const { fieldCipher } = await import("../../src/crypto/env-cipher");
    const { events } = await import("../../src/db/schema");
    const { database } = await import("../../src/db/client");
    const { eq } = await import("drizzle-orm");
    const stored = await database(env.DB)
      .select()
      .from(events)
      .where(eq(events.id, `${handoff?.id}.1`))
      .get();
    if (!stored) throw new Error("handoff event not stored");
    await env.WAKE_QUEUE.send({ v: 2, items: [{ event: await eventFromRow(fieldCipher(env), stored) }] });
    await eventually(async () => {
      const after = await env.DB.prepare("SELECT delivered_at AS at FROM events WHERE id = ?")
        .bind(`${handoff?.id}.1`)
        .first<{ at: number }>();
      return (after?.at ?? 0) > (before?.at ?? 0) ? true : undefined;
    });
    const chain = await chainOf(who, taskId);
    expect(chain.messages.map((m) => m.type)).toEqual(["handoff", "ack"]);
    const task = await jsonOf<{ history: { kind: string }[] }>(as(who, `/v1/tasks/${taskId}`), 200);
    expect(task.history.filter((h) => h.kind === "chain-done")).toHaveLength(1);
  });
});

describe("a chain that goes round in circles", () => {
  it("is stopped and escalated after MAX_HOPS handoffs", async () => {
    // Two content marketers whose rules hand the draft to SEO, whose rule hands it back.
    const content = contentMarketer();
    const bouncer = seoSpecialist();
    const looping = (content.specialization.rules ?? []).filter((r) => r.id !== "audit-back");
    const rule = looping[0];
    if (rule) rule.then = { ...rule.then, handoff: { type: "handoff", kind: "seo-audit" } };
    bouncer.specialization.rules = [
      {
        id: "bounce",
        when: { conditions: [{ path: "payload.inputs.kind", op: "eq", value: "seo-audit" }] },
        then: {
          action: "delegate",
          reason: "back to content",
          delegateTo: "content-marketing",
          handoff: { type: "handoff", kind: "review-draft" },
        },
      },
    ];
    content.specialization.rules = looping;
    await ensurePublished(content, bouncer);
    const who = await signUp();
    const c = await hire(who, content.slug);
    await hire(who, bouncer.slug);
    const taskId = await giveTask(who, c.id, { kind: "review-draft", text: DRAFT });
    const task = await finishedTask(who, taskId, 30_000);
    expect(task.status).toBe("needs_human");
    expect(task.output?.summary).toBe("escalated: the task was handed on 8 times without finishing");
    const chain = await chainOf(who, taskId);
    expect(chain.messages.filter((m) => m.type === "handoff")).toHaveLength(8);
    expect(chain.messages.at(-1)).toMatchObject({ type: "escalate", status: "escalated" });
  });
});

describe("trials in a chain", () => {
  it("handoffs count against a trial's task limit: past it, the trial takes no more", async () => {
    const sdrDefinition = sdr();
    const oneTaskAe = accountExecutive();
    oneTaskAe.listing.trial.maxTasks = 1;
    await ensurePublished(sdrDefinition, oneTaskAe);
    const who = await signUp();
    const s = await hire(who, sdrDefinition.slug);
    const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", { method: "POST", json: { agent: oneTaskAe.slug } }), 201);
    const first = await finishedTask(who, await giveTask(who, s.id, QUALIFIED_LEAD));
    expect(first.status).toBe("done");
    expect((await chainOf(who, first.id)).holders.at(-1)?.instanceId).toBe(`agent-${trial.id}`);
    const second = await finishedTask(who, await giveTask(who, s.id, QUALIFIED_LEAD));
    expect(second.status).toBe("needs_hire");
    expect(second.output?.needsHire?.role).toBe("account-executive");
  });
});

describe("a handoff too large to travel", () => {
  it("goes to a person with the reason instead of waiting forever", async () => {
    await ensurePublished(SDR, AE);
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    await hire(who, AE.slug);
    // The task's own event just fits under 64 KB (the largest that is accepted, in 250-byte
    // steps); the handoff adds the message around it, and cannot.
    const instructions = "é".repeat(19_000);
    let id: string | undefined;
    for (let notes = 27_000; !id && notes > 20_000; notes -= 250) {
      const res = await as(who, `/v1/hires/${s.id}/tasks`, {
        method: "POST",
        json: { title: "Huge", instructions, inputs: { ...QUALIFIED_LEAD, notes: "n".repeat(notes) } },
      });
      if (res.status === 202) id = ((await res.json()) as { id: string }).id;
      else expect(res.status).toBe(400);
    }
    if (!id) throw new Error("no task was accepted");
    const task = await finishedTask(who, id);
    expect(task.status).toBe("needs_human");
    expect(task.output?.summary).toMatch(/^needs_human: the handoff could not be sent \(.*larger than 65536 bytes/);
    expect((await chainOf(who, id)).messages).toEqual([expect.objectContaining({ type: "handoff", status: "escalated" })]);
    await customerIdle(who.customerId);
  });
});

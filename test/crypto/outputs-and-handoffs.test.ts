import { beforeAll, describe, expect, inject, it } from "vitest";
import { reencryptPass } from "../../src/agents/reencrypt-pass";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { database } from "../../src/db/client";
import { connectedRepositories } from "../../src/github/schema";
import { newId } from "../../src/ids";
import { openPayload, sealPayload } from "../../src/organisation/message-content";
import { deliverOutputs } from "../../src/outputs/deliver";
import { openOutputText } from "../../src/outputs/output-content";
import { dailyReports, today } from "../../src/outputs/reports/daily";
import { encryptedTables } from "../../src/platform";
import type { CustomerExport } from "../../src/schemas/customer-data";
import type { OutputPage } from "../../src/schemas/outputs";
import { DEFAULT_VISION_RULES, VisionRules } from "../../src/schemas/vision";
import type { WakeResult } from "../../src/schemas/decision";
import { recordWakeResults } from "../../src/wake/wake-records";
import { admin, env, nth, unique } from "../helpers";
import { as, jsonOf, signUp } from "../marketplace/helpers";
import { accountExecutive, chainOf, ensurePublished, finishedTask, giveTask, hire, QUALIFIED_LEAD, sdr } from "../organisation/helpers";
import { decided, hiredAgent, hooks, rollUp, taskFor, violation } from "../outputs/records-fixtures";
import { githubRepo, githubState } from "../servers/github-control";

// Outputs (what agents post) and the deliverables handoffs carry are customer content: stored
// as envelopes only, read plain by every reader, and rotated with the rest.

const githubUrl = inject("githubUrl");
const SDR = sdr();
const AE = accountExecutive();
const ENVELOPE = /^enc:v1:k2:/;
const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
const before = { ...env, ENCRYPTION_KEYS: `k1:${key(1)}` } as Env;
const afterRemoval = { ...env, ENCRYPTION_KEYS: `k2:${key(2)}` } as Env;

const rawOutputs = (customerId: string) =>
  env.DB.prepare("SELECT id, kind, state, title, body FROM outputs WHERE customer_id = ? ORDER BY id")
    .bind(customerId)
    .all<{ id: string; kind: string; state: string; title: string; body: string }>()
    .then((r) => r.results);
const rawPayloads = (taskId: string) =>
  env.DB.prepare("SELECT type, payload FROM agent_messages WHERE task_id = ? ORDER BY created_at, id")
    .bind(taskId)
    .all<{ type: string; payload: string }>()
    .then((r) => r.results);

/** A connected repository with a token, existing on the local GitHub. */
async function connected(customerId: string): Promise<string> {
  const repository = `${unique("Acme")}/Web`;
  const token = `ghp_${crypto.randomUUID()}`;
  const now = Date.now();
  await database(env.DB)
    .insert(connectedRepositories)
    .values({
      id: newId("repo"),
      customerId,
      repository,
      fullName: repository.toLowerCase(),
      webhookSecret: "s",
      token,
      visionRules: VisionRules.parse(DEFAULT_VISION_RULES),
      createdAt: now,
      updatedAt: now,
    })
    .run();
  await githubRepo(githubUrl, repository, token);
  return repository;
}

/** The result as if decided `ago` ms ago (its outputs due now; the fixtures' clock runs ahead). */
function past(result: WakeResult, ago: number): WakeResult {
  const at = Date.now() - ago;
  if (result.decision) result.decision.decidedAt = at;
  return { ...result, recordedAt: at };
}

async function passUntilDone(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const report = await reencryptPass(env, fieldCipher(env), encryptedTables, { limit: 200, agents: 0 });
    if (report.tables.every((t) => t.remaining === 0)) return;
  }
  throw new Error("re-encryption did not finish");
}

describe("encryption at rest of outputs and handoffs", () => {
  beforeAll(async () => {
    await ensurePublished(SDR, AE);
  });

  it("stores outputs' titles and bodies as envelopes; the API, the admin list, GitHub, the reports and the export read them plain", async () => {
    const who = await signUp();
    const agent = await hiredAgent(who.customerId);
    const repository = await connected(who.customerId);
    const task = await taskFor(agent, "Launch post for Nordlicht");
    await rollUp([
      past(decided(agent.instanceId, [violation(repository, "secret-plan.md")]), 60_000),
      decided(agent.instanceId, [], { eventId: task.eventId, output: "Nordlicht launches on Monday", reason: "drafted it" }),
    ]);
    // Delivered to (the local) GitHub in plain text, before the fix closes it.
    const [opened] = await rawOutputs(who.customerId).then((rows) => rows.filter((r) => r.kind === "issue"));
    expect(await deliverOutputs(env, { ids: [opened?.id ?? ""] })).toMatchObject({ posted: 1 });
    const issue = nth((await githubState(githubUrl, repository)).issues);
    expect(issue.title).toBe("forbidden-term in secret-plan.md");
    expect(issue.body).toContain("Found **forbidden-term** in `secret-plan.md`.");

    // Fixed: the closing output is written from the thread, sealed too.
    await rollUp([
      past(
        decided(agent.instanceId, [
          {
            kind: "document",
            key: "check",
            title: "Check",
            body: "clean",
            target: { repository },
            resolves: { keyPrefix: "vision:", subjects: ["secret-plan.md"] },
          },
        ]),
        30_000,
      ),
    ]);
    await dailyReports(env, { deliver: async () => {}, date: today(Date.now()), now: Date.now() + 86_400_000 });

    const raw = await rawOutputs(who.customerId);
    expect(raw.map((r) => r.kind).sort()).toEqual(["document", "document", "issue", "issue", "report"]);
    for (const r of raw) {
      expect(r.title).toMatch(ENVELOPE);
      expect(r.body).toMatch(ENVELOPE);
    }
    const stored = JSON.stringify(raw);
    for (const secret of ["secret-plan", "Nordlicht", "Daily report", "Fixed:"]) expect(stored).not.toContain(secret);

    // The customer's API and the operators' list.
    const page = await jsonOf<OutputPage>(as(who, "/v1/outputs"), 200);
    const byKind = (kind: string, state = "open") => nth(page.items.filter((o) => o.kind === kind && o.state === state));
    expect(byKind("issue")).toMatchObject({ title: "forbidden-term in secret-plan.md", body: expect.stringContaining("secret-plan.md") });
    expect(byKind("issue", "closed").body).toMatch(/^Fixed: forbidden-term in secret-plan.md\n\nNo longer found in `secret-plan.md`/);
    expect(page.items.find((o) => o.body === "Nordlicht launches on Monday")).toMatchObject({ title: "Launch post for Nordlicht" });
    expect(byKind("report").title).toBe(`Daily report, ${today(Date.now())}`);
    const one = await jsonOf<{ body: string }>(as(who, `/v1/outputs/${byKind("issue").id}`), 200);
    expect(one.body).toContain("secret-plan.md");
    const listed = await jsonOf<OutputPage>(admin(`/v1/admin/outputs?customer=${who.customerId}`), 200);
    expect(listed.items.map((o) => o.title)).toContain("forbidden-term in secret-plan.md");

    // The customer's export.
    const closing = byKind("issue", "closed");
    expect(await deliverOutputs(env, { ids: [closing.id] })).toMatchObject({ posted: 1 });
    const closed = nth((await githubState(githubUrl, repository)).issues);
    expect(closed.state).toBe("closed");
    expect(closed.body).toContain("Fixed: forbidden-term in secret-plan.md");

    const exported = await jsonOf<CustomerExport>(as(who, "/v1/customers/me/export"), 200);
    expect(exported.outputs.map((o) => o.body)).toContain("Nordlicht launches on Monday");
    expect(JSON.stringify(exported.outputs)).not.toContain("enc:v1:");
  });

  it("stores the deliverables handoffs carry, and the chain's deliverable, as envelopes; the chain, the task and the export read them plain", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    await hire(who, AE.slug);
    const taskId = await giveTask(who, s.id, QUALIFIED_LEAD);
    const task = await finishedTask(who, taskId);
    expect(task.output?.deliverable).toMatch(/^### sdr\n\n[\s\S]*Nordwind GmbH: [\s\S]*### account-executive/);

    const [handoff, ...rest] = await rawPayloads(taskId);
    expect(handoff?.type).toBe("handoff");
    const payload = JSON.parse(handoff?.payload ?? "{}") as Record<string, unknown>;
    // The deliverable sealed; what SQL reads stays plain.
    expect(payload).toMatchObject({ deliverable: expect.stringMatching(ENVELOPE), kind: "plan-close", exclude: [s.instanceId] });
    const output = await env.DB.prepare("SELECT output FROM tasks WHERE id = ?").bind(taskId).first<{ output: string }>();
    expect(JSON.parse(output?.output ?? "{}")).toMatchObject({
      deliverable: expect.stringMatching(ENVELOPE),
      summary: expect.stringMatching(ENVELOPE),
    });
    const history = await env.DB.prepare("SELECT detail FROM task_history WHERE task_id = ? AND kind = 'chain-done'")
      .bind(taskId)
      .first<{ detail: string }>();
    expect(JSON.stringify([handoff, rest, output, history])).not.toContain("Nordwind");

    const chain = await chainOf(who, taskId);
    expect(chain.messages[0]?.payload).toMatchObject({ deliverable: expect.stringContaining("Nordwind GmbH: ") });
    const exported = await jsonOf<CustomerExport>(as(who, "/v1/customers/me/export"), 200);
    expect(JSON.stringify(exported.handoffs)).toContain("Nordwind GmbH: ");
    expect(JSON.stringify(exported.handoffs)).not.toContain("enc:v1:");
  });

  it("rotates outputs and handoff payloads from k1 (and plain legacy rows) to k2, readable once k1 is gone", async () => {
    const who = await signUp();
    const agent = await hiredAgent(who.customerId);
    await recordWakeResults(
      before,
      [decided(agent.instanceId, [{ kind: "document", key: "k1", title: "Old title", body: "Old body" }])],
      hooks,
    );
    const legacy = newId("out");
    await env.DB.prepare(
      `INSERT INTO outputs (id, customer_id, origin, kind, channel, key, state, title, body, status, attempts, created_at, updated_at)
       VALUES (?, ?, ?, 'document', 'none', 'legacy', 'open', 'Legacy title', 'Legacy body', 'stored', 0, 1, 1)`,
    )
      .bind(legacy, who.customerId, newId("dec"))
      .run();
    const task = await taskFor(agent);
    const message = newId("msg");
    const sealedPayload = await sealPayload(fieldCipher(before), { deliverable: "carried under k1", exclude: ["x"] });
    await env.DB.prepare(
      `INSERT INTO agent_messages (id, type, task_id, customer_id, correlation_id, trace_id, from_role, to_role, status, payload, created_at, updated_at)
       VALUES (?, 'handoff', ?, ?, ?, 't', 'sdr', 'account-executive', 'done', ?, 1, 1)`,
    )
      .bind(message, task.id, who.customerId, task.id, JSON.stringify(sealedPayload))
      .run();
    const rawMessage = () => rawPayloads(task.id).then((r) => JSON.parse(nth(r).payload) as Record<string, string>);
    expect((await rawOutputs(who.customerId)).find((r) => r.id !== legacy)?.title).toMatch(/^enc:v1:k1:/);
    expect((await rawMessage()).deliverable).toMatch(/^enc:v1:k1:/);

    await passUntilDone();
    const raw = await rawOutputs(who.customerId);
    for (const r of raw) {
      expect(r.title).toMatch(ENVELOPE);
      expect(r.body).toMatch(ENVELOPE);
    }
    expect((await rawMessage()).deliverable).toMatch(ENVELOPE);

    // k1 removed from the ring: everything still reads.
    const k2Only = fieldCipher(afterRemoval);
    const opened = await Promise.all(raw.map((r) => openOutputText(k2Only, r)));
    expect(opened.map((o) => [o.title, o.body]).sort()).toEqual([
      ["Legacy title", "Legacy body"],
      ["Old title", "Old body"],
    ]);
    expect(await openPayload(k2Only, await rawMessage())).toEqual({ deliverable: "carried under k1", exclude: ["x"] });
    const page = await jsonOf<OutputPage>(as(who, "/v1/outputs"), 200);
    expect(page.items.map((o) => o.title).sort()).toEqual(["Legacy title", "Old title"]);
  });
});

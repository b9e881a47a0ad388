import { describe, expect, it } from "vitest";
import type { Reconciliation } from "../../src/schemas/operator-views";
import { connect, deliver, example } from "../github/webhooks-helpers";
import { admin, delivered, env, unique } from "../helpers";
import { signUp } from "../marketplace/helpers";

async function reconcile(since: number): Promise<Reconciliation> {
  const res = await admin(`/v1/admin/reconciliation?since=${since}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe("GET /v1/admin/reconciliation: GitHub deliveries", () => {
  it("counts each accepted delivery once (a redelivery and a bad signature add none), and where their GitHub outputs are", async () => {
    const since = Date.now();
    const owner = await signUp("Octo");
    const repo = await connect(owner);
    const payload = example("push", repo.repository);
    const delivery = crypto.randomUUID();
    const first = await deliver({ event: "push", payload, secret: repo.webhookSecret, delivery });
    expect(first.status).toBe(202);
    const { eventId } = (await first.json()) as { eventId: string };
    expect((await deliver({ event: "push", payload, secret: repo.webhookSecret, delivery })).status).toBe(200);
    expect((await deliver({ event: "push", payload, secret: "not-the-secret" })).status).toBe(401);
    const labelled = example("pull_request", repo.repository, "labeled");
    expect((await deliver({ event: "pull_request", payload: labelled, secret: repo.webhookSecret })).status).toBe(202);
    await delivered(eventId);

    // An output of the push's decision waiting for its next post attempt, as the GitHub channel leaves one after a 5xx.
    const decision = unique("dec");
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO wake_log (event_id, instance_id, outcome, decision_id, received_at, recorded_at) VALUES (?, ?, 'decided', ?, ?, ?)`,
      ).bind(eventId, unique("agent"), decision, now, now),
      env.DB.prepare(
        `INSERT INTO outputs (id, customer_id, origin, decision_id, kind, channel, key, title, body, status, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'issue', 'github', 'vision:x', 't', 'b', 'stored', ?, ?, ?)`,
      ).bind(unique("out"), owner.customerId, decision, decision, now + 60_000, now, now),
    ]);

    const r = await reconcile(since);
    expect(r.github).toEqual({
      deliveries: 2,
      byOutcome: { ingested: 1, ignored: 1 },
      withoutEvent: 0,
      unsettled: 0,
      outputs: { posted: 0, pending: 1, held: 0, failed: 0 },
    });
  });

  it("names an ingested delivery whose event is not recorded", async () => {
    const since = Date.now();
    const owner = await signUp("Octo");
    const repo = await connect(owner);
    // A delivery row as a bug would leave it: recorded as ingested, its event never written.
    await env.DB.prepare(
      `INSERT INTO github_deliveries (id, repository_id, github_event, action, outcome, reason, event_id, received_at)
       VALUES (?, ?, 'push', NULL, 'ingested', NULL, ?, ?)`,
    )
      .bind(crypto.randomUUID(), repo.id, unique("gh_lost"), Date.now())
      .run();

    const r = await reconcile(since);
    expect(r.github).toMatchObject({ deliveries: 1, withoutEvent: 1 });
    expect(r.ok).toBe(false);
    expect(r.discrepancies).toEqual(expect.arrayContaining([expect.stringContaining("GitHub deliveries ingested without their event")]));
  });

  it("does not count a delivery whose event retention pruned as lost work", async () => {
    const owner = await signUp("Octo");
    const repo = await connect(owner);
    // Received before EVENT_RETENTION_DAYS (90): its event and wake log are gone by design.
    const longAgo = Date.now() - 91 * 86_400_000;
    const before = await reconcile(longAgo - 1);
    await env.DB.prepare(
      `INSERT INTO github_deliveries (id, repository_id, github_event, action, outcome, reason, event_id, received_at)
       VALUES (?, ?, 'push', NULL, 'ingested', NULL, ?, ?)`,
    )
      .bind(crypto.randomUUID(), repo.id, unique("gh_pruned"), longAgo)
      .run();

    // Counted among the deliveries, not among the lost (the file's other tests' rows stay as they were).
    const r = await reconcile(longAgo - 1);
    expect(r.github.deliveries).toBe(before.github.deliveries + 1);
    expect(r.github.withoutEvent).toBe(before.github.withoutEvent);
  });
});

import { sign } from "@octokit/webhooks-methods";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WebhookDuplicate, WebhookIgnored, WebhookIngested, WebhookPong } from "../../src/schemas/github-views";
import { ErrorBody } from "../../src/schemas/errors";
import { call, env } from "../helpers";
import { type SignedUp, signUp } from "../marketplace/helpers";
import { type Connected, connect, deliver, example, uniqueRepository } from "./webhooks-helpers";
import { deliveriesOf, eventsOf, storedEvent } from "./webhooks-rows";

describe("POST /v1/webhooks/github: authenticity and redelivery", () => {
  let owner: SignedUp;
  let repo: Connected;

  beforeAll(async () => {
    owner = await signUp("Octo");
  });
  beforeEach(async () => {
    repo = await connect(owner);
  });

  async function nothingStored(): Promise<void> {
    expect(await deliveriesOf(repo.id)).toEqual([]);
    expect(await eventsOf(repo.repository)).toBe(0);
  }

  it("refuses a missing signature and one made with another secret: 401, no delivery, no event", async () => {
    const payload = example("push", repo.repository);
    const missing = await deliver({ event: "push", payload, secret: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: "invalid_signature", message: expect.stringContaining("missing") } });

    const wrong = await deliver({ event: "push", payload, secret: "not-the-secret" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_signature" } });

    // Signed with the right secret, but the body changed after signing (one byte).
    const body = JSON.stringify(payload);
    const tampered = await call("/v1/webhooks/github", {
      method: "POST",
      body: `${body} `,
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": crypto.randomUUID(),
        "x-hub-signature-256": await sign(repo.webhookSecret, body),
      },
    });
    expect(tampered.status).toBe(401);
    const garbled = await call("/v1/webhooks/github", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-github-event": "push", "x-hub-signature-256": "sha256=zz" },
    });
    expect(garbled.status).toBe(401);
    await nothingStored();
  });

  it("answers 404 for a repository nobody connected, or a payload naming none, and stores nothing", async () => {
    const stranger = uniqueRepository();
    const res = await deliver({ event: "push", payload: example("push", stranger), secret: repo.webhookSecret });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "unknown_repository" } });
    expect(await eventsOf(stranger)).toBe(0);

    const { repository: _, ...noRepository } = example("push", repo.repository);
    const none = await deliver({ event: "push", payload: noRepository, secret: repo.webhookSecret });
    expect(none.status).toBe(404);
    await nothingStored();
  });

  it("answers 400 naming the body when a signed body is not JSON, and naming a missing header", async () => {
    const notJson = await deliver({ event: "push", payload: "{not json", secret: repo.webhookSecret });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: "invalid_json", field: "body" } });

    const body = JSON.stringify(example("push", repo.repository));
    const signature = await sign(repo.webhookSecret, body);
    for (const [missing, headers] of [
      ["X-GitHub-Delivery", { "x-github-event": "push" }],
      ["X-GitHub-Event", { "x-github-delivery": crypto.randomUUID() }],
    ] as const) {
      const res = await call("/v1/webhooks/github", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-hub-signature-256": signature, ...headers },
      });
      expect(res.status, missing).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "missing_header", field: missing } });
    }
    await nothingStored();
  });

  it("a signed push is 202 with its event id; the same delivery again is a 200 duplicate and no second event", async () => {
    const delivery = crypto.randomUUID();
    const payload = example("push", repo.repository);
    const first = await deliver({ event: "push", payload, secret: repo.webhookSecret, delivery });
    expect(first.status).toBe(202);
    expect(WebhookIngested.parse(await first.json())).toEqual({ delivery, eventId: `gh_${repo.id}_${delivery}`, status: "queued" });

    const again = await deliver({ event: "push", payload, secret: repo.webhookSecret, delivery });
    expect(again.status).toBe(200);
    expect(WebhookDuplicate.parse(await again.json())).toEqual({
      duplicate: true,
      delivery,
      outcome: "ingested",
      eventId: `gh_${repo.id}_${delivery}`,
    });
    expect(await eventsOf(repo.repository)).toBe(1);
    expect(await deliveriesOf(repo.id)).toEqual([
      { id: delivery, github_event: "push", action: null, outcome: "ingested", reason: null, event_id: `gh_${repo.id}_${delivery}` },
    ]);

    // A redelivery that raced past the delivery row (it was not written yet) is still one event.
    await env.DB.prepare(`DELETE FROM github_deliveries WHERE id = ?`).bind(delivery).run();
    const raced = await deliver({ event: "push", payload, secret: repo.webhookSecret, delivery });
    expect(raced.status).toBe(202);
    expect(await raced.json()).toEqual({ delivery, eventId: `gh_${repo.id}_${delivery}`, status: "duplicate" });
    expect(await eventsOf(repo.repository)).toBe(1);
    expect(await deliveriesOf(repo.id)).toHaveLength(1);
  });

  it("keeps a delivery id to the repository that signed it: another customer reusing it learns nothing and gets their own event", async () => {
    const delivery = crypto.randomUUID();
    const mine = await deliver({ event: "push", payload: example("push", repo.repository), secret: repo.webhookSecret, delivery });
    expect(mine.status).toBe(202);
    const theirs = await connect(await signUp("Mallory Co"));
    // The longest delivery id accepted still makes an event id within the 128-character rule.
    for (const id of [delivery, "d".repeat(90)]) {
      const res = await deliver({ event: "push", payload: example("push", theirs.repository), secret: theirs.webhookSecret, delivery: id });
      expect(res.status, id).toBe(202);
      expect(WebhookIngested.parse(await res.json())).toEqual({ delivery: id, eventId: `gh_${theirs.id}_${id}`, status: "queued" });
    }
    expect(await deliveriesOf(repo.id)).toMatchObject([{ id: delivery, event_id: `gh_${repo.id}_${delivery}` }]);
    const tooLong = await deliver({
      event: "push",
      payload: example("push", theirs.repository),
      secret: theirs.webhookSecret,
      delivery: "d".repeat(91),
    });
    expect(tooLong.status).toBe(400);
  });

  it("answers GitHub's ping with 200 and stores nothing for it", async () => {
    const ping = example("ping", repo.repository);
    const res = await deliver({ event: "ping", payload: ping, secret: repo.webhookSecret });
    expect(res.status).toBe(200);
    expect(WebhookPong.parse(await res.json())).toEqual({ pong: true, repository: repo.repository });
    const wrong = await deliver({ event: "ping", payload: ping, secret: "a-guess" });
    expect(wrong.status).toBe(401);
  });

  it("acknowledges and records, without an event, event types and actions agents do not wake for", async () => {
    const other = repo;
    const star = await deliver({ event: "star", payload: example("star", other.repository, "created"), secret: other.webhookSecret });
    expect(star.status).toBe(202);
    expect(WebhookIgnored.parse(await star.json())).toMatchObject({ ignored: "event star is not handled" });
    const closed = await deliver({
      event: "pull_request",
      payload: example("pull_request", other.repository, "closed"),
      secret: other.webhookSecret,
    });
    expect(closed.status).toBe(202);
    expect(await closed.json()).toMatchObject({ ignored: "pull_request action closed is not handled" });
    const deleted = await deliver({
      event: "issue_comment",
      payload: example("issue_comment", other.repository, "deleted"),
      secret: other.webhookSecret,
    });
    expect(deleted.status).toBe(202);

    expect(await eventsOf(other.repository)).toBe(0);
    expect(await deliveriesOf(other.id)).toEqual([
      expect.objectContaining({
        github_event: "star",
        action: "created",
        outcome: "ignored",
        reason: "event star is not handled",
        event_id: null,
      }),
      expect.objectContaining({ github_event: "pull_request", action: "closed", outcome: "ignored", event_id: null }),
      expect.objectContaining({ github_event: "issue_comment", action: "deleted", outcome: "ignored", event_id: null }),
    ]);
  });

  it("refuses a payload above GitHub's 25 MB cap with 413 without reading it, whether its length is declared or streamed", async () => {
    const delivery = crypto.randomUUID();
    const headers = { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": delivery };
    const declared = await call("/v1/webhooks/github", { method: "POST", body: "x".repeat(25 * 1024 * 1024 + 1), headers });
    expect(declared.status).toBe(413);
    expect(ErrorBody.parse(await declared.json()).error).toMatchObject({ code: "payload_too_large", field: "body" });

    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 30) controller.close();
        else {
          sent += 1;
          controller.enqueue(chunk);
        }
      },
    });
    const streamed = await call("/v1/webhooks/github", { method: "POST", body: stream, headers });
    expect(streamed.status).toBe(413);
    expect(ErrorBody.parse(await streamed.json()).error.code).toBe("payload_too_large");
    expect(sent, "stopped reading soon after the cap").toBeLessThanOrEqual(27);
    await nothingStored();
  });

  it("accepts GitHub's form-encoded content type (payload=<json>), signed over the form body", async () => {
    const other = repo;
    const res = await deliver({
      event: "issues",
      payload: example("issues", other.repository, "opened"),
      secret: other.webhookSecret,
      form: true,
    });
    expect(res.status).toBe(202);
    const { eventId } = WebhookIngested.parse(await res.json());
    expect(await storedEvent(eventId)).toMatchObject({ type: "github.issue.opened", customerId: owner.customerId });

    const broken = await deliver({ event: "issues", payload: "{oops", secret: other.webhookSecret, form: true });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: "invalid_json", field: "body.payload" } });
  });

  it("refuses webhooks of a disconnected repository (404)", async () => {
    const other = repo;
    const gone = await call(`/v1/repositories/${other.id}`, { method: "DELETE", headers: { authorization: `Bearer ${owner.key}` } });
    expect(gone.status).toBe(204);
    const res = await deliver({ event: "push", payload: example("push", other.repository), secret: other.webhookSecret });
    expect(res.status).toBe(404);
    expect(await eventsOf(other.repository)).toBe(0);
  });
});

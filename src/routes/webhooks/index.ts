import { Hono } from "hono";
import { GITHUB_MAX_PAYLOAD_BYTES, readCapped } from "../../github/webhooks/body";
import { receiveWebhook } from "../../github/webhooks/receive";
import type { WebhookIgnored } from "../../schemas/github-views";
import type { AppEnv } from "../../types";

const decoder = new TextDecoder();

/** Webhooks from the places customers work. No API key: each is authenticated by its signature. */
export const webhookRoutes = new Hono<AppEnv>().post("/github", async (c) => {
  const delivery = c.req.header("x-github-delivery");
  const tooLarge: WebhookIgnored = {
    ...(delivery ? { delivery } : {}),
    ignored: `payload larger than ${GITHUB_MAX_PAYLOAD_BYTES} bytes (GitHub's cap): not read`,
  };
  if (Number(c.req.header("content-length") ?? 0) > GITHUB_MAX_PAYLOAD_BYTES) return c.json(tooLarge, 202);
  // Read once, as bytes: the signature covers exactly these.
  const bytes = await readCapped(c.req.raw.body);
  if (!bytes) return c.json(tooLarge, 202);
  const outcome = await receiveWebhook(c.env, {
    githubEvent: c.req.header("x-github-event"),
    delivery,
    signature: c.req.header("x-hub-signature-256"),
    contentType: c.req.header("content-type"),
    body: decoder.decode(bytes),
  });
  return c.json(outcome.answer, outcome.kind === "ingested" || outcome.kind === "ignored" ? 202 : 200);
});

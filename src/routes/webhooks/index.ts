import { Hono } from "hono";
import { ValidationError } from "../../errors";
import { GITHUB_MAX_PAYLOAD_BYTES, readCapped } from "../../github/webhooks/body";
import { receiveWebhook } from "../../github/webhooks/receive";
import type { AppEnv } from "../../types";

const decoder = new TextDecoder();

/**
 * Webhooks from the places customers work. No API key: each is authenticated by its signature.
 * A body above GitHub's 25 MB cap is refused (413) by the edge's body limit before it is read.
 */
export const webhookRoutes = new Hono<AppEnv>().post("/github", async (c) => {
  // Read once, as bytes: the signature covers exactly these. (The cap here is a second guard.)
  const bytes = await readCapped(c.req.raw.body);
  if (!bytes) throw new ValidationError(`body is larger than ${GITHUB_MAX_PAYLOAD_BYTES} bytes`, "body", [], "payload_too_large");
  const outcome = await receiveWebhook(c.env, {
    githubEvent: c.req.header("x-github-event"),
    delivery: c.req.header("x-github-delivery"),
    signature: c.req.header("x-hub-signature-256"),
    contentType: c.req.header("content-type"),
    body: decoder.decode(bytes),
  });
  return c.json(outcome.answer, outcome.kind === "ingested" || outcome.kind === "ignored" ? 202 : 200);
});

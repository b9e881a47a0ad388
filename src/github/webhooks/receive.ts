import { fieldCipher } from "../../crypto/env-cipher";
import { openWebhookSecret } from "../repository-secrets";
import { NotFoundError, ValidationError } from "../../errors";
import type { WebhookDuplicate, WebhookIgnored, WebhookIngested, WebhookPong } from "../../schemas/github-views";
import { ingestEvents } from "../../wake/ingest";
import { repositoryByName } from "../repositories";
import { webhookJson } from "./body";
import { findDelivery, recordDelivery } from "./deliveries";
import { InvalidSignatureError } from "./errors";
import { webhookEvent } from "./event";
import { mapWebhook } from "./mapping";
import { parseWebhook, readWebhook, WebhookEnvelope } from "./payloads";
import { signatureMatches } from "./signature";

/** A webhook request as it arrived: GitHub's headers and the exact body text its signature covers. */
export interface WebhookRequest {
  githubEvent: string | undefined;
  delivery: string | undefined;
  signature: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** What became of a webhook; the route answers `ingested` and `ignored` with 202, the others with 200. */
export type WebhookOutcome =
  | { kind: "ingested"; answer: WebhookIngested }
  | { kind: "ignored"; answer: WebhookIgnored }
  | { kind: "duplicate"; answer: WebhookDuplicate }
  | { kind: "pong"; answer: WebhookPong };

// A GitHub delivery id is a GUID (36 characters); it becomes part of an event id with the
// repository's (`gh_<repo_…30>_<delivery>`), which must stay within 128 of these characters.
const DELIVERY_ID = /^[A-Za-z0-9_.:-]{1,90}$/;

function header(value: string | undefined, name: string): string {
  if (!value) throw new ValidationError(`the ${name} header is missing`, name, [], "missing_header");
  return value;
}

/**
 * Receives a GitHub webhook. Authenticity is the signature: the repository the payload names
 * gives the secret, and nothing is stored before it matches (401), nor for a repository nobody
 * connected (404). A delivery seen before changes nothing. A push, a pull request opened,
 * synchronized or reopened, an issue or an issue comment becomes one wake event carrying the
 * repository's owner as its customer, then the delivery is recorded; anything else is recorded
 * as ignored, with why.
 */
export async function receiveWebhook(env: Env, request: WebhookRequest): Promise<WebhookOutcome> {
  // Refused before anything is read or looked up: without a signature nothing can be trusted.
  if (!request.signature) throw new InvalidSignatureError("X-Hub-Signature-256 is missing: give the webhook its secret on GitHub");
  const json = webhookJson(request.body, request.contentType);
  const envelope = readWebhook(WebhookEnvelope, json);
  const name = envelope.repository?.full_name;
  if (!name) throw new NotFoundError("the payload names no repository", "unknown_repository");
  const repository = await repositoryByName(env.DB, name);
  if (!repository) throw new NotFoundError(`${name} is not connected`, "unknown_repository");
  const secret = await openWebhookSecret(fieldCipher(env), repository.webhookSecret);
  if (!(await signatureMatches(secret, request.body, request.signature)))
    throw new InvalidSignatureError("X-Hub-Signature-256 does not match the repository's webhook secret");

  const githubEvent = header(request.githubEvent, "X-GitHub-Event");
  const delivery = header(request.delivery, "X-GitHub-Delivery");
  if (!DELIVERY_ID.test(delivery))
    throw new ValidationError("X-GitHub-Delivery: at most 90 letters, digits and _ . : -", "X-GitHub-Delivery");
  if (githubEvent === "ping") return { kind: "pong", answer: { pong: true, repository: repository.repository } };

  const seen = await findDelivery(env.DB, repository.id, delivery);
  if (seen) return { kind: "duplicate", answer: { duplicate: true, delivery, outcome: seen.outcome, eventId: seen.eventId } };

  const mapped = mapWebhook(githubEvent, envelope.action);
  const row = { id: delivery, repositoryId: repository.id, githubEvent, action: envelope.action ?? null, receivedAt: Date.now() };
  if ("ignored" in mapped) {
    await recordDelivery(env.DB, { ...row, outcome: "ignored", reason: mapped.ignored, eventId: null });
    return { kind: "ignored", answer: { delivery, ignored: mapped.ignored } };
  }

  const event = webhookEvent(parseWebhook(mapped.githubEvent, json), mapped.type, repository.customerId, {
    repository: name,
    repositoryId: repository.id,
    delivery,
    ...(envelope.repository?.default_branch !== undefined ? { defaultBranch: envelope.repository.default_branch } : {}),
    ...(envelope.action !== undefined ? { action: envelope.action } : {}),
    ...(envelope.sender ? { sender: envelope.sender.login } : {}),
    visionRules: repository.visionRules,
  });
  const [result] = await ingestEvents(env, [event]);
  if (!result) throw new Error("ingest answered nothing for one event");
  await recordDelivery(env.DB, { ...row, outcome: "ingested", reason: null, eventId: result.id });
  return { kind: "ingested", answer: { delivery, eventId: result.id, status: result.status } };
}

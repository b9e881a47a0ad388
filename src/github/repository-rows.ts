import { ValidationError } from "../errors";
import type { ConnectedRepositoryView } from "../schemas/github";
import { VisionRules } from "../schemas/vision";
import type { connectedRepositories } from "./schema";

export type RepositoryRow = typeof connectedRepositories.$inferSelect;

/** Where GitHub posts webhooks on this platform, relative to the API's origin. */
export const WEBHOOK_PATH = "/v1/webhooks/github";

/**
 * Most bytes a repository's vision rules may take as JSON. Every `github.*` event carries them
 * (a replay checks what was checked then) and an event is at most 64 KB: the rules must leave
 * room for the webhook itself.
 */
export const MAX_VISION_RULES_BYTES = 16 * 1024;

const encoder = new TextEncoder();

/** Throws a 400 naming `visionRules` when the rules would crowd the webhook out of its events. */
export function checkRulesSize(rules: VisionRules): void {
  const bytes = encoder.encode(JSON.stringify(rules)).byteLength;
  if (bytes > MAX_VISION_RULES_BYTES)
    throw new ValidationError(`visionRules take ${bytes} bytes as JSON; at most ${MAX_VISION_RULES_BYTES}`, "visionRules");
}

/** A new webhook secret: 32 random bytes, hex (what GitHub's Secret field takes). */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** GitHub names are case-insensitive: rows are found by the lower-cased `owner/name`. */
export function fullNameOf(repository: string): string {
  return repository.toLowerCase();
}

/** A row as its owner sees it: whether there is a token, never the token or the secret. */
export function repositoryView(row: RepositoryRow, origin: string): ConnectedRepositoryView {
  return {
    id: row.id,
    repository: row.repository,
    hasToken: row.token !== null,
    // Parsed again so rules stored before a default was added read with it.
    visionRules: VisionRules.parse(row.visionRules),
    dailyReport: row.dailyReport ?? null,
    webhookUrl: `${origin}${WEBHOOK_PATH}`,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

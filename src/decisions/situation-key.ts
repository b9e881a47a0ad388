import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Event } from "../schemas/event";

/**
 * Payload fields that identify an occurrence rather than describe the situation: `id`,
 * `orderId`, `order_id`, `createdAt`, `sent_at`, timestamps, trace and request ids. Case
 * matters: `paid`, `valid` or `format` describe the situation and are kept.
 */
const VOLATILE_KEY =
  /^(id|ids|at|time|date|timestamp|nonce|signature)$|[a-z0-9](Id|Ids|At|Timestamp)$|_(id|ids|at)$|^(traceId|requestId|trace_id|request_id)$/;

/**
 * Normalizes text so that situations differing only in ids, numbers, e-mail addresses, URLs,
 * case or spacing share a key: "Refund order #4411 for BOB@x.io" and "refund order #9 for
 * ann@y.com" are the same situation to a support agent.
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, "<url>")
    .replace(/[^\s@]+@[^\s@]+\.[a-z]{2,}/g, "<email>")
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<id>")
    .replace(/\d+(\.\d+)?/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

function normalizeValue(value: unknown): unknown {
  if (typeof value === "string") return normalizeText(value);
  if (typeof value === "number") return "#";
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    // Sorted keys: the same payload in another key order is the same situation.
    for (const key of Object.keys(value).sort()) {
      if (!VOLATILE_KEY.test(key)) out[key] = normalizeValue((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** The canonical text of a situation; exposed for tests and for explaining a cache hit. */
export function canonicalSituation(event: Pick<Event, "type" | "subject" | "payload">): string {
  return JSON.stringify([event.type, normalizeText(event.subject), normalizeValue(event.payload)]);
}

/**
 * The cache key of a situation within a scope. The scope names whose decisions may be shared
 * (a specialization, the hash of its rules, the model, the customer), so changed rules or a
 * different customer never read each other's entries.
 */
export function situationKey(scope: string, event: Pick<Event, "type" | "subject" | "payload" | "customerId">): string {
  // The event's own customer too: an agent subscribed to every customer ("*") must still
  // never answer one customer with what it decided for another.
  return `${scope}:${event.customerId ?? "-"}:${hashText(canonicalSituation(event))}`;
}

/** SHA-256 hex of text. Synchronous (unlike WebCrypto) so a local cache hit never yields. */
export function hashText(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

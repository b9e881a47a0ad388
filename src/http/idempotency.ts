import type { MiddlewareHandler } from "hono";
import { ConflictError, UnprocessableError, ValidationError } from "../errors";
import { hashText } from "../decisions/situation-key";
import type { AppEnv } from "../types";
import { fieldCipher } from "../crypto/env-cipher";
import type { EncryptedTable } from "../crypto/reencrypt";

/** Stored responses carry customer content (a task's instructions): encrypted at rest under this field. */
const BODY_AAD = "idempotency_keys.body";

/** The stored responses' column, for the background re-encryption (src/crypto/reencrypt.ts). */
export const idempotencyEncryptedTable: EncryptedTable = {
  table: "idempotency_keys",
  key: "rowid",
  columns: [{ name: "body", kind: "text", aad: BODY_AAD }],
};

/** How long a key is remembered; after that the same key starts a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** A claim whose request never finished (the isolate died) may be taken over after this. */
export const IDEMPOTENCY_LEASE_MS = 60_000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its response (status and
 * body) is stored per caller; a retry with the same key and the same request gets that response
 * again (`Idempotent-Replayed: true`) and creates nothing; the same key with a different request
 * is a 422; a retry while the first is still running is a 409. Server errors (5xx) are not
 * stored, so a retry after one runs again. `redact` removes secrets (an API key shown once)
 * from what is stored.
 */
export function idempotency(redact?: (body: unknown) => unknown): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (c.req.method !== "POST" || key === undefined) return next();
    if (!KEY_SHAPE.test(key)) throw new ValidationError("Idempotency-Key: 1-255 visible ASCII characters", "Idempotency-Key");
    const caller = c.get("caller") ?? `anonymous:${c.req.header("cf-connecting-ip") ?? "-"}`;
    // The bytes (not c.req.text()): hono caches the first read, and a lossy text read would hide
    // malformed UTF-8 from jsonBody's strict decoding.
    const body = new TextDecoder().decode(await c.req.arrayBuffer());
    const requestHash = hashText(`${c.req.method} ${c.req.path}\n${body}`);
    const now = Date.now();
    const db = c.env.DB;
    const claimed = await db
      .prepare(
        `INSERT INTO idempotency_keys (caller, key, request_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (caller, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL, body = NULL, created_at = excluded.created_at
         WHERE idempotency_keys.created_at < ? OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < ?)
         RETURNING created_at`,
      )
      .bind(caller, key, requestHash, now, now - IDEMPOTENCY_TTL_MS, now - IDEMPOTENCY_LEASE_MS)
      .first();
    if (!claimed) {
      const prior = await db
        .prepare(`SELECT request_hash, status, body FROM idempotency_keys WHERE caller = ? AND key = ?`)
        .bind(caller, key)
        .first<{ request_hash: string; status: number | null; body: string | null }>();
      if (prior && prior.request_hash !== requestHash) {
        throw new UnprocessableError("idempotency_key_reused", "this Idempotency-Key was used for a different request", "Idempotency-Key");
      }
      if (!prior || prior.status === null)
        throw new ConflictError("request_in_progress", "a request with this Idempotency-Key is still running; retry shortly");
      const body = prior.body === null ? null : await fieldCipher(c.env).open(prior.body, BODY_AAD);
      return new Response(body, {
        status: prior.status,
        headers: { "content-type": "application/json", "idempotent-replayed": "true" },
      });
    }
    await next();
    if (c.res.status >= 500) {
      await db.prepare(`DELETE FROM idempotency_keys WHERE caller = ? AND key = ?`).bind(caller, key).run();
      return;
    }
    const text = await c.res.clone().text();
    const stored = redact ? JSON.stringify(redact(safeJson(text))) : text;
    await db
      .prepare(`UPDATE idempotency_keys SET status = ?, body = ? WHERE caller = ? AND key = ?`)
      .bind(c.res.status, await fieldCipher(c.env).seal(stored, BODY_AAD), caller, key)
      .run();
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Forgets keys past their lifetime (from the cron). */
export async function sweepIdempotencyKeys(d1: D1Database): Promise<void> {
  await d1
    .prepare(`DELETE FROM idempotency_keys WHERE created_at < ?`)
    .bind(Date.now() - IDEMPOTENCY_TTL_MS)
    .run();
}

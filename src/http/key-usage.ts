/**
 * `api_keys.last_used_at` without a D1 write per request: a key's use is written at most once
 * per {@link LAST_USED_RESOLUTION_MS}, judged by the stored value (which covers other isolates)
 * and by what this isolate last wrote (which covers requests racing the write). The write is
 * one UPDATE handed to `waitUntil`, off the request's path.
 */
export const LAST_USED_RESOLUTION_MS = 5 * 60_000;

/** Bounds the per-isolate memory: past this many keys the map starts afresh (costing at most one extra write per key). */
const MAX_REMEMBERED = 10_000;

const written = new Map<string, number>();

/** Whether a use at `now` should be written, remembering it if so. Exported for tests. */
export function shouldWriteUse(keyId: string, storedLastUsedAt: number | null, now: number): boolean {
  const last = Math.max(storedLastUsedAt ?? 0, written.get(keyId) ?? 0);
  if (now - last < LAST_USED_RESOLUTION_MS) return false;
  if (written.size >= MAX_REMEMBERED) written.clear();
  written.set(keyId, now);
  return true;
}

/** Records a key's use (coalesced). `waitUntil` is the request's, or undefined where there is none (then the write is awaited). */
export async function noteKeyUse(
  d1: D1Database,
  key: { keyId: string; lastUsedAt: number | null },
  waitUntil: ((p: Promise<unknown>) => void) | undefined,
  now = Date.now(),
): Promise<void> {
  if (!shouldWriteUse(key.keyId, key.lastUsedAt, now)) return;
  const write = d1
    .prepare(`UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at < ?1)`)
    .bind(now, key.keyId)
    .run()
    .catch((error: unknown) => {
      // A lost timestamp is harmless; forget it so the next request tries again.
      written.delete(key.keyId);
      console.warn("api key last_used_at not written", { keyId: key.keyId, error: String(error) });
    });
  if (waitUntil) waitUntil(write);
  else await write;
}

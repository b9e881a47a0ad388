/**
 * A fresh Idempotency-Key: a random (v4) UUID, the format the IETF Idempotency-Key draft
 * recommends. `crypto.randomUUID` exists only in secure contexts in browsers (not on a plain-http
 * LAN address), so the same shape is built from `crypto.getRandomValues` there; both exist in
 * Node 20+ and Workers.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

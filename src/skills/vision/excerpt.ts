import type { LineHit } from "./matchers";

const AROUND = 40;

/** The match with a little of its line around it; for a pattern (a key, a token), anything that looks like a secret masked. */
export function excerpt(text: string, hit: Pick<LineHit, "index" | "found" | "secret">): string {
  const start = Math.max(0, hit.index - AROUND);
  const end = Math.min(text.length, hit.index + hit.found.length + AROUND);
  const piece = `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`.replace(/\s+/g, " ").trim();
  return hit.secret ? maskSecrets(piece) : piece;
}

// A run of token characters with a digit in it (keys, tokens, hashes), or a long one: a secret's
// shape. Words like PRIVATE or AWS_ACCESS_KEY_ID stay readable, so the excerpt still says what it is.
const SECRET_LIKE = /[A-Za-z0-9+/_-]{20,}|(?=[A-Za-z+/_-]*\d)[A-Za-z0-9+/_-]{8,}/g;

/** Keeps the first four characters of each secret-like run: enough to recognise it, never enough to use it. */
export function maskSecrets(text: string): string {
  return text.replace(SECRET_LIKE, (run) => `${run.slice(0, 4)}${"•".repeat(8)}`);
}

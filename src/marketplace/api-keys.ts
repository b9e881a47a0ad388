import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { sha256 } from "@noble/hashes/sha2.js";

const KEY_PREFIX = "wk_";

/** A new customer API key: 32 random bytes, base64url, recognisable by its `wk_` prefix. */
export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return KEY_PREFIX + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * What we store instead of the key. A plain SHA-256 suffices: the key has 256 bits of entropy,
 * so there is nothing to brute-force, and looking it up by hash needs no secret comparison.
 */
export function hashApiKey(key: string): string {
  return bytesToHex(sha256(utf8ToBytes(key)));
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && value.length > 20 && value.length < 100;
}

/** Enough of a key to tell it apart in a list, never enough to use it. */
export const keyPrefix = (key: string) => key.slice(0, KEY_PREFIX.length + 6);

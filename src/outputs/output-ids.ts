/**
 * An output's id from what makes it unique: `out_<time base36><16 hex of a hash of origin and
 * key>`. Time first, so ids sort newest last like every other id (lists and cursors use them);
 * derived, not random, so a retried roll-up names the same rows.
 */
export function outputId(at: number, origin: string, key: string): string {
  return `out_${Math.max(0, Math.floor(at)).toString(36).padStart(9, "0")}${fnv1a64(`${origin}\u0000${key}`)}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/** 64-bit FNV-1a of the UTF-16 code units, as 16 hex digits: fast and synchronous (the roll-up cannot await WebCrypto). */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, "0");
}

/** Where a thread lives: `github:<owner/name>` (GitHub names are case-insensitive) or `none`. */
export function threadTarget(repository: string | undefined | null): string {
  return repository ? `github:${repository.toLowerCase()}` : "none";
}

import { fromBase64 } from "./base64url";
import { FieldCipherError, UnknownKeyError } from "./errors";

const KID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The AES-256 keys from `ENCRYPTION_KEYS`: `kid1:<base64 of 32 bytes>,kid2:<base64>` (spaces and
 * newlines between entries are ignored). New values are written under `ENCRYPTION_KEY_ID`, or the
 * last key listed; every listed key still decrypts, so a key rotates without rewriting old data
 * first. Each CryptoKey is imported once (non-extractable) and kept for the isolate's life.
 *
 * ```ts
 * const ring = KeyRing.parse("k1:AAAA…=,k2:BBBB…=");   // current: k2
 * const key = await ring.key("k1");
 * ```
 */
export class KeyRing {
  private readonly imported = new Map<string, Promise<CryptoKey>>();
  /** The keys already imported, for callers that want one without awaiting a promise each time. */
  private readonly ready = new Map<string, CryptoKey>();

  private constructor(
    private readonly raw: ReadonlyMap<string, Uint8Array>,
    /** The id new values are encrypted under. */
    readonly current: string,
  ) {}

  /** Parses the secret; throws a FieldCipherError naming the variable when it is malformed. */
  static parse(secret: string, currentId?: string): KeyRing {
    const raw = new Map<string, Uint8Array>();
    for (const entry of secret.split(/[\s,]+/).filter(Boolean)) {
      const colon = entry.indexOf(":");
      const kid = entry.slice(0, colon);
      if (colon < 1 || !KID.test(kid)) {
        throw new FieldCipherError("key_ring_invalid", "ENCRYPTION_KEYS: each entry is <id>:<base64 of 32 bytes>, ids of [A-Za-z0-9_-]");
      }
      if (raw.has(kid)) throw new FieldCipherError("key_ring_invalid", `ENCRYPTION_KEYS: key id "${kid}" is listed twice`);
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(entry.slice(colon + 1));
      } catch (cause) {
        throw new FieldCipherError("key_ring_invalid", `ENCRYPTION_KEYS: key "${kid}" is not base64`, { cause });
      }
      if (bytes.length !== 32) {
        throw new FieldCipherError("key_ring_invalid", `ENCRYPTION_KEYS: key "${kid}" must be 32 bytes (AES-256), not ${bytes.length}`);
      }
      raw.set(kid, bytes);
    }
    const ids = [...raw.keys()];
    const current = currentId?.trim() || ids.at(-1);
    if (!current) throw new FieldCipherError("key_ring_invalid", "ENCRYPTION_KEYS lists no key");
    if (!raw.has(current)) throw new FieldCipherError("key_ring_invalid", `ENCRYPTION_KEY_ID "${current}" is not in ENCRYPTION_KEYS`);
    return new KeyRing(raw, current);
  }

  /** The ids of every key on the ring, in the order listed. */
  get ids(): string[] {
    return [...this.raw.keys()];
  }

  has(kid: string): boolean {
    return this.raw.has(kid);
  }

  /** The AES-GCM key for `kid`, imported on first use; UnknownKeyError when the ring lacks it. */
  key(kid: string): Promise<CryptoKey> {
    let key = this.imported.get(kid);
    if (!key) {
      const bytes = this.raw.get(kid);
      if (!bytes) return Promise.reject(new UnknownKeyError(kid));
      key = crypto.subtle.importKey("raw", bytes, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
      // The caller gets a failure through `key` itself; this copy only remembers a success.
      key.then(
        (k) => this.ready.set(kid, k),
        () => {},
      );
      this.imported.set(kid, key);
    }
    return key;
  }

  /** The key for `kid` once imported (after the first {@link key} settled), else undefined. */
  keyIfReady(kid: string): CryptoKey | undefined {
    return this.ready.get(kid);
  }
}

import { fromBase64, toBase64Url } from "./base64url";
import { DecryptionError, FieldCipherError } from "./errors";
import type { KeyRing } from "./key-ring";

/** Every encrypted value starts with this; anything else is legacy plain text, read as it is. */
export const ENVELOPE_PREFIX = "enc:v1:";
const IV_BYTES = 12;
/** The most bytes one `crypto.getRandomValues` call fills (the Web Crypto limit). */
const RANDOM_MAX_BYTES = 65_536;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Each field's AES-GCM additional data, encoded once: the field names are a small fixed set. */
const aadBytes = new Map<string, Uint8Array>();
function aadOf(aad: string): Uint8Array {
  let bytes = aadBytes.get(aad);
  if (!bytes) {
    bytes = encoder.encode(aad);
    aadBytes.set(aad, bytes);
  }
  return bytes;
}

/** `count` fresh random 96-bit IVs, one after another, from as few calls to the random source as its limit allows. */
function randomIvs(count: number): Uint8Array {
  const ivs = new Uint8Array(count * IV_BYTES);
  const step = RANDOM_MAX_BYTES - (RANDOM_MAX_BYTES % IV_BYTES);
  for (let at = 0; at < ivs.length; at += step) crypto.getRandomValues(ivs.subarray(at, at + step));
  return ivs;
}

/** Whether a stored value is an envelope (`enc:v1:<kid>:<iv>:<ciphertext>`). */
export function isEnvelope(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(ENVELOPE_PREFIX);
}

/** The key id a stored value is encrypted under; null for plain text. */
export function envelopeKid(value: unknown): string | null {
  if (!isEnvelope(value)) return null;
  const end = value.indexOf(":", ENVELOPE_PREFIX.length);
  return end < 0 ? null : value.slice(ENVELOPE_PREFIX.length, end);
}

function parseEnvelope(value: string): { kid: string; iv: Uint8Array; data: Uint8Array } {
  const [kid, iv, data, ...rest] = value.slice(ENVELOPE_PREFIX.length).split(":");
  if (!kid || !iv || data === undefined || rest.length) throw new FieldCipherError("envelope_invalid", "an encrypted value is malformed");
  try {
    return { kid, iv: fromBase64(iv), data: fromBase64(data) };
  } catch (cause) {
    throw new FieldCipherError("envelope_invalid", "an encrypted value is malformed", { cause });
  }
}

/** One envelope: `plain` encrypted under `key` with the IV given (fresh random bytes, never reused) and the field's AAD. */
async function sealWith(kid: string, key: CryptoKey, iv: Uint8Array, plain: string, additionalData: Uint8Array): Promise<string> {
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, key, encoder.encode(plain));
  return `${ENVELOPE_PREFIX}${kid}:${toBase64Url(iv)}:${toBase64Url(new Uint8Array(data))}`;
}

/**
 * Encryption at rest of single fields with AES-256-GCM (WebCrypto). A value is sealed into an
 * envelope that names its key, with a fresh random 96-bit IV, and bound by the AES-GCM
 * additional data to its place (`table.column`): a ciphertext moved to another field does not
 * decrypt. Without a key ring (encryption off) `seal` returns the plain text; `open` always
 * reads plain text as it is, so data written before encryption was switched on stays readable.
 *
 * ```ts
 * const stored = await cipher.seal("Audit the pricing page", "tasks.instructions");
 * await cipher.open(stored, "tasks.instructions"); // "Audit the pricing page"
 * ```
 */
export class FieldCipher {
  constructor(readonly ring: KeyRing | null) {}

  get enabled(): boolean {
    return this.ring !== null;
  }

  /** The key id new values are written under; null when encryption is off. */
  get currentKid(): string | null {
    return this.ring?.current ?? null;
  }

  /** Whether a stored value is as the current configuration would write it (no re-encryption needed). */
  isCurrent(stored: unknown): boolean {
    if (stored === null || stored === undefined) return true;
    const kid = envelopeKid(stored);
    return this.ring ? kid === this.ring.current : kid === null;
  }

  /** Encrypts `plain` for the field `aad` under the current key; the plain text when encryption is off. */
  async seal(plain: string, aad: string): Promise<string> {
    if (!this.ring) return plain;
    const kid = this.ring.current;
    const key = this.ring.keyIfReady(kid) ?? (await this.ring.key(kid));
    return sealWith(kid, key, crypto.getRandomValues(new Uint8Array(IV_BYTES)), plain, aadOf(aad));
  }

  /**
   * `seal` for many values of one field (a batch of events' payloads): the same envelopes, each
   * with its own fresh random IV, for less work per value (the IVs come from one call to the
   * random source, the key and the additional data are looked up once). In the order given.
   */
  async sealMany(plains: readonly string[], aad: string): Promise<string[]> {
    if (!this.ring) return [...plains];
    if (plains.length === 0) return [];
    const kid = this.ring.current;
    const key = this.ring.keyIfReady(kid) ?? (await this.ring.key(kid));
    const ivs = randomIvs(plains.length);
    const additionalData = aadOf(aad);
    return Promise.all(plains.map((plain, i) => sealWith(kid, key, ivs.subarray(i * IV_BYTES, (i + 1) * IV_BYTES), plain, additionalData)));
  }

  /**
   * The plain text of a stored value: an envelope is decrypted (DecryptionError when it was
   * altered or belongs to another field, UnknownKeyError when its key left the ring); anything
   * else is legacy plain text and returned as it is.
   */
  async open(stored: string, aad: string): Promise<string> {
    if (!isEnvelope(stored)) return stored;
    const { kid, iv, data } = parseEnvelope(stored);
    if (!this.ring) throw new FieldCipherError("unknown_key", `a value is encrypted under key "${kid}" but ENCRYPTION_KEYS is not set`);
    const key = await this.ring.key(kid);
    try {
      return decoder.decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) }, key, data));
    } catch (cause) {
      throw new DecryptionError(kid, aad, { cause });
    }
  }

  /** `seal` for nullable columns: null stays null (it says nothing). */
  async sealNullable(plain: string | null | undefined, aad: string): Promise<string | null> {
    return plain === null || plain === undefined ? null : this.seal(plain, aad);
  }

  async openNullable(stored: string | null, aad: string): Promise<string | null> {
    return stored === null ? null : this.open(stored, aad);
  }

  /**
   * For a JSON column: the value to store in its place, an envelope string holding the value's
   * JSON (the column then holds a JSON string) or the value itself when encryption is off.
   * null stays null.
   */
  async sealJson(value: unknown, aad: string): Promise<unknown> {
    if (value === null || value === undefined || !this.ring) return value ?? null;
    return this.seal(JSON.stringify(value), aad);
  }

  /** `sealJson` for many values of one field (see {@link sealMany}); nulls stay null. */
  async sealJsonMany(values: readonly unknown[], aad: string): Promise<unknown[]> {
    if (!this.ring) return values.map((v) => v ?? null);
    const present = values.flatMap((v, i) => (v === null || v === undefined ? [] : [i]));
    const sealed = await this.sealMany(
      present.map((i) => JSON.stringify(values[i])),
      aad,
    );
    const out: unknown[] = values.map(() => null);
    present.forEach((at, n) => {
      out[at] = sealed[n];
    });
    return out;
  }

  /** The value of a JSON column as parsed from storage: an envelope is decrypted and parsed; a legacy value is returned as it is. */
  async openJson<T>(parsed: unknown, aad: string): Promise<T> {
    if (!isEnvelope(parsed)) return parsed as T;
    return JSON.parse(await this.open(parsed, aad)) as T;
  }
}

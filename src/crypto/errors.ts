/**
 * Errors of encryption at rest. They are server faults (a key missing from the ring, a value
 * changed in storage), never the caller's: the edge answers them with a 500 and logs them.
 */
export class FieldCipherError extends Error {
  override readonly name: string = "FieldCipherError";
  constructor(
    readonly code: "key_ring_invalid" | "unknown_key" | "decryption_failed" | "envelope_invalid",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The ring has no key with the envelope's id: the key was removed before its records were re-encrypted. */
export class UnknownKeyError extends FieldCipherError {
  override readonly name = "UnknownKeyError";
  constructor(readonly kid: string) {
    super("unknown_key", `no encryption key "${kid}" in ENCRYPTION_KEYS: add it back, re-encrypt, then remove it`);
  }
}

/** AES-GCM refused the value: it was altered, moved to another field, or encrypted under a different key. */
export class DecryptionError extends FieldCipherError {
  override readonly name = "DecryptionError";
  constructor(
    readonly kid: string,
    readonly aad: string,
    options?: ErrorOptions,
  ) {
    super("decryption_failed", `a value encrypted under key "${kid}" for ${aad} does not authenticate (tampered or moved)`, options);
  }
}

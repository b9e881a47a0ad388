import { FieldCipher } from "./field-cipher";
import { KeyRing } from "./key-ring";

const ciphers = new Map<string, FieldCipher>();
const OFF = new FieldCipher(null);
let warned = false;

function secrets(env: object): { keys: string; current: string } {
  const vars = env as Record<string, unknown>;
  const text = (name: string) => (typeof vars[name] === "string" ? (vars[name] as string).trim() : "");
  return { keys: text("ENCRYPTION_KEYS"), current: text("ENCRYPTION_KEY_ID") };
}

/**
 * The field cipher for this env's `ENCRYPTION_KEYS` / `ENCRYPTION_KEY_ID` secrets, built once per
 * isolate for each configuration (keyed by the secret text, so its CryptoKeys are imported once).
 * Without `ENCRYPTION_KEYS` the platform keeps working with plain text and says so once per
 * isolate; a malformed ring throws, naming the variable, on the first value written or read.
 */
export function fieldCipher(env: object): FieldCipher {
  const { keys, current } = secrets(env);
  if (!keys) {
    if (!warned) {
      warned = true;
      console.warn("encryption at rest is OFF: set ENCRYPTION_KEYS (see the README's configuration)");
    }
    return OFF;
  }
  const cacheKey = `${current}\n${keys}`;
  let cipher = ciphers.get(cacheKey);
  if (!cipher) {
    cipher = new FieldCipher(KeyRing.parse(keys, current || undefined));
    ciphers.set(cacheKey, cipher);
  }
  return cipher;
}

/** Whether values are encrypted at rest in this env (for /health): a key ring is configured. */
export function encryptionAtRest(env: object): boolean {
  return secrets(env).keys !== "";
}

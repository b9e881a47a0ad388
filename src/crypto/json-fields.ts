import { type FieldCipher, isEnvelope } from "./field-cipher";

// Sealing always encrypts, even text that looks like an envelope: a customer could otherwise
// submit another row's ciphertext as their own text and have it stored as is, then read it back
// decrypted (the AAD names the field, not the row). Callers seal fresh plain values only.

/**
 * Encryption of chosen properties inside a JSON value (a task's output, a history entry), so its
 * other properties stay readable to SQL (`output->>'decisionId'`). Each sealed property is bound
 * to `<scope>.<property>`; properties are found at any depth.
 */
export async function sealFields<T>(cipher: FieldCipher, value: T, keys: ReadonlySet<string>, scope: string): Promise<T> {
  if (!cipher.enabled) return value;
  return (await walk(value, async (key, text) => (keys.has(key) ? cipher.seal(text, `${scope}.${key}`) : text))) as T;
}

/** The value with every envelope inside it decrypted (legacy plain properties are left as they are). */
export async function openFields<T>(cipher: FieldCipher, value: T, scope: string): Promise<T> {
  return (await walk(value, (key, text) => (isEnvelope(text) ? cipher.open(text, `${scope}.${key}`) : text))) as T;
}

/** Whether any of `keys` inside the value is not as the current configuration writes it (plain, or under an older key). */
export function fieldsNeedRewrite(cipher: FieldCipher, value: unknown, keys: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((v) => fieldsNeedRewrite(cipher, v, keys));
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([k, v]) =>
    typeof v === "string" ? keys.has(k) && !cipher.isCurrent(v) : fieldsNeedRewrite(cipher, v, keys),
  );
}

/** `fieldsNeedRewrite`'s counterpart that re-encrypts: opened, then sealed under the current key. */
export async function resealFields<T>(cipher: FieldCipher, value: T, keys: ReadonlySet<string>, scope: string): Promise<T> {
  return sealFields(cipher, await openFields(cipher, value, scope), keys, scope);
}

async function walk(value: unknown, onString: (key: string, text: string) => string | Promise<string>): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((v) => walk(v, onString)));
  if (value === null || typeof value !== "object") return value;
  const entries = await Promise.all(
    Object.entries(value).map(async ([k, v]) => [k, typeof v === "string" ? await onString(k, v) : await walk(v, onString)] as const),
  );
  return Object.fromEntries(entries);
}

/** `Uint8Array.prototype.toBase64` (TC39, in workerd's V8; not yet in TypeScript's lib nor in Node 20). */
type NativeBase64 = { toBase64(options: { alphabet: "base64url"; omitPadding: true }): string };
const hasNativeBase64 = typeof (Uint8Array.prototype as Partial<NativeBase64>).toBase64 === "function";
/** Bytes per String.fromCharCode call in the fallback (well under engines' argument limits). */
const CHUNK = 0x2000;

/** base64url without padding (RFC 4648 §5), for envelopes that sit in TEXT columns and JSON. */
export function toBase64Url(bytes: Uint8Array): string {
  // Every sealed value is encoded twice (IV, ciphertext): the engine's encoder when it has one.
  if (hasNativeBase64) return (bytes as Uint8Array & NativeBase64).toBase64({ alphabet: "base64url", omitPadding: true });
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Decodes base64 or base64url, padded or not; throws on anything else. */
export function fromBase64(text: string): Uint8Array {
  const standard = text.replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(standard + "=".repeat((4 - (standard.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

import { ValidationError } from "../../errors";

/** GitHub does not send a payload above 25 MB: anything larger is acknowledged and ignored. */
export const GITHUB_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/**
 * Reads a request body up to `cap` bytes, or answers `undefined` as soon as it is larger (a body
 * without Content-Length is streamed; reading stops at the cap instead of buffering it all).
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, cap = GITHUB_MAX_PAYLOAD_BYTES): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The webhook's JSON, from either content type GitHub offers: `application/json`, or
 * `application/x-www-form-urlencoded` with the JSON in the `payload` field. The signature is
 * checked on the raw text, not on this.
 */
export function webhookJson(text: string, contentType: string | undefined): unknown {
  const form = /^application\/x-www-form-urlencoded\b/i.test(contentType ?? "");
  const json = form ? new URLSearchParams(text).get("payload") : text;
  if (json === null)
    throw new ValidationError("a form-encoded webhook carries its JSON in the payload field", "body.payload", [], "invalid_json");
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new ValidationError(
      form ? "the payload field is not valid JSON" : "body is not valid JSON",
      form ? "body.payload" : "body",
      [],
      "invalid_json",
    );
  }
}

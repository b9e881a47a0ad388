import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

const hash = (text: string) => sha256(utf8ToBytes(text));

/**
 * The OpenTelemetry trace id (32 lowercase hex digits) of one of our trace ids: a W3C trace id a
 * producer passed in is kept as it is, so its spans and ours join; any other id is hashed.
 */
export function otlpTraceId(traceId: string): string {
  if (/^[0-9a-f]{32}$/i.test(traceId) && !/^0+$/.test(traceId)) return traceId.toLowerCase();
  return bytesToHex(hash(`trace:${traceId}`).slice(0, 16));
}

/** A span's id (16 lowercase hex digits): the same for the same record of the same trace. */
export function spanIdOf(traceId: string, key: string): string {
  return bytesToHex(hash(`${traceId}\n${key}`).slice(0, 8));
}

/**
 * Whether a trace is kept at `rate` (0..1), decided from its id alone, so every batch that
 * exports part of one trace makes the same choice.
 */
export function sampled(traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const b = hash(`sample:${traceId}`);
  const x = ((b[0] ?? 0) * 2 ** 24 + (b[1] ?? 0) * 2 ** 16 + (b[2] ?? 0) * 2 ** 8 + (b[3] ?? 0)) / 2 ** 32;
  return x < rate;
}

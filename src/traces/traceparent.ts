import { z } from "zod";

/** W3C Trace Context: `version-traceid-parentid-flags`, lowercase hex; all-zero ids are invalid. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * The trace id of a W3C `traceparent` header, when it is valid: events ingested with it join
 * the producer's trace (the OTLP export keeps a 32-hex trace id as it is).
 */
export function traceIdOfTraceparent(header: string | undefined | null): string | undefined {
  const m = TRACEPARENT.exec(header?.trim() ?? "");
  if (!m) return undefined;
  const [, version, traceId, parentId] = m;
  if (version === "ff" || /^0+$/.test(traceId ?? "") || /^0+$/.test(parentId ?? "")) return undefined;
  // Version 00 has exactly four fields; later versions may add more.
  if (version === "00" && m[5] !== undefined) return undefined;
  return traceId;
}

/** The header as the OpenAPI document describes it on the ingest routes. */
export const TraceparentHeader = z.object({
  traceparent: z.string().optional().meta({
    description:
      "W3C Trace Context (`00-<trace id>-<parent id>-<flags>`): events without their own `traceId` take its trace id, so their spans join the producer's trace",
  }),
});

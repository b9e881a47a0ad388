import type { Context } from "hono";

/** When the operator's instance reads moved to /v1/admin/agents/{id} (RFC 9745 wants a date). */
const INSTANCE_READS_DEPRECATED_AT = Date.UTC(2026, 11, 2) / 1000;

/**
 * Marks a response as served by a deprecated path: `Deprecation` (RFC 9745) and the path that
 * replaces it (`Link: <…>; rel="successor-version"`, RFC 5829). The path keeps answering as
 * documented until the next minor version.
 */
export function markDeprecated(c: Context, successor: string): void {
  c.header("deprecation", `@${INSTANCE_READS_DEPRECATED_AT}`);
  c.header("link", `<${successor}>; rel="successor-version"`);
}

import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../types";
import { BODY_LIMITS, bodyLimitClass } from "./body-limits";

/**
 * Reads to its end whatever request body a handler left unread, before the response goes out.
 * A route that answers without reading its body (POST /v1/admin/seed takes none; a 401 or 403
 * is decided before the body is looked at) otherwise leaves it half-sent, and behind `wrangler
 * dev` (`npm start`), whose proxy streams the body on to the Worker, the client's keep-alive
 * connection is then left broken: its next request never gets an answer (a third of such
 * requests in the soak's measurement under load). Production's edge copes, but every local
 * client (the CLI, the typed client, the soak) would hang. Reads no further than the route's
 * body limit; a body declared larger was refused with 413 and is not worth reading.
 */
export const drainUnreadBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const raw = c.req.raw;
  if (!raw.body || raw.bodyUsed) return;
  const limit = BODY_LIMITS[bodyLimitClass(c.req.path)];
  // Declared larger than the route takes: refused (413) unread, and not worth reading now.
  if (Number(c.req.header("content-length")) > limit) return;
  await drain(raw.body, limit);
};

/** Reads `body` to its end (nothing is kept), giving up past `limit` bytes; never throws. */
async function drain(body: ReadableStream<Uint8Array>, limit: number): Promise<void> {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = body.getReader();
  } catch {
    return; // locked: a handler is reading it itself
  }
  try {
    for (let read = 0; ; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > limit) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away: nothing left to protect.
  }
}

import type { AuditInput } from "../schemas/audit";
import type { Appended, Head } from "./appender";

/** The one audit writer's name: a single instance keeps the chain linear. */
const WRITER = "log";

/**
 * Appends an entry to the audit log through its single writer (one Durable Object round-trip).
 * For callers outside a request (a cron, an erasure job); routes use `audit(c, …)` in
 * src/http/audit.ts, which fills in the actor, address and user agent.
 */
export function appendAudit(env: Env, input: AuditInput): Promise<Appended> {
  return writer(env).append(input);
}

/** The head the writer last wrote (null before the first entry). */
export function writtenHead(env: Env): Promise<Head | null> {
  return writer(env).head();
}

function writer(env: Env) {
  return env.AUDIT.get(env.AUDIT.idFromName(WRITER));
}

import type { AuditInput } from "../schemas/audit";
import type { Appended } from "./appender";

/** The one audit writer's name: a single instance keeps the chain linear. */
const WRITER = "log";

/**
 * Appends an entry to the audit log through its single writer (one Durable Object round-trip).
 * For callers outside a request (a cron, an erasure job); routes use `audit(c, …)` in
 * src/http/audit.ts, which fills in the actor, address and user agent.
 */
export function appendAudit(env: Env, input: AuditInput): Promise<Appended> {
  return env.AUDIT.get(env.AUDIT.idFromName(WRITER)).append(input);
}

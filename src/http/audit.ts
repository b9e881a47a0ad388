import type { Context } from "hono";
import { appendAudit } from "../audit/log";
import type { AuditInput } from "../schemas/audit";
import type { AppEnv } from "../types";
import { actorOf } from "./actor";
import { waitUntilOf } from "./wait-until";

/** What a route says about an action; the request supplies who, from where and how. */
export type AuditFacts = Pick<AuditInput, "action" | "target" | "customerId" | "before" | "after" | "reason"> & {
  outcome?: AuditInput["outcome"];
};

/**
 * The caller's address as recorded in the audit trail: Cloudflare's `cf-connecting-ip`, else the
 * first `x-forwarded-for` hop. Not the address the rate limits count (src/http/rate-limit.ts
 * `clientIp`: `cf-connecting-ip` only, IPv6 by /64), which must not trust a forwarded header.
 */
function sourceAddress(c: Context): string | null {
  const direct = c.req.header("cf-connecting-ip");
  if (direct) return direct.trim();
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || null;
}

function inputOf(c: Context<AppEnv>, facts: AuditFacts): AuditInput {
  const actor = actorOf(c);
  return {
    ...facts,
    actor,
    outcome: facts.outcome ?? "success",
    method: c.req.method,
    path: c.req.path,
    ip: sourceAddress(c),
    userAgent: c.req.header("user-agent") ?? null,
    // A customer's own actions are theirs to read, whatever the route says.
    customerId: facts.customerId ?? (actor.kind === "customer" ? actor.id : null),
  };
}

/**
 * Records an action in the audit log, with the caller, address and user agent of this request.
 * Await it after the change succeeded: an audited change answers only once its record is
 * written (if the append fails the request fails with a 500, so no change is silently
 * unrecorded). Never pass a secret: a key's id or prefix at most.
 *
 * ```ts
 * await audit(c, { action: "agent.pause", target: { type: "agent", id }, before: { state }, after: { state: "paused" } });
 * ```
 */
export async function audit(c: Context<AppEnv>, facts: AuditFacts): Promise<void> {
  await appendAudit(c.env, inputOf(c, facts));
}

/**
 * Records a refused request (401 or 403) without delaying the answer: the append runs after the
 * response, through `waitUntil`. The presented credential is never read here.
 */
export function auditRefusal(c: Context<AppEnv>, status: 401 | 403, code: string): void {
  const waitUntil = waitUntilOf(c);
  if (!waitUntil) return; // no execution context (a unit test calling the app directly): nothing to wait on
  const action = status === 401 ? "auth.refused" : "authz.refused";
  const entry = appendAudit(
    c.env,
    inputOf(c, { action, target: { type: "route", id: `${c.req.method} ${c.req.path}` }, outcome: "denied", reason: code }),
  );
  waitUntil(entry.catch((error: unknown) => console.error("audit append failed", { action, error: String(error) })));
}

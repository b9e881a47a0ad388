/**
 * Operator roles and the role each operator route needs. One table, read by the auth middleware
 * (src/http/auth.ts) at request time and by the OpenAPI document (`x-required-role`), so what is
 * documented is what is enforced. A route missing from the table needs `admin`: a new route is
 * closed until someone decides otherwise (test/http/operator-roles.test.ts checks every operator
 * operation in the document is listed here).
 *
 * The rule: reads need `viewer`, except reads that show customer content decrypted (event payloads,
 * dead letters, memories, outputs, agents' notes and decisions, escalations) and the audit
 * trail, which need `operator`; running the platform (pause, resume, retire, spawn, events, DLQ
 * replays, outputs and reports, escalations, breaker resets) needs `operator`; anything that
 * changes its configuration (definitions, the demo seed, budget overrides, learned rules) `admin`.
 */
export const OPERATOR_ROLES = ["viewer", "operator", "admin"] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** `have` includes everything `need` allows (viewer < operator < admin). */
export function roleAllows(have: OperatorRole, need: OperatorRole): boolean {
  return OPERATOR_ROLES.indexOf(have) >= OPERATOR_ROLES.indexOf(need);
}

/** The highest known role among claimed names; unknown names are ignored. */
export function highestRole(claimed: readonly unknown[]): OperatorRole | undefined {
  let best: OperatorRole | undefined;
  for (const name of claimed) {
    const role = OPERATOR_ROLES.find((r) => r === name);
    if (role && (!best || roleAllows(role, best))) best = role;
  }
  return best;
}

/** `METHOD /openapi/{style}` → the role it needs. */
export const ROUTE_ROLES: Readonly<Record<string, OperatorRole>> = {
  // Reads: viewer.
  "GET /metrics": "viewer",
  "GET /v1/admin/agents": "viewer",
  "GET /v1/admin/agents/{id}/decisions/summary": "viewer",
  "GET /v1/agents/{id}/decisions/summary": "viewer",
  "GET /v1/admin/budgets/{kind}/{id}": "viewer",
  "GET /v1/admin/breakers/{provider}": "viewer",
  "GET /v1/admin/costs": "viewer",
  "GET /v1/admin/traces": "viewer",
  "GET /v1/admin/traces/{traceId}": "viewer",
  "GET /v1/admin/stats": "viewer",
  "GET /v1/admin/stats/timeseries": "viewer",
  "GET /v1/admin/reconciliation": "viewer",
  "GET /v1/admin/learned-rules": "viewer",
  "GET /v1/admin/learned-rules/{id}": "viewer",
  "GET /v1/admin/encryption": "viewer",
  // Checking the audit chain reveals nothing but whether it holds.
  "GET /v1/admin/audit/verify": "viewer",
  // Reads of customer content (decrypted) and of the audit trail, which names customers'
  // addresses and user agents: operator.
  "GET /v1/admin/audit": "operator",
  "GET /v1/events/{id}": "operator",
  "GET /v1/admin/events": "operator",
  "GET /v1/admin/agents/{id}/memories/search": "operator",
  "GET /v1/admin/dlq": "operator",
  "GET /v1/admin/outputs": "operator",
  "GET /v1/admin/outputs/{id}": "operator",
  // An agent's snapshot (its working notes), its decisions (deliverables) and escalations (a
  // chain's deliverable) are customer content too; the deprecated operator fallback of the
  // public profile (an instance id instead of a slug) answers the snapshot.
  "GET /v1/admin/agents/{id}": "operator",
  "GET /v1/admin/agents/{id}/decisions": "operator",
  "GET /v1/agents/{id}/decisions": "operator",
  "GET /v1/admin/escalations": "operator",
  "GET /v1/agents/{ref}": "operator",
  // Running the platform: operator.
  "POST /v1/events": "operator",
  "POST /v1/events/batch": "operator",
  "POST /v1/admin/agents": "operator",
  "POST /v1/admin/agents/{id}/pause": "operator",
  "POST /v1/admin/agents/{id}/resume": "operator",
  "POST /v1/admin/agents/{id}/retire": "operator",
  "POST /v1/admin/agents/{id}/memories": "operator",
  "POST /v1/admin/dlq/{id}/replay": "operator",
  "POST /v1/admin/breakers/{provider}/reset": "operator",
  "POST /v1/admin/reports/daily": "operator",
  "POST /v1/admin/cron/run": "operator",
  // Support: vouch for a customer's e-mail address whose link never arrived.
  "POST /v1/admin/customers/{id}/verify-email": "operator",
  // Changing configuration: admin.
  "POST /v1/admin/definitions": "admin",
  "POST /v1/admin/seed": "admin",
  "PUT /v1/admin/budgets/{kind}/{id}": "admin",
  "DELETE /v1/admin/budgets/{kind}/{id}": "admin",
  "POST /v1/admin/learned-rules/{id}/revoke": "admin",
  "POST /v1/admin/encryption/reencrypt": "admin",
};

/** The role `METHOD /path/{param}` needs: its entry, or `admin` when it has none (fail closed). */
export function requiredRole(method: string, path: string): OperatorRole {
  return ROUTE_ROLES[`${method.toUpperCase()} ${path}`] ?? "admin";
}

/** `/v1/admin/agents/:id/` (hono) → `/v1/admin/agents/{id}` (OpenAPI). */
export function openApiPath(honoPath: string): string {
  const path = honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, "{$1}");
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

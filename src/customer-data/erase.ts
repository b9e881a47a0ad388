import { eq } from "drizzle-orm";
import { agentStub, unwrap } from "../agents/agent-ref";
import { budgetStub } from "../budgets/budget-gate";
import { database } from "../db/client";
import { NotFoundError, ServiceUnavailableError, errorText } from "../errors";
import { cancelHire } from "../marketplace/hires";
import { refreshReputationStatements } from "../marketplace/reputation";
import { hires } from "../marketplace/schema";
import type { ErasureSummary } from "../schemas/customer-erasure";
import { eraseCustomerEvents } from "./erase-events";

/** Rows of these tables go in the last transaction, in this order (children before what finds them). */
function finalStatements(d1: D1Database, customerId: string): [string, D1PreparedStatement][] {
  const ofTasks = `SELECT id FROM tasks WHERE customer_id = ?1`;
  const ofHires = `SELECT instance_id FROM hires WHERE customer_id = ?1`;
  const at = (sql: string) => d1.prepare(sql).bind(customerId);
  return [
    ["task_history", at(`DELETE FROM task_history WHERE task_id IN (${ofTasks})`)],
    ["task_messages", at(`DELETE FROM task_messages WHERE task_id IN (${ofTasks}) OR customer_id = ?1`)],
    ["agent_messages", at(`DELETE FROM agent_messages WHERE task_id IN (${ofTasks}) OR customer_id = ?1`)],
    ["outputs", at(`DELETE FROM outputs WHERE customer_id = ?1`)],
    ["output_threads", at(`DELETE FROM output_threads WHERE customer_id = ?1`)],
    ["tasks", at(`DELETE FROM tasks WHERE customer_id = ?1`)],
    ["reviews", at(`DELETE FROM reviews WHERE customer_id = ?1`)],
    ["learning_evidence", at(`DELETE FROM learning_evidence WHERE customer_id = ?1`)],
    ["learned_rules", at(`DELETE FROM learned_rules WHERE customer_id = ?1`)],
    // Deliveries are keyed by their repository, not the customer: they go before it.
    [
      "github_deliveries",
      at(`DELETE FROM github_deliveries WHERE repository_id IN (SELECT id FROM connected_repositories WHERE customer_id = ?1)`),
    ],
    ["connected_repositories", at(`DELETE FROM connected_repositories WHERE customer_id = ?1`)],
    ["decisions", at(`DELETE FROM decisions WHERE instance_id IN (${ofHires})`)],
    ["subscriptions", at(`DELETE FROM subscriptions WHERE customer_id = ?1 OR instance_id IN (${ofHires})`)],
    ["agent_instances", at(`DELETE FROM agent_instances WHERE customer_id = ?1 OR id IN (${ofHires})`)],
    ["hires", at(`DELETE FROM hires WHERE customer_id = ?1`)],
    ["idempotency_keys", d1.prepare(`DELETE FROM idempotency_keys WHERE caller = ?`).bind(`customer:${customerId}`)],
    ["api_keys", at(`DELETE FROM api_keys WHERE customer_id = ?1`)],
    // An unverified address's pending link (and the e-mail service's last error about it).
    ["email_verifications", at(`DELETE FROM email_verifications WHERE customer_id = ?1`)],
    ["customers", at(`DELETE FROM customers WHERE id = ?1`)],
  ];
}

/**
 * Erases a customer everywhere their data lives (`DELETE /v1/customers/me`):
 *
 * 1. active hires and trials are cancelled through `cancelHire`, so their agents retire and
 *    queued work is closed as any cancellation would;
 * 2. each hire's agent erases what it holds of them (`eraseCustomer`: memories and their vectors,
 *    local or Pinecone, examples, semantic-cache answers, then all of its storage, and the shared
 *    decision cache of its scope); their budget ledgers are forgotten;
 * 3. their events, with the wake log and dead letters of those events, in bounded batches;
 * 4. then, in one transaction, every other D1 row keyed by them (tasks with history and messages,
 *    handoffs, outputs (those not yet posted are thereby cancelled), reviews, learned rules,
 *    repositories with their webhook deliveries, the agents' records, idempotency keys, API keys, the account), with the trust
 *    score of every agent they hired recomputed without their reviews, ratings and tasks.
 *
 * Idempotent: the account and its keys go last, so after a partial failure (the memory store
 * down, say) the same key retries and the erase picks up where it stopped.
 */
export async function eraseCustomer(env: Env, customerId: string): Promise<ErasureSummary> {
  const notes: string[] = [];
  const db = database(env.DB);
  const rows = await db.select().from(hires).where(eq(hires.customerId, customerId));

  const cancelled = { hires: 0, trials: 0 };
  for (const hire of rows.filter((h) => h.status === "active")) {
    await cancelHire(env, customerId, hire.id);
    cancelled[hire.kind === "trial" ? "trials" : "hires"] += 1;
  }

  const agents = { erased: 0, memories: 0, decisionCacheEntries: 0, budgets: 0 };
  const failures: string[] = [];
  for (const hire of rows) {
    try {
      const erased = unwrap(await agentStub(env, hire.instanceId).eraseCustomer(customerId));
      if (erased.wiped) agents.erased += 1;
      agents.memories += erased.memories;
      agents.decisionCacheEntries += erased.cacheEntries;
      await budgetStub(env, { kind: "agent", id: hire.instanceId }).erase();
      agents.budgets += 1;
    } catch (error) {
      // A hire cancelled before but whose agent was never spawned has nothing to erase.
      if (error instanceof NotFoundError) continue;
      failures.push(`${hire.id}: ${errorText(error)}`);
    }
  }
  if (failures.length) {
    console.error("customer erase incomplete: agents", { customerId, failures });
    throw new ServiceUnavailableError(
      "erase_incomplete",
      `some agents could not be erased yet (${failures.length}); retry the request to finish`,
    );
  }
  await budgetStub(env, { kind: "customer", id: customerId }).erase();
  agents.budgets += 1;

  const d1: Record<string, number> = await eraseCustomerEvents(env.DB, customerId);
  const unposted = await env.DB.prepare(`SELECT COUNT(*) AS n FROM outputs WHERE customer_id = ? AND status != 'posted'`)
    .bind(customerId)
    .first<{ n: number }>();
  const keys = await env.DB.prepare(`SELECT COUNT(*) AS n FROM api_keys WHERE customer_id = ? AND revoked_at IS NULL`)
    .bind(customerId)
    .first<{ n: number }>();
  const statements = finalStatements(env.DB, customerId);
  const slugs = [...new Set(rows.map((h) => h.slug))];
  const results = await env.DB.batch([...statements.map(([, s]) => s), ...refreshReputationStatements(env.DB, slugs)]);
  statements.forEach(([table], i) => {
    d1[table] = (d1[table] ?? 0) + (results[i]?.meta.changes ?? 0);
  });

  notes.push("Outputs already posted to GitHub stay there: erase them in GitHub; their records here are gone.");
  if (env.UPSTASH_REDIS_REST_URL) {
    notes.push(
      "Shared decision-cache answers in Upstash Redis expire after DECISION_CACHE_TTL_SECONDS; they are not read by anyone else meanwhile.",
    );
  }
  return {
    customerId,
    erasedAt: Date.now(),
    cancelled,
    agents,
    d1,
    outputsCancelled: unposted?.n ?? 0,
    apiKeysRevoked: keys?.n ?? 0,
    notes,
  };
}

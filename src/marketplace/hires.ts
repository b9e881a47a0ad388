import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { agentStub, unwrap } from "../agents/agent-ref";
import { findDefinition } from "../agents/definitions";
import { spawnAgent } from "../agents/spawn";
import { budgetStub } from "../budgets/budget-gate";
import { database, toD1 } from "../db/client";
import { keysetPage } from "../db/keyset";
import { customers, hires } from "./schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { refreshReputationStatements } from "./reputation";
import { trialIdentity } from "./trial-identity";
import { newId } from "../ids";
import type { AgentDefinition, Listing } from "../schemas/identity";
import type { HirePage, HireView } from "../schemas/marketplace-views";

export type HireRow = typeof hires.$inferSelect;

/** A unique index refused the write (drizzle wraps D1's error; the reason is in its cause). */
export function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return /UNIQUE constraint failed/.test(`${String(error)} ${String(cause)}`);
}

/** A hire as its customer sees it (the agent instance behind it is ours to manage). */
export function hireView(row: HireRow, extra: { tasksUsed?: number; agentName?: string | null; reviewed?: boolean } = {}): HireView {
  return {
    id: row.id,
    agent: row.slug,
    ...(extra.agentName === undefined ? {} : { agentName: extra.agentName }),
    kind: row.kind,
    status: row.status,
    startedAt: row.startedAt,
    endsAt: row.endsAt,
    taskLimit: row.taskLimit,
    ...(extra.tasksUsed === undefined ? {} : { tasksUsed: extra.tasksUsed }),
    ...(extra.reviewed === undefined ? {} : { reviewed: extra.reviewed }),
    convertedAt: row.convertedAt,
    endedAt: row.endedAt,
    endReason: row.endReason,
  };
}

/** The subject prefix of everything the marketplace sends one hire's agent. */
export const hireSubject = (hireId: string) => `hire:${hireId}`;

async function listedDefinition(env: Env, slug: string): Promise<AgentDefinition & { listing: Listing }> {
  const definition = await findDefinition(database(env.DB), slug);
  if (!definition?.listing) throw new ValidationError(`no listed agent named ${slug}`, "agent", [], "unknown_agent");
  return definition as AgentDefinition & { listing: Listing };
}

/**
 * Starts a trial or a hire: spawns an agent instance bound to the customer (so it only ever
 * sees that customer's events and keeps that customer's context apart), subscribed to the
 * tasks and messages of this hire. A trial is limited in time, tasks and LLM spend.
 */
export async function startHire(env: Env, customerId: string, slug: string, kind: "trial" | "hire"): Promise<HireView> {
  const definition = await listedDefinition(env, slug);
  const db = database(env.DB);
  const trialUsed = () => new ConflictError("trial_used", `you have already trialled ${slug}; hire it to keep working with it`, "agent");
  const identityUsed = (identity: string) =>
    new ConflictError(
      "trial_used_by_identity",
      `${identity.startsWith("domain:") ? `someone at ${identity.slice(7)}` : "this e-mail address"} has already trialled ${slug} (one trial per agent per e-mail domain); hire it to keep working with it`,
      "agent",
    );
  let identity: string | null = null;
  if (kind === "trial") {
    identity = await trialGate(env, customerId, slug, trialUsed, identityUsed);
  } else await requireVerifiedEmail(env, customerId, "hiring an agent");
  const id = newId("hir");
  const instanceId = `agent-${id}`;
  const subject = `${hireSubject(id)}:*`;
  await spawnAgent(env, {
    definition: slug,
    id: instanceId,
    customerId,
    subscriptions: [
      { event: "task.assigned", subject },
      { event: "customer.message", subject },
      // Work colleagues hand this agent through the customer's coordinators, and their results.
      { event: "handoff.*", subject },
      // Ratings of its work (POST /v1/tasks/{id}/rating) reach it as feedback to learn from.
      { event: "feedback.received", subject },
    ],
  });
  const now = Date.now();
  const { trial } = definition.listing;
  if (kind === "trial") {
    // The trial's spend cap replaces the definition's monthly budget for this instance.
    await budgetStub(env, { kind: "agent", id: instanceId }).setLimits({ ...definition.defaults.budget, usdPerMonth: trial.budgetUsd });
  }
  const row: HireRow = {
    id,
    customerId,
    slug,
    instanceId,
    kind,
    status: "active",
    startedAt: now,
    endsAt: kind === "trial" ? now + trial.days * 86_400_000 : null,
    taskLimit: kind === "trial" ? trial.maxTasks : null,
    convertedAt: null,
    endedAt: null,
    endReason: null,
    startedAsTrial: kind === "trial",
    trialIdentity: identity,
  };
  try {
    await db.insert(hires).values(row);
  } catch (error) {
    // A concurrent trial of the same agent (by this customer, or by the same e-mail identity) won
    // a unique index: undo our agent, answer as above.
    if (!isUniqueViolation(error)) throw error;
    await agentStub(env, instanceId).retire();
    // Both indexes may apply; which SQLite checks first is arbitrary, so ask what the customer
    // holds: their own earlier trial is `trial_used`, someone else's at their domain is not.
    const own = await env.DB.prepare("SELECT 1 FROM hires WHERE customer_id = ? AND slug = ? AND started_as_trial = 1 LIMIT 1")
      .bind(customerId, slug)
      .first();
    throw identity && !own ? identityUsed(identity) : trialUsed();
  }
  // A new paying customer: any ratings they gave this agent before count from now on.
  if (kind === "hire") await env.DB.batch(refreshReputationStatements(env.DB, [slug]));
  return hireView(row, { tasksUsed: 0, agentName: definition.personality.displayName, reviewed: false });
}

/**
 * The customer, when their e-mail address is verified; 403 `email_unverified` otherwise. Trials and
 * hires both need one: a hire makes its customer's ratings count towards the agent's trust score.
 */
async function requireVerifiedEmail(env: Env, customerId: string, doing: string): Promise<{ email: string }> {
  const customer = await database(env.DB)
    .select({ email: customers.email, verifiedAt: customers.emailVerifiedAt })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
  if (!customer?.verifiedAt)
    throw new ForbiddenError(
      `verify your e-mail address before ${doing}: follow the link we sent at sign-up (POST /v1/customers/me/verification sends a new one)`,
      "email_unverified",
    );
  return customer;
}

/**
 * What a trial needs before an agent is spawned for it: a verified e-mail (403 `email_unverified`),
 * no earlier trial of this agent by the customer (409 `trial_used`) nor by anyone with the same
 * e-mail identity (409 `trial_used_by_identity`). Answers the identity the trial counts against;
 * the unique indexes, not these reads, settle concurrent trials.
 */
async function trialGate(
  env: Env,
  customerId: string,
  slug: string,
  trialUsed: () => Error,
  identityUsed: (identity: string) => Error,
): Promise<string> {
  const db = database(env.DB);
  const customer = await requireVerifiedEmail(env, customerId, "starting a trial");
  const identity = trialIdentity(customer.email);
  const earlier = await db
    .select({ customerId: hires.customerId })
    .from(hires)
    .where(
      and(eq(hires.slug, slug), eq(hires.startedAsTrial, true), or(eq(hires.customerId, customerId), eq(hires.trialIdentity, identity))),
    )
    .all();
  if (earlier.some((h) => h.customerId === customerId)) throw trialUsed();
  if (earlier.length) throw identityUsed(identity);
  return identity;
}

/** The caller's hire; another customer's id is a 404 exactly like a missing one. */
export async function ownHire(env: Env, customerId: string, hireId: string): Promise<HireRow> {
  const row = await database(env.DB)
    .select()
    .from(hires)
    .where(and(eq(hires.id, hireId), eq(hires.customerId, customerId)))
    .get();
  if (!row) throw new NotFoundError(`no hire ${hireId}`);
  return row;
}

export async function listHires(env: Env, customerId: string, limit: number, cursor?: string, active?: boolean): Promise<HirePage> {
  const filters = [eq(hires.customerId, customerId)];
  if (cursor) filters.push(lt(hires.id, cursor));
  if (active !== undefined) filters.push(active ? eq(hires.status, "active") : sql`${hires.status} != 'active'`);
  const rows = await database(env.DB)
    .select({ hire: hires, ...hireExtras })
    .from(hires)
    .where(and(...filters))
    .orderBy(desc(hires.id))
    .limit(limit + 1);
  return keysetPage(
    rows,
    limit,
    (last) => last.hire.id,
    ({ hire, ...extra }) => hireView(hire, { ...extra, reviewed: Boolean(extra.reviewed) }),
  );
}

/** What a customer wants beside a hire in lists: tasks used, the agent's name, whether reviewed. */
// Written out, not interpolated: drizzle renders a lone column unqualified (`"id"`), which
// inside these subqueries would name the subquery's own table.
const hireExtras = {
  tasksUsed: sql<number>`(SELECT COUNT(*) FROM tasks WHERE tasks.hire_id = hires.id)`,
  agentName: sql<string | null>`(SELECT display_name FROM listings WHERE listings.slug = hires.slug)`,
  reviewed: sql<number>`EXISTS (SELECT 1 FROM reviews WHERE reviews.hire_id = hires.id)`,
};

/** One hire as its owner sees it, with the same extras as in lists. */
export async function hireDetail(env: Env, customerId: string, hireId: string): Promise<HireView> {
  const row = await database(env.DB)
    .select({ hire: hires, ...hireExtras })
    .from(hires)
    .where(and(eq(hires.id, hireId), eq(hires.customerId, customerId)))
    .get();
  if (!row) throw new NotFoundError(`no hire ${hireId}`);
  const { hire, ...extra } = row;
  return hireView(hire, { ...extra, reviewed: Boolean(extra.reviewed) });
}

export function requireActiveHire(row: HireRow): void {
  if (row.status !== "active")
    throw new ConflictError("hire_not_active", `this ${row.kind} has ${row.status === "ended" ? "ended" : "been cancelled"}`);
  if (row.endsAt !== null && row.endsAt <= Date.now())
    throw new ConflictError("hire_not_active", "this trial has run out; hire the agent to continue");
}

/** A trial becomes a hire: same agent, same context, the trial's limits lifted. */
export async function convertTrial(env: Env, customerId: string, hireId: string): Promise<HireView> {
  const row = await ownHire(env, customerId, hireId);
  const budget = budgetStub(env, { kind: "agent", id: row.instanceId });
  if (row.convertedAt !== null) {
    await budget.setLimits(null); // converted already: make sure the trial cap is gone too
    return hireDetail(env, customerId, hireId);
  }
  if (row.kind !== "trial") throw new ConflictError("not_a_trial", "only a trial can be converted to a hire");
  requireActiveHire(row);
  const now = Date.now();
  const updated = await database(env.DB)
    .update(hires)
    .set({ kind: "hire", convertedAt: now, endsAt: null, taskLimit: null })
    .where(and(eq(hires.id, hireId), eq(hires.status, "active"), eq(hires.kind, "trial")))
    .returning()
    .get();
  if (!updated) throw new ConflictError("hire_not_active", "this trial changed meanwhile; read it again");
  // A paying customer's ratings of this agent count from now on (src/marketplace/reputation.ts).
  await env.DB.batch(refreshReputationStatements(env.DB, [row.slug]));
  await budget.setLimits(null);
  return hireDetail(env, customerId, updated.id);
}

/**
 * Ends a hire or trial: the agent is retired, so it takes no more of this customer's work;
 * anything it had buffered is recorded as discarded and those tasks fail visibly.
 */
export async function endHire(env: Env, row: HireRow, reason: "cancelled" | "expired"): Promise<void> {
  // Retire first (it is idempotent): if it fails, the hire is still active and a retry works.
  // At once, its work left to this transaction: the customer ended the hire, nobody else takes it on.
  unwrap(await agentStub(env, row.instanceId).retire({ handBack: false }));
  const now = Date.now();
  const status = row.kind === "trial" ? "ended" : "cancelled";
  const summary = JSON.stringify({ action: null, summary: `the ${row.kind} ended (${reason}) before the agent worked on this` });
  const db = database(env.DB);
  // Work still queued can no longer reach the retired agent (it left the subscription index):
  // close it now, in the same transaction, so nothing waits forever.
  await env.DB.batch([
    toD1(
      env.DB,
      db
        .update(hires)
        .set({ status, endedAt: now, endReason: reason })
        .where(and(eq(hires.id, row.id), eq(hires.status, "active"))),
    ),
    env.DB.prepare(
      `INSERT INTO task_history (task_id, at, kind, detail) SELECT id, ?, 'cancelled', ? FROM tasks WHERE hire_id = ? AND status = 'queued'`,
    ).bind(now, summary, row.id),
    env.DB.prepare(`UPDATE tasks SET status = 'cancelled', output = ? WHERE hire_id = ? AND status = 'queued'`).bind(summary, row.id),
    env.DB.prepare(
      `UPDATE task_messages SET status = 'cancelled', reply = ? WHERE status = 'queued' AND task_id IN (SELECT id FROM tasks WHERE hire_id = ?)`,
    ).bind(summary, row.id),
  ]);
}

export async function cancelHire(env: Env, customerId: string, hireId: string): Promise<HireView> {
  const row = await ownHire(env, customerId, hireId);
  if (row.status === "active") await endHire(env, row, "cancelled");
  else unwrap(await agentStub(env, row.instanceId).retire({ handBack: false })); // finishes a cancel that failed half way
  // A paid hire cancelled within a day stops making its customer's ratings count.
  if (row.kind === "hire") await env.DB.batch(refreshReputationStatements(env.DB, [row.slug]));
  return hireDetail(env, customerId, hireId);
}

/** Ends trials whose time ran out (from the cron). */
export async function expireTrials(env: Env, limit = 100): Promise<number> {
  const due = await database(env.DB)
    .select()
    .from(hires)
    .where(and(eq(hires.status, "active"), eq(hires.kind, "trial"), lt(hires.endsAt, Date.now())))
    .limit(limit);
  for (const row of due) await endHire(env, row, "expired");
  return due.length;
}

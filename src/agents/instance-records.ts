import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import { chunkForParams } from "../db/chunk";
import { agentInstances, subscriptions } from "../db/schema";
import type { LifecycleState } from "../schemas/lifecycle";
import { hasWildcard } from "../wake/patterns";
import type { AgentIdentity } from "./identity";

/** The D1 rows that make a new instance findable by the subscription index. */
export function instanceSpawnStatements(
  db: Database,
  identity: AgentIdentity,
  state: LifecycleState,
  now: number,
): [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] {
  const rows = identity.subscriptions.map((s) => ({
    instanceId: identity.instanceId,
    eventPattern: s.event,
    subjectExact: s.subject && !hasWildcard(s.subject) ? s.subject : null,
    subjectGlob: s.subject && hasWildcard(s.subject) ? s.subject : null,
    customerId: s.customerId ?? null,
  }));
  return [
    db
      .insert(agentInstances)
      .values({
        id: identity.instanceId,
        definitionSlug: identity.definition.slug,
        state,
        customerId: identity.customerId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        // A retried spawn rewrites the whole row, so D1 always mirrors the identity the agent keeps.
        target: agentInstances.id,
        set: { definitionSlug: identity.definition.slug, state, customerId: identity.customerId, updatedAt: now },
      }),
    // A retried spawn must not double the index entries.
    db.delete(subscriptions).where(eq(subscriptions.instanceId, identity.instanceId)),
    ...chunkForParams(rows, 5).map((chunk) => db.insert(subscriptions).values(chunk)),
  ];
}

/** Mirrors a lifecycle change in D1; a retired agent leaves the subscription index for good. */
export function instanceLifecycleStatements(
  db: Database,
  instanceId: string,
  state: LifecycleState,
  now: number,
): [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] {
  const update = db.update(agentInstances).set({ state, updatedAt: now }).where(eq(agentInstances.id, instanceId));
  return state === "retired" ? [update, db.delete(subscriptions).where(eq(subscriptions.instanceId, instanceId))] : [update];
}

import type { FieldCipher } from "../crypto/field-cipher";
import { jsonChunks } from "../db/json-rows";
import { openDeliverable } from "./message-content";

/**
 * The deliverables a task's chain has carried so far, read before the transaction that ends it:
 * they are sealed in the messages' payloads, so SQL cannot join them into the task's output; the
 * chain's text is assembled here and sealed as the task's output (src/organisation/message-statements.ts).
 */
export interface ChainSoFar {
  cipher: FieldCipher;
  /** Per task, its messages' deliverables in order, each with the role that made it. */
  parts: Map<string, { role: string; text: string }[]>;
  /** The role of each agent that may decide last. */
  roles: Map<string, string>;
}

/**
 * The most deliverables read per task. A chain stops at MAX_HOPS (8) handoffs and requests, each
 * with at most one result, so this bound is never reached by a real chain; it keeps one read bounded.
 */
export const MAX_CHAIN_PARTS = 32;

// Every deliverable of the chain in order (oldest first, then by id), under the role that made it.
const PARTS = `SELECT t, r, d FROM (
    SELECT m.task_id AS t, m.from_role AS r, m.payload ->> '$.deliverable' AS d,
      ROW_NUMBER() OVER (PARTITION BY m.task_id ORDER BY m.created_at, m.id) AS n
    FROM agent_messages m WHERE m.task_id IN (SELECT value FROM json_each(?1)) AND m.type IN ('handoff', 'request', 'result')
      AND (m.payload ->> '$.deliverable') IS NOT NULL)
  WHERE n <= ?2 ORDER BY t, n`;

const ROLES = `SELECT a.id AS i, d.role AS r FROM agent_instances a JOIN agent_definitions d ON d.slug = a.definition_slug
  WHERE a.id IN (SELECT value FROM json_each(?1))`;

/** Reads (set-based: a query or two per 80 KB of ids) and opens the chains of `taskIds`, and the roles of `instanceIds`. */
export async function readChains(
  d1: D1Database,
  cipher: FieldCipher,
  taskIds: readonly string[],
  instanceIds: readonly string[] = [],
): Promise<ChainSoFar> {
  const chains: ChainSoFar = { cipher, parts: new Map(), roles: new Map() };
  const [parts, roles] = await Promise.all([
    Promise.all(
      jsonChunks([...new Set(taskIds)]).map((json) =>
        d1.prepare(PARTS).bind(json, MAX_CHAIN_PARTS).all<{ t: string; r: string; d: string }>(),
      ),
    ),
    Promise.all(jsonChunks([...new Set(instanceIds)]).map((json) => d1.prepare(ROLES).bind(json).all<{ i: string; r: string }>())),
  ]);
  const rows = parts.flatMap((p) => p.results);
  const texts = await Promise.all(rows.map((row) => openDeliverable(cipher, row.d)));
  rows.forEach((row, n) => {
    const list = chains.parts.get(row.t) ?? [];
    list.push({ role: row.r, text: texts[n] ?? "" });
    chains.parts.set(row.t, list);
  });
  for (const row of roles.flatMap((r) => r.results)) chains.roles.set(row.i, row.r);
  return chains;
}

/**
 * The task's deliverable: every deliverable of the chain in order, each under the role that made
 * it, then the last one (`role` null: the role of `instanceId`); null when there is none.
 */
export function chainText(
  chains: ChainSoFar,
  e: { taskId: string; role: string | null; instanceId?: string | null; deliverable: string | null },
): string | null {
  const parts = (chains.parts.get(e.taskId) ?? []).map((p) => `### ${p.role}\n\n${p.text}`);
  if (e.deliverable !== null) {
    const role = e.role ?? (e.instanceId ? chains.roles.get(e.instanceId) : undefined) ?? "agent";
    parts.push(`### ${role}\n\n${e.deliverable}`);
  }
  return parts.length ? parts.join("\n\n") : null;
}

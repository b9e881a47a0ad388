import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import { fieldCipher } from "../crypto/env-cipher";
import type { FieldCipher } from "../crypto/field-cipher";
import { database } from "../db/client";
import { keysetPage } from "../db/keyset";
import { NotFoundError } from "../errors";
import { tasks } from "../marketplace/schema";
import type { AgentMessage, EscalationPage, TaskChain } from "../schemas/organisation";
import { openPayload } from "./message-content";
import { agentMessages } from "./schema";

type MessageRow = typeof agentMessages.$inferSelect;

/** The rows with their payloads opened (the deliverables they carry are sealed at rest). */
const opened = (cipher: FieldCipher, rows: readonly MessageRow[]): Promise<MessageRow[]> =>
  Promise.all(rows.map(async (m) => ({ ...m, payload: await openPayload(cipher, m.payload) })));

export function messageView(m: MessageRow): AgentMessage {
  return {
    id: m.id,
    type: m.type,
    from: { role: m.fromRole, instanceId: m.fromInstance },
    to: { role: m.toRole, instanceId: m.toInstance },
    taskId: m.taskId,
    correlationId: m.correlationId,
    traceId: m.traceId,
    customerId: m.customerId,
    payload: m.payload,
    deadline: m.deadline,
    status: m.status,
    attempt: m.attempt,
    reason: m.reason,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

/**
 * Who held the task and when: its hired agent from the start, then each agent that
 * acknowledged a handoff, until the next took over. Derived from the messages alone.
 */
function holdersOf(task: typeof tasks.$inferSelect, role: string, messages: readonly MessageRow[]): TaskChain["holders"] {
  const holders: TaskChain["holders"] = [
    { role, instanceId: task.instanceId, since: task.createdAt, until: null, why: "the customer's task" },
  ];
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const ack of messages) {
    if (ack.type !== "ack") continue;
    const handed = byId.get(ack.correlationId);
    if (!handed || !ack.fromInstance) continue;
    const last = holders.at(-1);
    if (last && last.until === null) last.until = ack.createdAt;
    const why =
      handed.type === "result" ? "the answer to its request" : `${handed.type} from ${handed.fromRole}: ${handed.reason ?? ""}`.trim();
    holders.push({ role: ack.fromRole, instanceId: ack.fromInstance, since: ack.createdAt, until: null, why });
  }
  const last = holders.at(-1);
  if (last && task.finishedAt !== null) last.until = task.finishedAt;
  return holders;
}

/** `GET /v1/tasks/{id}/chain`: the customer's own task only (another's is a 404 like a missing one). */
export async function taskChain(env: Env, customerId: string, taskId: string): Promise<TaskChain> {
  const db = database(env.DB);
  const task = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.customerId, customerId)))
    .get();
  if (!task) throw new NotFoundError(`no task ${taskId}`);
  const [messages, role] = await Promise.all([
    db.select().from(agentMessages).where(eq(agentMessages.taskId, taskId)).orderBy(asc(agentMessages.createdAt), asc(agentMessages.id)),
    env.DB.prepare(`SELECT role FROM listings WHERE slug = ?`).bind(task.slug).first<{ role: string }>(),
  ]);
  const readable = await opened(fieldCipher(env), messages);
  return { taskId, status: task.status, holders: holdersOf(task, role?.role ?? task.slug, readable), messages: readable.map(messageView) };
}

/** Chains handed to a person, newest first, for operators; the cursor is `<createdAt>:<id>`. */
export async function listEscalations(env: Env, limit: number, cursor?: string): Promise<EscalationPage> {
  const filters = [eq(agentMessages.type, "escalate")];
  const [at, id] = cursor?.split(/:(.*)/s) ?? [];
  if (at && id && Number.isInteger(Number(at))) {
    const before = or(lt(agentMessages.createdAt, Number(at)), and(eq(agentMessages.createdAt, Number(at)), lt(agentMessages.id, id)));
    if (before) filters.push(before);
  }
  const rows = await database(env.DB)
    .select()
    .from(agentMessages)
    .where(and(...filters))
    .orderBy(desc(agentMessages.createdAt), desc(agentMessages.id))
    .limit(limit + 1);
  return keysetPage(await opened(fieldCipher(env), rows), limit, (last) => `${last.createdAt}:${last.id}`, messageView);
}

/** A customer's handoff messages, newest first, at most `limit` (+1 to tell whether there were more): their data export reads them. */
export async function customerMessages(d1: D1Database, cipher: FieldCipher, customerId: string, limit: number): Promise<AgentMessage[]> {
  const rows = await database(d1)
    .select()
    .from(agentMessages)
    .where(eq(agentMessages.customerId, customerId))
    .orderBy(desc(agentMessages.createdAt), desc(agentMessages.id))
    .limit(limit);
  return (await opened(cipher, rows)).map(messageView);
}

import { and, asc, desc, eq, lt } from "drizzle-orm";
import { MARKETPLACE_SOURCE } from "./events";
import { database, toD1 } from "../db/client";
import { keysetPage } from "../db/keyset";
import { taskHistory, taskMessages, tasks } from "./schema";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { newId } from "../ids";
import type { CreateTask } from "../schemas/marketplace";
import { pendingEventStatements, sendRecorded, stampEvent } from "../wake/ingest";
import { hireSubject, ownHire, requireActiveHire } from "./hires";
import { refreshReputationStatements } from "./reputation";
import { requireWorkingAgent } from "./retire-drain";
import { taskFeedbackEvents } from "./task-feedback";
import type { MessageView, TaskDetail, TaskPage, TaskView } from "../schemas/marketplace-views";
import { fieldCipher } from "../crypto/env-cipher";
import type { FieldCipher } from "../crypto/field-cipher";
import { AAD, openJson, sealDetail } from "./task-content";
import { eventsForStorage } from "../wake/event-payloads";

type TaskRow = typeof tasks.$inferSelect;

const MAX_INPUT_BYTES = 32 * 1024;

/** A task as its customer sees it: what is encrypted at rest is decrypted here, in the store. */
async function taskView(cipher: FieldCipher, row: TaskRow): Promise<TaskView> {
  const [instructions, output, comment] = await Promise.all([
    cipher.open(row.instructions, AAD.instructions),
    openJson(cipher, row.output),
    cipher.openNullable(row.ratingComment, AAD.ratingComment),
  ]);
  return {
    id: row.id,
    hireId: row.hireId,
    agent: row.slug,
    title: row.title,
    instructions,
    inputs: row.inputs,
    status: row.status,
    output,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    rating: row.ratingStars === null ? null : { stars: row.ratingStars, comment },
  };
}

const history = (taskId: string, kind: string, detail: object) => ({ taskId, at: Date.now(), kind, detail });

// The task is inserted only while the trial's task limit allows it, counted inside the insert
// so concurrent requests cannot overshoot; its history row and event follow only if it was.
const INSERT_TASK = `INSERT INTO tasks (id, hire_id, customer_id, slug, instance_id, title, instructions, inputs, status, event_id, created_at)
  SELECT ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?
  WHERE ? IS NULL OR (SELECT COUNT(*) FROM tasks WHERE hire_id = ?) < ?`;
const taskExists = (taskId: string) => ({ sql: "EXISTS (SELECT 1 FROM tasks WHERE id = ?)", params: [taskId] });

/**
 * Gives a hired agent work: the task, its history and its `task.assigned` event (on the hire's
 * subject, which only this hire's agent subscribes to) are recorded in one transaction, then
 * the event is sent. If the queue is down the event stays recorded and the cron sends it: a
 * task is never lost, and never recorded without its event.
 */
export async function createTask(env: Env, customerId: string, hireId: string, input: CreateTask): Promise<TaskView> {
  if (new TextEncoder().encode(JSON.stringify(input.inputs)).length > MAX_INPUT_BYTES) {
    throw new ValidationError(`inputs: at most ${MAX_INPUT_BYTES} bytes of JSON`, "inputs");
  }
  const hire = await ownHire(env, customerId, hireId);
  requireActiveHire(hire);
  await requireWorkingAgent(env, hire.instanceId);
  const cipher = fieldCipher(env);
  const row: TaskRow = {
    id: newId("tsk"),
    hireId,
    customerId,
    slug: hire.slug,
    instanceId: hire.instanceId,
    title: input.title,
    instructions: input.instructions,
    inputs: input.inputs,
    status: "queued",
    output: null,
    eventId: newId("evt"),
    createdAt: Date.now(),
    finishedAt: null,
    ratingStars: null,
    ratingComment: null,
  };
  const event = stampEvent(
    {
      id: row.eventId,
      type: "task.assigned",
      source: MARKETPLACE_SOURCE,
      subject: `${hireSubject(hireId)}:task:${row.id}`,
      customerId,
      occurredAt: new Date(row.createdAt).toISOString(),
      payload: { taskId: row.id, title: row.title, instructions: row.instructions, inputs: row.inputs },
    },
    row.createdAt,
    "instructions",
  );
  const [inserted] = await env.DB.batch([
    env.DB.prepare(INSERT_TASK).bind(
      row.id,
      hireId,
      customerId,
      hire.slug,
      hire.instanceId,
      row.title,
      await cipher.seal(row.instructions, AAD.instructions),
      JSON.stringify(row.inputs),
      row.eventId,
      row.createdAt,
      hire.taskLimit,
      hireId,
      hire.taskLimit,
    ),
    env.DB.prepare(
      `INSERT INTO task_history (task_id, at, kind, detail) SELECT ?, ?, 'created', ? WHERE EXISTS (SELECT 1 FROM tasks WHERE id = ?)`,
    ).bind(row.id, row.createdAt, JSON.stringify({ title: row.title }), row.id),
    ...pendingEventStatements(env.DB, await eventsForStorage(cipher, [event]), taskExists(row.id)),
  ]);
  if (!inserted?.meta.changes)
    throw new ConflictError("trial_task_limit", `this trial allows ${hire.taskLimit} tasks; hire the agent to give it more`);
  await sendRecorded(env, [event]);
  return taskView(cipher, row);
}

async function ownTask(env: Env, customerId: string, taskId: string): Promise<TaskRow> {
  const row = await database(env.DB)
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.customerId, customerId)))
    .get();
  if (!row) throw new NotFoundError(`no task ${taskId}`);
  return row;
}

/** A task with its outputs, its messages and its history, oldest first. */
export async function getTask(env: Env, customerId: string, taskId: string): Promise<TaskDetail> {
  const row = await ownTask(env, customerId, taskId);
  const db = database(env.DB);
  const cipher = fieldCipher(env);
  const [messages, events] = await Promise.all([
    db.select().from(taskMessages).where(eq(taskMessages.taskId, taskId)).orderBy(asc(taskMessages.createdAt), asc(taskMessages.id)),
    db.select().from(taskHistory).where(eq(taskHistory.taskId, taskId)).orderBy(asc(taskHistory.id)),
  ]);
  return {
    ...(await taskView(cipher, row)),
    messages: await Promise.all(
      messages.map(async (m) => ({
        id: m.id,
        text: await cipher.open(m.text, AAD.messageText),
        status: m.status,
        reply: await openJson(cipher, m.reply),
        createdAt: m.createdAt,
        answeredAt: m.answeredAt,
      })),
    ),
    history: await Promise.all(events.map(async (e) => ({ at: e.at, kind: e.kind, detail: await openJson(cipher, e.detail) }))),
  };
}

export async function listTasks(env: Env, customerId: string, hireId: string, limit: number, cursor?: string): Promise<TaskPage> {
  await ownHire(env, customerId, hireId);
  const filters = [eq(tasks.hireId, hireId), eq(tasks.customerId, customerId)];
  if (cursor) filters.push(lt(tasks.id, cursor));
  const rows = await database(env.DB)
    .select()
    .from(tasks)
    .where(and(...filters))
    .orderBy(desc(tasks.id))
    .limit(limit + 1);
  const cipher = fieldCipher(env);
  const page = keysetPage(rows, limit, (last) => last.id);
  return { ...page, items: await Promise.all(page.items.map((row) => taskView(cipher, row))) };
}

/**
 * A customer's message to the agent about a task. It is recorded as `queued` and sent as a
 * `customer.message`; the agent answers messages one at a time in arrival order, so a
 * message sent while the agent is busy waits its turn and is never dropped.
 */
export async function postMessage(env: Env, customerId: string, taskId: string, text: string): Promise<MessageView> {
  const task = await ownTask(env, customerId, taskId);
  requireActiveHire(await ownHire(env, customerId, task.hireId));
  await requireWorkingAgent(env, task.instanceId);
  const db = database(env.DB);
  const message: typeof taskMessages.$inferSelect = {
    id: newId("msg"),
    taskId,
    customerId,
    text,
    status: "queued",
    reply: null,
    eventId: newId("evt"),
    createdAt: Date.now(),
    answeredAt: null,
  };
  const event = stampEvent(
    {
      id: message.eventId,
      type: "customer.message",
      source: MARKETPLACE_SOURCE,
      subject: `${hireSubject(task.hireId)}:task:${taskId}`,
      customerId,
      occurredAt: new Date(message.createdAt).toISOString(),
      payload: { taskId, messageId: message.id, text, taskTitle: task.title },
    },
    message.createdAt,
    "text",
  );
  const cipher = fieldCipher(env);
  const sealedText = await cipher.seal(text, AAD.messageText);
  await env.DB.batch([
    toD1(env.DB, db.insert(taskMessages).values({ ...message, text: sealedText })),
    toD1(env.DB, db.insert(taskHistory).values(history(taskId, "message", await sealDetail(cipher, { messageId: message.id, text })))),
    ...pendingEventStatements(env.DB, await eventsForStorage(cipher, [event])),
  ]);
  await sendRecorded(env, [event]);
  return { id: message.id, taskId, text, status: message.status, reply: null, createdAt: message.createdAt, answeredAt: null };
}

/** Rates a finished task (again, to change the rating); feeds the agent's reputation. */
export async function rateTask(env: Env, customerId: string, taskId: string, stars: number, comment?: string): Promise<TaskView> {
  const task = await ownTask(env, customerId, taskId);
  if (task.status === "queued") throw new ConflictError("task_not_finished", "a task can be rated once the agent has worked it");
  const db = database(env.DB);
  // The rating is feedback for the agent too: one event per decision that worked the task.
  const feedback = await taskFeedbackEvents(env.DB, task, stars, comment);
  const cipher = fieldCipher(env);
  const sealedComment = await cipher.sealNullable(comment, AAD.ratingComment);
  await env.DB.batch([
    toD1(env.DB, db.update(tasks).set({ ratingStars: stars, ratingComment: sealedComment }).where(eq(tasks.id, taskId))),
    toD1(env.DB, db.insert(taskHistory).values(history(taskId, "rated", await sealDetail(cipher, { stars, comment: comment ?? null })))),
    ...refreshReputationStatements(env.DB, [task.slug]),
    ...pendingEventStatements(env.DB, await eventsForStorage(cipher, feedback)),
  ]);
  if (feedback.length) await sendRecorded(env, feedback);
  return taskView(cipher, { ...task, ratingStars: stars, ratingComment: sealedComment });
}

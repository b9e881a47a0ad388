import { eq } from "drizzle-orm";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { database } from "../../src/db/client";
import { openOutputText } from "../../src/outputs/output-content";
import { agentInstances } from "../../src/db/schema";
import { hires, tasks } from "../../src/marketplace/schema";
import { outputThreads, outputs } from "../../src/outputs/schema";
import { outputsWakeExtension } from "../../src/outputs/wake-extension";
import type { Decision, PublicationInput, WakeResult } from "../../src/schemas/decision";
import { Publication } from "../../src/schemas/decision";
import { recordWakeResults } from "../../src/wake/wake-records";
import { wakeHooks } from "../../src/wake/extensions";
import { env, unique } from "../helpers";

// The outputs hook against real D1, with agents, hires and tasks as rows: decisions carrying
// publications are rolled up through the core's own recordWakeResults, as the consumer does.

export const db = () => database(env.DB);

/** The ids the hook handed to delivery, per call. */
export const delivered: string[][] = [];
export const hooks = wakeHooks([
  outputsWakeExtension(async (_env, ids) => {
    delivered.push([...ids]);
  }),
]);

export interface Hired {
  customerId: string;
  instanceId: string;
  hireId: string;
}

/** A customer's hired agent, as rows (instance and hire). */
export async function hiredAgent(customerId = unique("cust")): Promise<Hired> {
  const instanceId = unique("agt");
  const hireId = unique("hir");
  const now = Date.now();
  await db()
    .insert(agentInstances)
    .values({ id: instanceId, definitionSlug: "vision", state: "active", customerId, createdAt: now, updatedAt: now });
  await db().insert(hires).values({
    id: hireId,
    customerId,
    slug: "vision",
    instanceId,
    kind: "hire",
    status: "active",
    startedAt: now,
    endsAt: null,
    taskLimit: null,
  });
  return { customerId, instanceId, hireId };
}

/** A task given to the hired agent, carried by the event `eventId`. */
export async function taskFor(who: Hired, title = "Write the launch post") {
  const task = {
    id: unique("tsk"),
    hireId: who.hireId,
    customerId: who.customerId,
    slug: "vision",
    instanceId: who.instanceId,
    title,
    instructions: "As attached",
    inputs: {},
    status: "queued" as const,
    output: null,
    eventId: unique("evt"),
    createdAt: Date.now(),
  };
  await db().insert(tasks).values(task);
  return task;
}

let clock = Date.now();

/** A decided wake result of `instanceId` on `eventId`, its decision publishing `publications`. */
export function decided(
  instanceId: string,
  publications: PublicationInput[],
  extra: { eventId?: string; output?: string | null; subject?: string; reason?: string } = {},
): WakeResult {
  clock += 1_000; // decisions in a test follow each other in time, as they would
  const decision: Decision = {
    id: unique("dec"),
    instanceId,
    eventId: extra.eventId ?? unique("evt"),
    traceId: "trace",
    action: "act",
    reason: extra.reason ?? "checked the change",
    tier: "rules",
    ruleId: "check",
    delegateTo: null,
    latencyMs: 1,
    decidedAt: clock,
    model: null,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    cache: null,
    output: extra.output ?? null,
    ...(publications.length ? { publications: publications.map((p) => Publication.parse(p)) } : {}),
  };
  return {
    instanceId,
    eventId: decision.eventId,
    outcome: "decided",
    duplicate: false,
    decision,
    eventReceivedAt: clock - 10,
    recordedAt: clock,
    eventSource: "waooaw.github",
    eventType: "github.push",
    eventSubject: extra.subject ?? "repo:acme/site",
  };
}

export const rollUp = (results: readonly WakeResult[]) => recordWakeResults(env, results, hooks);

/** Rows as stored: titles and bodies sealed (see test/crypto for the raw envelopes). */
export const storedOutputsOf = (customerId: string) =>
  db().select().from(outputs).where(eq(outputs.customerId, customerId)).orderBy(outputs.id).all();
/** Rows with their text opened, as readers see it. */
export const outputsOf = async (customerId: string) => opened(await storedOutputsOf(customerId));
export const opened = <T extends { title: string; body: string }>(rows: readonly T[]) =>
  Promise.all(rows.map((row) => openOutputText(fieldCipher(env), row)));
export const threadsOf = (customerId: string) =>
  db().select().from(outputThreads).where(eq(outputThreads.customerId, customerId)).orderBy(outputThreads.key).all();

/** A violation issue on `repository` about `path`, as WowVision would publish it. */
export function violation(repository: string, path: string, rule = "forbidden-term"): PublicationInput {
  return {
    kind: "issue",
    key: `vision:${rule}:${path}`,
    title: `${rule} in ${path}`,
    body: `Found **${rule}** in \`${path}\`.`,
    target: { repository },
    subject: path,
  };
}

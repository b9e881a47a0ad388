import { enrichers } from "./agents/enrichment";
import { retireDrains } from "./agents/retire-drain";
import { marketplaceRetireDrain } from "./marketplace/retire-drain";
import { organisationRetireDrain } from "./organisation/retire-drain";
import { githubChangeEnricher } from "./github/enricher";
import { expireTrials } from "./marketplace/hires";
import { sendPendingVerifications } from "./marketplace/email/verification";
import { marketplaceWakeExtension } from "./marketplace/wake-extension";
import { organisationWakeExtension } from "./organisation/wake-extension";
import { deliverOutputs, postDueOutputs } from "./outputs/deliver";
import { DAILY_REPORT_CRON, dailyReports } from "./outputs/reports/daily";
import { outputsWakeExtension } from "./outputs/wake-extension";
import { sweepHandoffs } from "./organisation/sweep";
import { idempotencyEncryptedTable, sweepIdempotencyKeys } from "./http/idempotency";
import { SkillRegistry } from "./skills/registry";
import { allSkills } from "./skills/catalogue";
import { wakeHooks } from "./wake/extensions";
import { organisationTraceSource } from "./organisation/trace-source";
import { outputsTraceSource } from "./outputs/trace-source";
import { outputsEncryptedTable } from "./outputs/output-content";
import { agentMessagesEncryptedTable } from "./organisation/message-content";
import type { TraceSource } from "./traces/sources";
import { MARKETPLACE_OPEN_EVENTS } from "./marketplace/undelivered-work";
import { ORGANISATION_OPEN_EVENTS } from "./organisation/message-statements";
import { pruneOldEvents, retentionCutoff } from "./wake/retention";
import type { EncryptedTable } from "./crypto/reencrypt";
import { repositoriesEncryptedTable } from "./github/repository-secrets";
import { fieldCipher } from "./crypto/env-cipher";
import { marketplaceEncryptedTables } from "./marketplace/task-content";
import { deadLettersEncryptedTable, eventsEncryptedTable } from "./wake/event-payloads";
import { reencryptPass } from "./agents/reencrypt-pass";

/**
 * Where the products plug into the platform core: the one place that knows both. The core
 * (src/wake, src/db, src/agents, durable-objects/) calls these hooks and never imports a product;
 * a new product (the organisation, outputs) adds its extension to the lists below.
 */

/** The wake pipeline's hooks: the consumer, the dead-letter queue, replays, and agents' outboxes. */
// The marketplace first: it moves a task to `delegated` before the organisation hands it on.
// Outputs last: they read the task rows the marketplace has just written.
export const hooks = wakeHooks([marketplaceWakeExtension, organisationWakeExtension, outputsWakeExtension(postOutputs)]);

/** Posts outputs just recorded (by id) through their channels; what cannot go now waits for the cron. */
export function postOutputs(env: Env, ids: readonly string[]): Promise<unknown> {
  return deliverOutputs(env, { ids });
}

/** Every deterministic skill an agent's rules may run, by name. */
export const skills = new SkillRegistry(allSkills);

/** What agents read before they decide: a push's or pull request's changed files, for WowVision. */
export const enricher = enrichers([githubChangeEnricher]);

/**
 * What the products add to a trace beside the core's spans (events, queue, wakes, decisions,
 * model calls, dead letters): the organisation's handoffs and coordinators, and the outputs
 * agents posted. The trace API and the OTLP export read the same list.
 */
export const traceSources: readonly TraceSource[] = [organisationTraceSource, outputsTraceSource];

/**
 * What a retiring agent's work in flight is, and how it is handed back. The organisation first:
 * its coordinator re-routes what a peer can take; the marketplace then cancels, with a reason,
 * a customer's task nobody can.
 */
export const retireDrain = retireDrains([organisationRetireDrain, marketplaceRetireDrain]);

/**
 * Every D1 column encrypted at rest (src/crypto), for the background re-encryption and the
 * operators' status: the events' payloads and the marketplace's customer content.
 */
export const encryptedTables: readonly EncryptedTable[] = [
  eventsEncryptedTable,
  deadLettersEncryptedTable,
  ...marketplaceEncryptedTables,
  idempotencyEncryptedTable,
  repositoriesEncryptedTable,
  outputsEncryptedTable,
  agentMessagesEncryptedTable,
];

// Where the cron's walk over agents' storage has got to, in this isolate (a new isolate starts
// over: the walk is idempotent, and the admin endpoint takes an explicit cursor). Once a whole
// walk under the current key found nothing to do it stops, until the key changes: new writes
// already use the current key, so idle agents are not woken every run.
let agentWalk: { kid: string | null; cursor?: string; dirty: boolean; clean: boolean } = { kid: null, dirty: false, clean: false };

/** One bounded re-encryption pass on the cron: old keys' (and plain) values move to the current key. */
async function reencryptOnCron(env: Env): Promise<unknown> {
  const cipher = fieldCipher(env);
  if (!cipher.enabled) return;
  if (agentWalk.kid !== cipher.currentKid) agentWalk = { kid: cipher.currentKid, dirty: false, clean: false };
  const walk = agentWalk;
  const report = await reencryptPass(env, cipher, encryptedTables, { limit: 100, agents: walk.clean ? 0 : 25, agentCursor: walk.cursor });
  if (!walk.clean) {
    walk.dirty ||= report.agents.rewritten > 0 || report.agents.remaining > 0;
    walk.cursor = report.agents.nextCursor ?? undefined;
    if (!walk.cursor) [walk.clean, walk.dirty] = [!walk.dirty, false];
  }
  return report;
}

/** A housekeeping job the cron runs besides emitting the schedule tick. */
export interface ScheduledJob {
  name: string;
  /** The Cron Trigger expression it runs on (one of wrangler.toml's crons); without one, it runs on every trigger. */
  cron?: string;
  run(env: Env): Promise<unknown>;
}

/** Events that open work of the products still needs: retention never prunes them. */
export const openWorkEvents: readonly string[] = [...MARKETPLACE_OPEN_EVENTS, ...ORGANISATION_OPEN_EVENTS];

/** Old events and their wake log, past EVENT_RETENTION_DAYS, in bounded batches (src/wake/retention.ts). */
export const pruneEvents: ScheduledJob = {
  name: "prune old events and wake logs",
  run: async (env) => {
    const report = await pruneOldEvents(env.DB, retentionCutoff(env), openWorkEvents);
    if (report.events) console.log("pruned old events", report);
    return report;
  },
};

/** The products' (and the API edge's) cron jobs. */
export const scheduledJobs: readonly ScheduledJob[] = [
  { name: "expire trials", run: (env) => expireTrials(env) },
  { name: "send the verification e-mails the e-mail service could not take yet", run: (env) => sendPendingVerifications(env) },
  { name: "re-encrypt values under old keys", cron: "*/15 * * * *", run: reencryptOnCron },
  { name: "forget expired idempotency keys", run: (env) => sweepIdempotencyKeys(env.DB) },
  { name: "route stranded handoffs, re-route or escalate overdue ones", run: (env) => sweepHandoffs(env) },
  postDueOutputs,
  pruneEvents,
  { name: "write the daily reports", cron: DAILY_REPORT_CRON, run: (env) => dailyReports(env, { deliver: postOutputs }) },
];

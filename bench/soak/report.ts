/** The soak's results: one JSON and one Markdown file per run (and the chart), like the bench's. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Reconciliation } from "../../src/schemas/operator-views";
import { REPO_ROOT } from "../lib/proc";
import type { SoakConfig } from "./config";
import type { LedgerCheck } from "./reconcile";
import type { SamplePoint } from "./sampler";
import type { CustomerOutcome } from "./customers";
import type { WebhookChecks, WebhookOutcome } from "./webhooks";

export const RESULTS = join(REPO_ROOT, "bench", "results");

export interface PhaseFigures {
  name: string;
  agents: number;
  /** Distinct events in the trace, and sends with the driver's duplicates. */
  events: number;
  sent: number;
  duplicatesSent: number;
  duplicatesDropped: number;
  spawnMs: number;
  /** From the first ingest to the last event settled (delivered or dead-lettered). */
  wallMs: number;
  eventsPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
  outcomes: Record<string, number>;
  dead: number;
  /** Set when the pipeline did not settle within the drain timeout. */
  stalled: string | null;
  schedule: string[];
  /** Time the waves waited for earlier waves' agents to be evicted (the live-object cap), in ms. */
  pacedMs: number;
}

export interface SoakReport {
  runId: string;
  startedAt: string;
  durationS: number;
  config: SoakConfig & { noFaults: boolean };
  machine: { cpus: number; memGb: number; otherWorkerd: number; note: string };
  faults: string;
  outage: string;
  customers: CustomerOutcome | null;
  /** GitHub's signed webhooks alongside phase 1: what was sent, and what the records and the GitHub server say after the replay. */
  webhooks: { sent: WebhookOutcome; seen: WebhookChecks } | null;
  phases: PhaseFigures[];
  clean: PhaseFigures | null;
  breakerOpenS: number;
  peakRssMb: number;
  /**
   * The local runtime: requests it dropped restarting (retried by the harness), the cron fired by
   * hand, and how often the consumer stopped waiting (for a stuck agent's events, for a batch).
   */
  runtime: { restarts: number; cron: string; timeouts: { wakes: number; batches: number } | null };
  reconciliation: { before: Reconciliation; afterReplay: Reconciliation; clean: Reconciliation | null };
  replay: { replayed: number; failed: string[] };
  ledgers: LedgerCheck;
  checks: { name: string; ok: boolean; detail: string }[];
  ok: boolean;
  series: SamplePoint[];
  chart: string | null;
}

const n = (v: number | null | undefined) => (v === null || v === undefined ? "–" : Math.round(v).toLocaleString("en-US"));

export function toMarkdown(r: SoakReport, table: string): string {
  const rows = [...r.phases, ...(r.clean ? [r.clean] : [])].map(
    (p) =>
      `| ${p.name} | ${n(p.agents)} | ${n(p.events)} | ${n(p.duplicatesSent)} | ${n(p.eventsPerSec)} | ${n(p.p50Ms)} | ${n(p.p99Ms)} | ${n(p.dead)} |`,
  );
  const maxDlq = Math.max(0, ...r.series.map((s) => s.dead));
  return [
    `# Soak ${r.runId} (${r.config.mode}, seed ${r.config.seed})`,
    "",
    `${r.ok ? "PASSED" : "FAILED"} in ${Math.round(r.durationS)} s. Machine: ${r.machine.cpus} cores, ${r.machine.memGb} GB; ${r.machine.note}`,
    "",
    `Faults: ${r.faults}. LLM outage: ${r.outage}.`,
    "",
    "| phase | agents | events | duplicate sends | events/s | p50 ms | p99 ms | dead-lettered |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Breaker open (or half-open) ${r.breakerOpenS} s; DLQ depth peaked at ${maxDlq}; peak workerd RSS ${r.peakRssMb} MB; ${r.replay.replayed} dead letters replayed${r.replay.failed.length ? `, ${r.replay.failed.length} failed` : ""}.`,
    `Stuck agents (stallMidWake): the consumer gave up waiting on ${r.runtime.timeouts ? `${r.runtime.timeouts.wakes} event(s) of stuck agents and ${r.runtime.timeouts.batches} batch(es)` : "(not read)"} and retried them.`,
    `Local runtime: ${r.runtime.restarts} request(s) answered "worker restarted mid-request" (retried); ${r.runtime.cron}${r.phases.some((p) => p.pacedMs > 0) ? `; the waves waited ${r.phases.reduce((a, p) => a + p.pacedMs, 0) / 1000} s for earlier waves' agents to be evicted (live-object cap)` : ""}.`,
    r.customers
      ? `Customers: ${r.customers.customers} signed up and verified, ${r.customers.hires} hires, ${r.customers.tasks} tasks, ${r.customers.messages} messages, ${r.customers.handoffs} leads handed SDR → AE, ${r.customers.routed} routed by the sales coordinator.`
      : "",
    `Budget ledgers (top ${r.ledgers.agents} spenders): ${r.ledgers.ledgerUsd.toFixed(6)} USD in the ledgers, ${r.ledgers.decisionsUsd.toFixed(6)} USD in the decisions.`,
    "",
    ...(r.webhooks ? webhooksSection(r.webhooks.sent, r.webhooks.seen) : []),
    "## Checks",
    "",
    ...r.checks.map((c) => `- ${c.ok ? "ok" : "FAILED"}: ${c.name} (${c.detail})`),
    "",
    "## Accounting (after replay)",
    "",
    "```",
    table,
    "```",
    "",
    // The Markdown sits next to the chart of its own run (runs/) or of the latest one.
    ...(r.chart ? [`![throughput and DLQ depth](${r.chart.replace(/^runs\//, "")})`] : []),
    ...(r.phases.flatMap((p) => p.schedule).length
      ? ["", "## Schedule", "", ...r.phases.flatMap((p) => p.schedule.map((s) => `- ${p.name}: ${s}`))]
      : []),
    "",
  ].join("\n");
}

function webhooksSection(o: WebhookOutcome, c: WebhookChecks): string[] {
  const g = c.github;
  return [
    "## GitHub webhooks",
    "",
    `${o.repositories} repositories (WowVision Prime hired, ${o.violations} violations in their changes), signed deliveries alongside phase 1 with the faults and the outage: ${o.accepted} of ${o.deliveries} accepted, ${o.repeats} sent twice with the same \`X-GitHub-Delivery\` (${o.repeatsDropped} repeats dropped), ${o.refused} of ${o.badSignatures} with a bad signature refused.`,
    `Records: ${g.deliveries} deliveries (${Object.entries(g.byOutcome)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ", ",
      )}), ${g.withoutEvent} without their event, ${g.unsettled} in flight; their GitHub outputs: posted ${g.outputs.posted}, held ${g.outputs.held}, pending ${g.outputs.pending}, failed ${g.outputs.failed} (all out ${Math.round(c.waitedMs / 1000)} s after the replay's reconciliation; the output cron fired ${c.cronRuns} time(s)). The faults reached ${c.eventsRetried} of their events (delivered again), ${c.eventsWithError} with an error on record.`,
    `GitHub server: ${c.issuesCreated} issues created for ${o.violations} violations (${c.issuesExact} of ${o.repositories} repositories exact), ${c.commentsCreated} review comments created for ${o.repositories} pull requests (${c.oneReview} with exactly one).`,
    "",
  ];
}

/** Writes runs/soak-<run>.{json,md} and, when `latest`, soak-latest.{json,md} (committed). */
export function writeSoakReport(r: SoakReport, table: string, latest: boolean): string[] {
  const runs = join(RESULTS, "runs");
  mkdirSync(runs, { recursive: true });
  const json = `${JSON.stringify(r, null, 2)}\n`;
  const md = toMarkdown(r, table);
  const files: [string, string][] = [
    [join(runs, `soak-${r.runId}.json`), json],
    [join(runs, `soak-${r.runId}.md`), md],
  ];
  if (latest) files.push([join(RESULTS, "soak-latest.json"), json], [join(RESULTS, "soak-latest.md"), md]);
  for (const [file, text] of files) writeFileSync(file, text);
  return files.map(([f]) => f);
}

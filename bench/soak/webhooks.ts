/**
 * The GitHub side of the soak: signed webhooks, as load G sends them, alongside phase 1 (faults
 * on, the model's outage). Each repository is a customer's who hires WowVision Prime and connects
 * it; then, round by round (a pull request opened and synchronized, a push to the default branch,
 * the same push again), every repository gets its signed delivery. A seeded share is sent twice
 * with the same `X-GitHub-Delivery` (half at once, racing; half after the answer): the platform
 * must drop the repeat. One delivery per repository is signed with the wrong secret: refused,
 * recorded nowhere. After the replay, `checkWebhooks` reconciles the deliveries from the records
 * and reads what the local GitHub server holds: one review per pull request and one issue per
 * violation, each created once.
 */
import type { CronTicker } from "./cron";
import { sign } from "@octokit/webhooks-methods";
import { randomUUID } from "node:crypto";
import { call, type Answer, Recorder, str } from "../lib/api-call";
import { prng } from "../lib/decisions-trace";
import { AGENT, eventOf, githubOutputsOf, prepareRepository, ROUNDS, roundBody, webhookHeaders } from "../lib/github";
import { BENCH_VISION_RULES, type PullRequestChange } from "../lib/github-changes";
import type { LocalGithub } from "../lib/github-local";
import { requestJson } from "../lib/http";
import { forEachBounded } from "../lib/load";
import { sleep } from "../lib/proc";
import type { WaooawDriver } from "../lib/waooaw-driver";
import type { Reconciliation } from "../../src/schemas/operator-views";
import { withRetry } from "./drive";
import { reconcile } from "./reconcile";
import { seedOf } from "./trace";

interface Repo {
  repository: string;
  secret: string;
  change: PullRequestChange;
}

export interface WebhookOutcome {
  repositories: number;
  /** Violations in the repositories' changes: one issue each on GitHub. */
  violations: number;
  /** Distinct signed deliveries sent, and those answered 202 (recorded: ingested or ignored). */
  deliveries: number;
  accepted: number;
  /** Deliveries sent a second time with the same id, and the repeats the platform answered as the same delivery. */
  repeats: number;
  repeatsDropped: number;
  /** Deliveries signed with the wrong secret, and those refused (401/403). */
  badSignatures: number;
  refused: number;
  /** What went wrong while sending (HTTP answers not expected), at most a few. */
  problems: string[];
}

/** One attempt per second for a while: what GitHub does with a delivery answered 5xx (a redelivery, same id). */
async function post(base: string, body: string, headers: Record<string, string>): Promise<Answer> {
  let r = await call(`${base}/v1/webhooks/github`, { raw: body, headers });
  for (let attempt = 2; (r.status === 0 || r.status >= 500) && attempt <= 5; attempt++) {
    await sleep(1_000 * attempt);
    r = await call(`${base}/v1/webhooks/github`, { raw: body, headers });
  }
  return r;
}

/** Customers sign up (vouched for), hire WowVision Prime and connect their repository on the local GitHub server. */
async function setUp(driver: WaooawDriver, gh: LocalGithub, tag: string, count: number): Promise<Repo[]> {
  const base = driver.baseUrl;
  const repos: Repo[] = [];
  await forEachBounded(
    Array.from({ length: count }, (_, i) => i),
    2,
    async (i) => {
      const signup = (await withRetry("sign-up", () =>
        requestJson(`${base}/v1/customers`, { body: { name: `Soak Repo ${i}`, email: `gh-${tag}-${i}@r${i}.soak.example` } }),
      )) as { customer: { id: string }; apiKey: { key: string } };
      const auth = { authorization: `Bearer ${signup.apiKey.key}` };
      await withRetry("verify-email", () => driver.api(`/v1/admin/customers/${signup.customer.id}/verify-email`, { body: {} }));
      const key = randomUUID();
      await withRetry("hire", () =>
        requestJson(`${base}/v1/hires`, { body: { agent: AGENT }, headers: { ...auth, "idempotency-key": key } }),
      );
      // Every third change is clean (a push that files nothing): i * 2 walks the shapes so even two repositories have one.
      const repository = `Soak-${i}/Site`;
      const { token, change } = await prepareRepository(gh, repository, i * 2);
      const connected = (await withRetry("connect", () =>
        requestJson(`${base}/v1/repositories`, { body: { repository, token, visionRules: BENCH_VISION_RULES }, headers: auth }),
      )) as { webhookSecret?: string };
      if (!connected.webhookSecret) throw new Error(`connecting ${repository}: no webhook secret in the answer`);
      repos[i] = { repository, secret: connected.webhookSecret, change };
    },
  );
  return repos;
}

/** Waits (a while at most) until the round's events are delivered or dead-lettered, so rounds reach the agents in order. */
async function roundSettled(driver: WaooawDriver, eventIds: readonly string[], timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  let open = [...eventIds];
  while (open.length > 0 && Date.now() < end) {
    const still: string[] = [];
    for (const id of open) {
      const e = (await driver.api(`/v1/events/${encodeURIComponent(id)}`).catch(() => null)) as { status?: string } | null;
      if (e?.status !== "delivered" && e?.status !== "dead") still.push(id);
    }
    open = still;
    if (open.length > 0) await sleep(500);
  }
}

export async function runWebhooks(
  driver: WaooawDriver,
  gh: LocalGithub,
  seed: string,
  repositories: number,
  duplicateRate: number,
  say: (l: string) => void,
): Promise<{ outcome: WebhookOutcome; repos: Repo[]; eventIds: string[] }> {
  const base = driver.baseUrl;
  const tag = seed.replace(/[^a-z0-9]/gi, "").toLowerCase() || "soak";
  const repos = await setUp(driver, gh, tag, repositories);
  const rec = new Recorder();
  const rng = prng(seedOf(seed, "webhooks"));
  const out: WebhookOutcome = {
    repositories: repos.length,
    violations: repos.reduce((a, r) => a + r.change.violations.length, 0),
    deliveries: 0,
    accepted: 0,
    repeats: 0,
    repeatsDropped: 0,
    badSignatures: 0,
    refused: 0,
    problems: rec.problems,
  };
  // The plan, drawn up front so the trace is the seed's whatever the timing: which deliveries repeat (the rate's share, at
  // least one; racing and after the answer in turn), and where each forgery goes (one per repository, rounds in turn).
  const total = ROUNDS.length * repos.length;
  const order = Array.from({ length: total }, (_, n) => n).sort(() => rng() - 0.5);
  const repeated = new Map(
    order.slice(0, Math.max(1, Math.round(total * duplicateRate))).map((n, j) => [n, j % 2 ? "after" : "racing"] as const),
  );
  const plan = ROUNDS.map((round, k) =>
    repos.map((r, i) => ({ r, round, repeat: repeated.get(k * repos.length + i) ?? null, forged: i % ROUNDS.length === k })),
  );
  const allEvents: string[] = [];
  for (const deliveries of plan) {
    const eventIds: string[] = [];
    await forEachBounded(deliveries, 4, async ({ r, round, repeat, forged }) => {
      const body = roundBody(r.repository, round);
      const event = eventOf(round);
      if (forged) {
        // Signed with another secret: GitHub's signature check fails, nothing may be stored.
        out.badSignatures++;
        const bad = await post(base, body, webhookHeaders(await sign(`not-${r.secret}`, body), randomUUID(), event));
        if (bad.status === 401 || bad.status === 403) out.refused++;
        else rec.note(`${round} forged for ${r.repository}: HTTP ${bad.status} ${bad.text.slice(0, 160)}`);
      }
      const headers = webhookHeaders(await sign(r.secret, body), randomUUID(), event);
      out.deliveries++;
      const sends = repeat === "racing" ? [post(base, body, headers), post(base, body, headers)] : [post(base, body, headers)];
      const answers = await Promise.all(sends);
      if (repeat === "after") answers.push(await post(base, body, headers));
      if (repeat) out.repeats++;
      const fresh = answers.filter((a) => a.status === 202);
      const ids = new Set(answers.map((a) => str(a.body, "eventId")).filter((x): x is string => x !== undefined));
      if (fresh.length === 0 && !answers.some((a) => a.status === 200)) {
        rec.note(`${round} for ${r.repository}: ${answers.map((a) => `HTTP ${a.status} ${a.text.slice(0, 120)}`).join("; ")}`);
        return;
      }
      out.accepted++;
      for (const id of ids) eventIds.push(id);
      // The repeat is the same delivery: answered `duplicate`, or (racing past the delivery row) with the same event.
      if (repeat && answers.length === 2 && ids.size === 1 && answers.every((a) => a.status === 200 || a.status === 202))
        out.repeatsDropped++;
      else if (repeat)
        rec.note(`${round} for ${r.repository} sent twice: ${answers.map((a) => `${a.status} ${a.text.slice(0, 80)}`).join("; ")}`);
    });
    await roundSettled(driver, eventIds, 20_000);
    allEvents.push(...eventIds);
  }
  out.problems = rec.problems;
  say(
    `webhooks: ${out.repositories} repositories, ${out.accepted} of ${out.deliveries} signed deliveries accepted (${out.repeats} sent twice, ${out.repeatsDropped} repeats dropped), ${out.refused} of ${out.badSignatures} forged refused`,
  );
  return { outcome: out, repos, eventIds: allEvents };
}

export interface WebhookChecks {
  /** The reconciliation's github section once no GitHub output is left to post (or the wait ran out). */
  github: Reconciliation["github"];
  /** Repositories whose issues are exactly their violations, created once; pull requests with one review, created once. */
  issuesExact: number;
  issuesCreatedOnce: number;
  oneReview: number;
  /** Issues and comments created on the local GitHub server, in all. */
  issuesCreated: number;
  commentsCreated: number;
  /** How long the GitHub outputs took to be all posted after the replay's reconciliation (ms), and whether the cron had to run. */
  waitedMs: number;
  cronRuns: number;
  /** The deliveries' wake events the faults reached: delivered more than once (a lost ack, a batch that threw, an agent aborted), or with an error on record. */
  eventsRetried: number;
  eventsWithError: number;
  problems: string[];
}

/**
 * After the replay: waits until no GitHub output of the deliveries is due to be posted (firing the
 * cron job that posts due outputs, as production's would every 15 minutes, while any is), then
 * reads the records and the GitHub server.
 */
export async function checkWebhooks(
  driver: WaooawDriver,
  cron: CronTicker,
  gh: LocalGithub,
  repos: readonly Repo[],
  eventIds: readonly string[],
  since: number,
  timeoutMs: number,
  say: (l: string) => void,
): Promise<WebhookChecks> {
  const rec = new Recorder();
  const start = Date.now();
  let cronRuns = 0;
  let lastCron = Date.now();
  let rec0 = await reconcile(driver, since);
  while ((rec0.github.outputs.pending > 0 || rec0.github.unsettled > 0) && Date.now() - start < timeoutMs) {
    if (Date.now() - lastCron > 5_000 && (await cron.fire())) {
      cronRuns++;
      lastCron = Date.now();
    }
    await sleep(1_000);
    rec0 = await reconcile(driver, since);
  }
  const waitedMs = Date.now() - start;
  if (rec0.github.outputs.pending > 0)
    say(`webhooks: ${rec0.github.outputs.pending} GitHub output(s) still due to be posted after ${Math.round(waitedMs / 1000)} s`);
  const out: WebhookChecks = {
    github: rec0.github,
    issuesExact: 0,
    issuesCreatedOnce: 0,
    oneReview: 0,
    issuesCreated: 0,
    commentsCreated: 0,
    waitedMs,
    cronRuns,
    eventsRetried: 0,
    eventsWithError: 0,
    problems: [],
  };
  await forEachBounded(eventIds, 4, async (id) => {
    const e = (await driver.api(`/v1/events/${encodeURIComponent(id)}`).catch(() => null)) as {
      attempts?: number;
      lastError?: string | null;
    } | null;
    if ((e?.attempts ?? 0) > 1) out.eventsRetried++;
    if (e?.lastError) out.eventsWithError++;
  });
  for (const r of repos) {
    const g = await githubOutputsOf(gh, r.repository, r.change, rec);
    if (g.issuesExact) out.issuesExact++;
    if (g.createdOnce) out.issuesCreatedOnce++;
    if (g.oneReview) out.oneReview++;
    out.issuesCreated += g.hits["issues.create"] ?? 0;
    out.commentsCreated += g.hits["comments.create"] ?? 0;
  }
  out.problems = rec.problems;
  return out;
}

/** The soak's checks of the webhooks: from the records (the reconciliation's github section) and from the GitHub server. */
export function webhookChecks(o: WebhookOutcome, c: WebhookChecks): { name: string; ok: boolean; detail: string }[] {
  const g = c.github;
  const repos = o.repositories;
  const pushes = ROUNDS.filter((r) => eventOf(r) === "push").length;
  const wantedOutputs = (ROUNDS.length - pushes) * repos + pushes * o.violations;
  return [
    {
      name: "webhooks: every signed delivery accepted",
      ok: o.accepted === o.deliveries,
      detail: `${o.accepted} of ${o.deliveries}; the faults reached ${c.eventsRetried} of their events (delivered again), ${c.eventsWithError} with an error on record${o.problems.length ? `; ${o.problems.slice(0, 3).join("; ")}` : ""}`,
    },
    {
      name: "webhooks: every distinct accepted delivery recorded exactly once, its event recorded and settled",
      ok: g.deliveries === o.accepted && g.byOutcome["ingested"] === o.accepted && g.withoutEvent === 0 && g.unsettled === 0,
      detail: `${g.deliveries} recorded (${Object.entries(g.byOutcome)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}) for ${o.accepted} accepted; ${g.withoutEvent} without their event, ${g.unsettled} in flight`,
    },
    {
      name: "webhooks: every repeat of a delivery (same X-GitHub-Delivery) dropped",
      ok: o.repeatsDropped === o.repeats && o.repeats > 0,
      detail: `${o.repeatsDropped} of ${o.repeats} sent twice`,
    },
    {
      name: "webhooks: every delivery with a bad signature refused and recorded nowhere",
      ok: o.refused === o.badSignatures && o.badSignatures > 0 && g.deliveries === o.accepted,
      detail: `${o.refused} of ${o.badSignatures} answered 401/403; ${g.deliveries} deliveries recorded for ${o.accepted} accepted`,
    },
    {
      name: "webhooks: GitHub outputs recorded once per round (a review per pull request round, an issue per violation per push)",
      ok: g.outputs.posted + g.outputs.held + g.outputs.pending + g.outputs.failed === wantedOutputs,
      detail: `${g.outputs.posted + g.outputs.held + g.outputs.pending + g.outputs.failed} recorded, ${wantedOutputs} expected`,
    },
    {
      name: "webhooks: GitHub outputs all out (none due, none failed)",
      ok: g.outputs.pending === 0 && g.outputs.failed === 0,
      detail: `posted ${g.outputs.posted}, held ${g.outputs.held} (superseded in their thread), pending ${g.outputs.pending}, failed ${g.outputs.failed}; cron fired ${c.cronRuns} time(s)`,
    },
    {
      name: "GitHub: one issue per violation, each created once",
      ok: c.issuesExact === repos && c.issuesCreatedOnce === repos && c.issuesCreated === o.violations,
      detail: `${c.issuesExact} of ${repos} repositories exact, ${c.issuesCreatedOnce} created once; ${c.issuesCreated} issues created for ${o.violations} violations${c.problems.length ? `; ${c.problems.slice(0, 3).join("; ")}` : ""}`,
    },
    {
      name: "GitHub: one review per pull request, created once (updated by synchronize)",
      ok: c.oneReview === repos && c.commentsCreated === repos,
      detail: `${c.oneReview} of ${repos} pull requests; ${c.commentsCreated} comments created`,
    },
  ];
}

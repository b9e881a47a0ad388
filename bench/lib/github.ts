/**
 * Load G ("GitHub in, outputs out"): signed GitHub webhooks → WowVision Prime → a review comment
 * per pull request and an issue per violation pushed to the default branch, posted back to
 * GitHub, against a floor in the same session.
 *
 * 1. The local GitHub REST server (a child process) and a fresh platform session with
 *    `GITHUB_API_URL` pointing at it; the catalogue seeded (`POST /v1/admin/seed`).
 * 2. Customers sign up, each hires WowVision Prime and connects its own repository (a token the
 *    server accepts, vision rules); each repository has a pull request with a few changed files,
 *    and two compares of its default branch (`before...after`) holding the same files.
 * 3. A warm-up task per customer (not measured), a floor pass (a `vision-check` task with the same
 *    files to each hire, timed to the task's `finishedAt`), the `pull_request` webhooks `opened`
 *    and `synchronize`, then two `push` webhooks to the default branch (each timed to the last
 *    GitHub output's `postedAt`; a clean push, which posts nothing, to its report's recording),
 *    a second floor pass.
 * 4. Checks on the GitHub server: no issue after the pull requests, one comment per pull request
 *    (its review) created once; after the pushes, one issue per violation, created once.
 */
import { sign } from "@octokit/webhooks-methods";
import { randomBytes, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { logIssues } from "./decisions";
import { BENCH_VISION_RULES, type PullRequestChange, pullRequestChange, sha } from "./github-changes";
import { startLocalGithub, type LocalGithub } from "./github-local";
import type { FloorPass, GithubResult, ProbeFigures, WebhookRound } from "./github-report";
import { forEachBounded } from "./load";
import { call, countBy, field, hireAgent, num, Recorder, signUpCustomers, str } from "./api-call";
import { LogScanner } from "./logscan";
import { percentiles } from "./organisation";
import type { Check, Percentiles } from "./organisation-report";
import { sleep } from "./proc";
import { RssSampler } from "./rss";
import { startWaooaw, type WaooawDriver } from "./waooaw-driver";

export interface GithubLoadConfig {
  /** Customers, one repository and one pull request each: webhooks per round. */
  customers: number;
  /** Requests in flight: sign-ups, hires, webhooks, floor tasks (and the read-backs). */
  concurrency: number;
  /** Give up on webhooks or tasks that have not moved for this long (they count as not posted). */
  stallS: number;
  /** Customers in the one-at-a-time probe: for each, a floor task, then a `synchronize` webhook, each waited for before the next. */
  probe: number;
}

export const AGENT = "wowvision-prime";
/** Every bench repository's default branch (the push webhook's `repository.default_branch`). */
const DEFAULT_BRANCH = "main";
/** The pull request every repository has (any number: the server keeps its files under it). */
export const PR_NUMBER = 7;
// --- HTTP (bench/lib/api-call.ts). ---

const items = (v: unknown): unknown[] => {
  const x = field(v, "items");
  return Array.isArray(x) ? x : [];
};

// --- GitHub's webhook payloads: @octokit/webhooks-examples, as the tests use them. ---

type Payload = Record<string, unknown> & { pull_request: Record<string, unknown> & { head: Record<string, unknown> } };

/** The webhook rounds, in order: a pull request opened and pushed again, then two pushes to the default branch. */
export type Round = "opened" | "synchronize" | "push" | "push again";
export const ROUNDS: readonly Round[] = ["opened", "synchronize", "push", "push again"];
export const eventOf = (r: Round): "pull_request" | "push" => (r === "push" || r === "push again" ? "push" : "pull_request");

/** The push rounds' commits: `push` goes from `base` to `push`, `push again` from there to `push again`. */
const pushShas = (repository: string, round: "push" | "push again") =>
  round === "push"
    ? { before: sha(`${repository}:base`), after: sha(`${repository}:push`) }
    : { before: sha(`${repository}:push`), after: sha(`${repository}:push again`) };

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: Record<string, unknown>[] }[];

/** GitHub's example `pull_request` webhook with `action`, rewritten for `repository`, its pull request and `head`. */
function pullRequestPayload(repository: string, action: "opened" | "synchronize", head: string, before: string): Payload {
  const found = examples.find((d) => d.name === "pull_request")?.examples.find((e) => e["action"] === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no pull_request ${action}`);
  const p = structuredClone(found) as Payload;
  const [owner = "", name = ""] = repository.split("/");
  const repo = p["repository"] as Record<string, unknown>;
  p["repository"] = { ...repo, full_name: repository, name, owner: { ...(repo["owner"] as object), login: owner } };
  p["number"] = PR_NUMBER;
  p.pull_request = {
    ...p.pull_request,
    number: PR_NUMBER,
    html_url: `https://github.com/${repository}/pull/${PR_NUMBER}`,
    head: { ...p.pull_request.head, sha: head },
  };
  if (action === "synchronize") {
    p["before"] = before;
    p["after"] = head;
  }
  return p;
}

/**
 * GitHub's example `push` webhook (the one with a commit), rewritten for `repository`: a push to
 * its default branch from `before` to `after` (whose compare the local server holds).
 */
function pushPayload(repository: string, before: string, after: string): Record<string, unknown> {
  const found = examples.find((d) => d.name === "push")?.examples.find((e) => Array.isArray(e["commits"]) && e["commits"].length > 0);
  if (!found) throw new Error("@octokit/webhooks-examples has no push with a commit");
  const p = structuredClone(found);
  const [owner = "", name = ""] = repository.split("/");
  const repo = p["repository"] as Record<string, unknown>;
  const commits = (p["commits"] as Record<string, unknown>[]).map((c) => ({ ...c, id: after, tree_id: sha(`${after}:tree`) }));
  return {
    ...p,
    ref: `refs/heads/${DEFAULT_BRANCH}`,
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
    compare: `https://github.com/${repository}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits[commits.length - 1] ?? null,
    repository: {
      ...repo,
      full_name: repository,
      name,
      owner: { ...(repo["owner"] as object), login: owner },
      default_branch: DEFAULT_BRANCH,
    },
  };
}

/** The signed body of round `round`'s webhook for `repository`. */
export function roundBody(repository: string, round: Round): string {
  if (round === "opened" || round === "synchronize")
    return JSON.stringify(pullRequestPayload(repository, round, sha(`${repository}:${round}`), sha(`${repository}:opened`)));
  const { before, after } = pushShas(repository, round);
  return JSON.stringify(pushPayload(repository, before, after));
}

// --- Setup. ---

/**
 * Creates `repository` on the local GitHub server as change `i` (pullRequestChange) leaves it:
 * a token it accepts, the pull request's files, and the compares of both pushes to the default
 * branch (the same files: the second push finds them again). Connecting it is the caller's.
 */
export async function prepareRepository(
  gh: LocalGithub,
  repository: string,
  i: number,
): Promise<{ token: string; change: PullRequestChange }> {
  const token = `ghp_${randomBytes(18).toString("hex")}`;
  const change = pullRequestChange(i);
  await gh.repository(repository, token);
  await gh.pull(repository, PR_NUMBER, change.files);
  for (const round of ["push", "push again"] as const) {
    const { before, after } = pushShas(repository, round);
    await gh.compare(repository, before, after, change.files);
  }
  return { token, change };
}

interface Customer {
  i: number;
  id: string;
  key: string;
  hireId: string;
  repository: string;
  secret: string;
  change: PullRequestChange;
}

async function setUp(
  d: WaooawDriver,
  gh: LocalGithub,
  cfg: GithubLoadConfig,
): Promise<{ customers: Customer[]; signupMs: number; hireMs: number; connectMs: number }> {
  const base = d.baseUrl;
  let t0 = performance.now();
  const signed = await signUpCustomers(base, cfg.customers, cfg.concurrency, "g", d.token);
  const signupMs = performance.now() - t0;
  t0 = performance.now();
  const hires: string[] = [];
  await forEachBounded(
    signed.map((s, i) => ({ ...s, i })),
    cfg.concurrency,
    async (s) => {
      hires[s.i] = await hireAgent(base, s, AGENT);
    },
  );
  const hireMs = performance.now() - t0;
  t0 = performance.now();
  const customers: Customer[] = [];
  await forEachBounded(
    signed.map((s, i) => ({ ...s, i })),
    cfg.concurrency,
    async (s) => {
      // Spelled as GitHub shows names, with capitals: the platform matches them case-insensitively.
      const repository = `Acme-${s.i}/Marketing-Site`;
      const { token, change } = await prepareRepository(gh, repository, s.i);
      const r = await call(`${base}/v1/repositories`, { key: s.key, body: { repository, token, visionRules: BENCH_VISION_RULES } });
      const secret = str(r.body, "webhookSecret");
      if (r.status !== 201 || !secret) throw new Error(`connecting ${repository} for ${s.id}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
      customers[s.i] = { i: s.i, id: s.id, key: s.key, hireId: hires[s.i] as string, repository, secret, change };
    },
  );
  return { customers, signupMs, hireMs, connectMs: performance.now() - t0 };
}

// --- The floor: vision-check tasks, timed to the task's finishedAt. ---

interface TaskRecord {
  status: string;
  finishedAt: number | null;
}

/** The floor's task: the pull request's files after the change, and the repository's rules, given directly. */
function visionTask(c: Customer) {
  return {
    title: `Vision check of pull request #${PR_NUMBER}`,
    instructions: "Check these files against our vision rules",
    inputs: { kind: "vision-check", files: c.change.contents, visionRules: BENCH_VISION_RULES },
  };
}

async function taskList(base: string, c: Customer): Promise<Map<string, TaskRecord>> {
  const out = new Map<string, TaskRecord>();
  let cursor: string | undefined;
  do {
    const r = await call(`${base}/v1/hires/${c.hireId}/tasks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
      key: c.key,
    });
    if (r.status !== 200) throw new Error(`GET /v1/hires/${c.hireId}/tasks: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    for (const t of items(r.body)) {
      const id = str(t, "id");
      if (id) out.set(id, { status: str(t, "status") ?? "?", finishedAt: num(t, "finishedAt") ?? null });
    }
    cursor = str(r.body, "nextCursor");
  } while (cursor);
  return out;
}

/**
 * Polls `pending()`'s keys with `look` (about once a second) until none is pending, or none has
 * moved for `stallMs`. Returns whether everything settled.
 */
async function waitFor(
  pending: () => number,
  look: () => Promise<void>,
  stallMs: number,
  what: string,
  progress: (line: string) => void,
): Promise<boolean> {
  let lastOpen = Number.POSITIVE_INFINITY;
  let lastMove = Date.now();
  let lastSay = Date.now();
  for (;;) {
    await look();
    const open = pending();
    if (open === 0) return true;
    if (open < lastOpen) {
      lastOpen = open;
      lastMove = Date.now();
    } else if (Date.now() - lastMove > stallMs) {
      progress(`${open} ${what} have not moved for ${stallMs / 1000} s; giving up on them`);
      return false;
    }
    if (Date.now() - lastSay > 10_000) {
      progress(`waiting: ${open} ${what}`);
      lastSay = Date.now();
    }
    await sleep(1_000);
  }
}

async function floorPass(
  d: WaooawDriver,
  cfg: GithubLoadConfig,
  customers: readonly Customer[],
  when: string,
  rec: Recorder,
  progress: (line: string) => void,
): Promise<{ pass: FloorPass; samples: number[] }> {
  const base = d.baseUrl;
  const posted = new Map<string, { c: Customer; sentAt: number }>();
  const acceptMs: number[] = [];
  let failed = 0;
  const firstPostAt = Date.now();
  const t0 = performance.now();
  await forEachBounded(customers, cfg.concurrency, async (c) => {
    const sentAt = Date.now();
    const r = await call(`${base}/v1/hires/${c.hireId}/tasks`, {
      key: c.key,
      body: visionTask(c),
    });
    acceptMs.push(r.ms);
    const id = str(r.body, "id");
    if (r.status !== 202 || !id) {
      failed++;
      rec.note(`floor task (${when}) for ${c.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      return;
    }
    posted.set(id, { c, sentAt });
  });
  const postMs = performance.now() - t0;
  const seen = new Map<string, TaskRecord>();
  const open = () => [...posted.keys()].filter((id) => ["queued", "delegated", undefined].includes(seen.get(id)?.status));
  await waitFor(
    () => open().length,
    async () => {
      const hires = new Map<string, Customer>();
      for (const id of open()) {
        const c = posted.get(id)?.c;
        if (c) hires.set(c.hireId, c);
      }
      await forEachBounded([...hires.values()], cfg.concurrency, async (c) => {
        for (const [id, t] of await taskList(base, c)) if (posted.has(id)) seen.set(id, t);
      });
    },
    cfg.stallS * 1000,
    `floor task(s) (${when}) still queued`,
    progress,
  );
  const latencies: number[] = [];
  let last = 0;
  for (const [id, { sentAt }] of posted) {
    const t = seen.get(id);
    if (t?.status !== "done" || t.finishedAt === null) continue;
    latencies.push(t.finishedAt - sentAt);
    last = Math.max(last, t.finishedAt);
  }
  const statuses = countBy([...posted.keys()].map((id) => seen.get(id)?.status ?? "not seen"));
  if (failed) statuses["post failed"] = failed;
  const windowMs = Math.max(0, last - firstPostAt);
  const pass: FloorPass = {
    when,
    tasks: customers.length,
    done: latencies.length,
    statuses,
    windowMs,
    tasksPerSec: windowMs > 0 ? (latencies.length / windowMs) * 1000 : null,
    toDone: percentiles(latencies),
    accept: percentiles(acceptMs),
    postMs,
  };
  return { pass, samples: latencies };
}

// --- The webhooks: timed to their outputs' postedAt. ---

interface OutputRecord {
  id: string;
  customerId: string;
  decisionId: string | null;
  taskId: string | null;
  kind: string;
  key: string;
  status: string;
  statusReason: string | null;
  createdAt: number;
  postedAt: number | null;
}

function outputOf(item: unknown): OutputRecord | undefined {
  const id = str(item, "id");
  const customerId = str(item, "customerId");
  const createdAt = num(item, "createdAt");
  if (!id || !customerId || createdAt === undefined) return undefined;
  return {
    id,
    customerId,
    decisionId: str(item, "decisionId") ?? null,
    taskId: str(item, "taskId") ?? null,
    kind: str(item, "kind") ?? "?",
    key: str(item, "key") ?? "",
    status: str(item, "status") ?? "?",
    statusReason: str(item, "statusReason") ?? null,
    createdAt,
    postedAt: num(item, "postedAt") ?? null,
  };
}

/** Every customer's outputs created since `since` (epoch ms), newest first, as the operator lists them. */
async function outputsSince(d: WaooawDriver, since: number): Promise<OutputRecord[]> {
  const out: OutputRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await call(`${d.baseUrl}/v1/admin/outputs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
      key: d.token,
    });
    if (r.status !== 200) throw new Error(`GET /v1/admin/outputs: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    let older = false;
    for (const item of items(r.body)) {
      const o = outputOf(item);
      if (!o) continue;
      if (o.createdAt < since) {
        older = true;
        break;
      }
      out.push(o);
    }
    cursor = str(r.body, "nextCursor");
    if (older || !cursor) return out;
  }
}

/** The outputs of the webhook's decision: the customer's, from a decision of no earlier round and no task. */
function webhookOutputs(all: readonly OutputRecord[], customerId: string, earlier: ReadonlySet<string>): OutputRecord[] {
  return all.filter((o) => o.customerId === customerId && o.taskId === null && o.decisionId !== null && !earlier.has(o.decisionId));
}

/** A push's report: a document kept on the platform (nothing to post), recorded with the decision. */
const isCheckDocument = (o: OutputRecord) => o.kind === "document" && o.key.startsWith("wowvision-check:");
/** What goes to GitHub: issues and reviews (a push's document stays on the platform). */
const toGithub = (o: OutputRecord) => o.kind === "issue" || o.kind === "review";

/**
 * Whether a webhook's outputs are all there and settled: a pull request's review, or a push's
 * document (all of a decision's outputs are recorded together), and every GitHub output no
 * longer `stored` (posted, or failed).
 */
function settled(os: readonly OutputRecord[], event: "pull_request" | "push"): boolean {
  if (os.length === 0) return false;
  if (event === "push" ? !os.some(isCheckDocument) : !os.some((o) => o.kind === "review")) return false;
  return os.filter(toGithub).every((o) => o.status !== "stored");
}

/**
 * When a settled webhook's outputs were out: its last GitHub output's `postedAt`, or, for a push
 * with nothing to post (a clean change), its document's recording (`createdAt`).
 */
function outAt(os: readonly OutputRecord[]): number {
  const gh = os.filter(toGithub);
  return gh.length > 0 ? Math.max(...gh.map((o) => o.postedAt ?? 0)) : Math.max(...os.filter(isCheckDocument).map((o) => o.createdAt));
}

/** The headers GitHub sends with a webhook. */
export function webhookHeaders(signature: string, delivery: string, event: "pull_request" | "push"): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/bench",
    "x-github-event": event,
    "x-github-delivery": delivery,
    "x-github-hook-id": "1",
    "x-hub-signature-256": signature,
  };
}

async function webhookRound(
  d: WaooawDriver,
  cfg: GithubLoadConfig,
  customers: readonly Customer[],
  action: Round,
  earlier: Set<string>,
  rec: Recorder,
  progress: (line: string) => void,
): Promise<{ round: WebhookRound; samples: number[] }> {
  const base = d.baseUrl;
  const sampler = new RssSampler(d.pid);
  sampler.start();
  // Bodies signed beforehand: signing is the sender's work, not the platform's.
  const event = eventOf(action);
  const deliveries = await Promise.all(
    customers.map(async (c) => {
      const body = roundBody(c.repository, action);
      return { c, body, signature: await sign(c.secret, body), delivery: randomUUID() };
    }),
  );
  const sent = new Map<string, number>();
  const acceptMs: number[] = [];
  let accepted = 0;
  const since = Date.now() - 1_000;
  const firstPostAt = Date.now();
  const t0 = performance.now();
  await forEachBounded(deliveries, cfg.concurrency, async ({ c, body, signature, delivery }) => {
    const sentAt = Date.now();
    const r = await call(`${base}/v1/webhooks/github`, { raw: body, headers: webhookHeaders(signature, delivery, event) });
    acceptMs.push(r.ms);
    if (r.status !== 202 || !str(r.body, "eventId")) {
      rec.note(`${action} webhook for ${c.repository}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      return;
    }
    accepted++;
    sent.set(c.id, sentAt);
  });
  const postMs = performance.now() - t0;
  progress(
    `${action}: ${accepted} of ${customers.length} webhooks accepted in ${(postMs / 1000).toFixed(2)} s; waiting for their outputs to be posted`,
  );

  let latest: OutputRecord[] = [];
  const open = () => [...sent.keys()].filter((id) => !settled(webhookOutputs(latest, id, earlier), event)).length;
  await waitFor(
    open,
    async () => {
      latest = await outputsSince(d, since);
    },
    cfg.stallS * 1000,
    `${action} webhook(s) whose outputs are not all posted`,
    progress,
  );
  sampler.stop();

  const toPosted: number[] = [];
  const toRecorded: number[] = [];
  const recordedToPosted: number[] = [];
  const notPosted: string[] = [];
  const kinds: string[] = [];
  let last = 0;
  for (const c of customers) {
    const sentAt = sent.get(c.id);
    if (sentAt === undefined) continue;
    const os = webhookOutputs(latest, c.id, earlier);
    for (const o of os) kinds.push(o.kind);
    const decisions = new Set(os.map((o) => o.decisionId));
    if (os.length === 0) {
      notPosted.push("no outputs");
      rec.note(`${action} webhook for ${c.repository}: no outputs recorded`);
      continue;
    }
    if (decisions.size > 1) rec.note(`${action} webhook for ${c.repository}: outputs of ${decisions.size} decisions`);
    if (!settled(os, event)) {
      notPosted.push(event === "push" ? "no report" : "no review");
      rec.note(
        `${action} webhook for ${c.repository}: ${os.map((o) => `${o.kind} ${o.status}`).join(", ")}, without its ${event === "push" ? "report" : "review"}`,
      );
      continue;
    }
    const unposted = os.filter((o) => toGithub(o) && o.status !== "posted");
    if (unposted.length > 0) {
      for (const o of unposted) notPosted.push(o.status);
      rec.note(
        `${action} webhook for ${c.repository}: ${unposted.map((o) => `${o.kind} ${o.status}${o.statusReason ? ` (${o.statusReason})` : ""}`).join("; ")}`,
      );
      continue;
    }
    const recordedAt = Math.min(...os.map((o) => o.createdAt));
    const postedAt = outAt(os);
    toPosted.push(postedAt - sentAt);
    toRecorded.push(recordedAt - sentAt);
    // A clean push posts nothing: no GitHub share to count.
    if (os.some(toGithub)) recordedToPosted.push(postedAt - recordedAt);
    last = Math.max(last, postedAt);
  }
  for (const o of latest) if (o.taskId === null && o.decisionId !== null) earlier.add(o.decisionId);
  const windowMs = Math.max(0, last - firstPostAt);
  const round: WebhookRound = {
    action,
    event,
    webhooks: customers.length,
    accepted,
    posted: toPosted.length,
    notPosted: countBy(notPosted),
    windowMs,
    webhooksPerSec: windowMs > 0 ? (toPosted.length / windowMs) * 1000 : null,
    toPosted: percentiles(toPosted),
    toRecorded: percentiles(toRecorded),
    recordedToPosted: percentiles(recordedToPosted),
    accept: percentiles(acceptMs),
    postMs,
    outputs: countBy(kinds),
    peakRssMb: Math.round(sampler.peakBytes() / (1024 * 1024)),
  };
  return { round, samples: toPosted };
}

// --- The probe: one at a time, a floor task then a webhook per customer (no queueing behind the others). ---

const PROBE_POLL_MS = 50;

/** Polls `look` every PROBE_POLL_MS until it answers a value, or `stallMs` passes (null). */
async function pollUntil<T>(look: () => Promise<T | undefined>, stallMs: number): Promise<T | null> {
  const deadline = Date.now() + stallMs;
  while (Date.now() < deadline) {
    const found = await look();
    if (found !== undefined) return found;
    await sleep(PROBE_POLL_MS);
  }
  return null;
}

async function probe(
  d: WaooawDriver,
  cfg: GithubLoadConfig,
  customers: readonly Customer[],
  earlier: Set<string>,
  rec: Recorder,
): Promise<{ figures: ProbeFigures; probed: Set<string> }> {
  const base = d.baseUrl;
  const floor: number[] = [];
  const webhook: number[] = [];
  const toRecorded: number[] = [];
  const probed = new Set<string>();
  for (const c of customers.slice(0, cfg.probe)) {
    // The floor: a vision-check task, done when its own record says so.
    let sentAt = Date.now();
    const t = await call(`${base}/v1/hires/${c.hireId}/tasks`, {
      key: c.key,
      body: visionTask(c),
    });
    const taskId = str(t.body, "id");
    if (t.status !== 202 || !taskId) rec.note(`probe task for ${c.id}: HTTP ${t.status} ${t.text.slice(0, 200)}`);
    else {
      const finishedAt = await pollUntil(async () => {
        const r = await call(`${base}/v1/tasks/${taskId}`, { key: c.key });
        const status = str(r.body, "status");
        return status && status !== "queued" && status !== "delegated" ? (num(r.body, "finishedAt") ?? 0) : undefined;
      }, cfg.stallS * 1000);
      if (finishedAt) floor.push(finishedAt - sentAt);
      else rec.note(`probe task ${taskId} for ${c.id}: not done within ${cfg.stallS} s`);
    }

    // The webhook: another push to the pull request, done when its outputs are all posted.
    const head = sha(`${c.repository}:probe`);
    const body = JSON.stringify(pullRequestPayload(c.repository, "synchronize", head, sha(`${c.repository}:synchronize`)));
    const signature = await sign(c.secret, body);
    sentAt = Date.now();
    const w = await call(`${base}/v1/webhooks/github`, { raw: body, headers: webhookHeaders(signature, randomUUID(), "pull_request") });
    if (w.status !== 202) {
      rec.note(`probe webhook for ${c.repository}: HTTP ${w.status} ${w.text.slice(0, 200)}`);
      continue;
    }
    probed.add(c.id);
    const outputs = await pollUntil(async () => {
      const r = await call(`${base}/v1/outputs?limit=20`, { key: c.key });
      const os = webhookOutputs(
        items(r.body).flatMap((i) => outputOf(i) ?? []),
        c.id,
        earlier,
      );
      return settled(os, "pull_request") ? os : undefined;
    }, cfg.stallS * 1000);
    if (!outputs || outputs.some((o) => o.status !== "posted")) {
      rec.note(
        `probe webhook for ${c.repository}: outputs ${outputs ? outputs.map((o) => `${o.kind} ${o.status}`).join(", ") : "not all posted"}`,
      );
      continue;
    }
    for (const o of outputs) if (o.decisionId) earlier.add(o.decisionId);
    webhook.push(Math.max(...outputs.map((o) => o.postedAt ?? 0)) - sentAt);
    toRecorded.push(Math.min(...outputs.map((o) => o.createdAt)) - sentAt);
  }
  return {
    figures: {
      customers: Math.min(cfg.probe, customers.length),
      floor: percentiles(floor),
      webhook: percentiles(webhook),
      toRecorded: percentiles(toRecorded),
    },
    probed,
  };
}

// --- Checks after the rounds. ---

/** What the local GitHub server holds for a repository after the rounds, against its change. */
export interface GithubOutputs {
  /** Its issues are exactly its violations, one each, open. */
  issuesExact: boolean;
  /** Each violation's issue was created once (a later push updated it). */
  createdOnce: boolean;
  /** The pull request carries exactly one comment (WowVision's review), created once. */
  oneReview: boolean;
  hits: Record<string, number>;
}

/** Reads `repository` on the local GitHub server and compares it with `change`; notes each difference in `rec`. */
export async function githubOutputsOf(
  gh: LocalGithub,
  repository: string,
  change: PullRequestChange,
  rec: Recorder,
): Promise<GithubOutputs> {
  const s = await gh.state(repository);
  const hits: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.hits)) hits[k] = v ?? 0;
  const expected = change.violations.length;
  const open = s.issues.filter((i) => i.state === "open");
  const titles = new Set(open.map((i) => i.title));
  // Each issue carries its violation's key as a hidden marker: match them by key where the body says it.
  const keyed = change.violations.filter((k) => open.filter((i) => (i.body ?? "").includes(k)).length === 1).length;
  const markers = open.some((i) => (i.body ?? "").includes("vision:"));
  const issuesExact =
    open.length === expected && s.issues.length === expected && titles.size === expected && (!markers || keyed === expected);
  if (!issuesExact)
    rec.note(
      `${repository}: ${s.issues.length} issue(s) (${open.length} open: ${[...titles].join(" | ").slice(0, 160)}), expected ${expected}: ${change.violations.join(", ") || "none"}`,
    );
  const createdOnce = (hits["issues.create"] ?? 0) === expected;
  if (!createdOnce) rec.note(`${repository}: ${hits["issues.create"] ?? 0} issue(s) created for ${expected} violation(s)`);
  const onPull = s.comments.filter((m) => m.issueNumber === PR_NUMBER);
  const oneReview = onPull.length === 1 && s.comments.length === 1 && (hits["comments.create"] ?? 0) === 1;
  if (!oneReview)
    rec.note(
      `${repository}: ${onPull.length} comment(s) on #${PR_NUMBER}, ${s.comments.length} in all, ${hits["comments.create"] ?? 0} created`,
    );
  return { issuesExact, createdOnce, oneReview, hits };
}

interface RepoCheck {
  repositories: number;
  /** Repositories whose open issues are exactly their violations, each once. */
  issuesExact: number;
  /** Repositories where each violation's issue was created once (the second push updated them). */
  createdOnce: number;
  /** Repositories whose pull request carries exactly one comment (WowVision's review), created once. */
  oneReview: number;
  /** Customers whose own `GET /v1/outputs` shows only their repository's outputs, as many as expected, GitHub's all posted and the reports kept. */
  ownOutputs: number;
  hits: Record<string, number>;
}

async function checkRepositories(
  d: WaooawDriver,
  gh: LocalGithub,
  cfg: GithubLoadConfig,
  customers: readonly Customer[],
  rounds: readonly Round[],
  probed: ReadonlySet<string>,
  rec: Recorder,
): Promise<RepoCheck> {
  const out: RepoCheck = { repositories: customers.length, issuesExact: 0, createdOnce: 0, oneReview: 0, ownOutputs: 0, hits: {} };
  await forEachBounded(customers, cfg.concurrency, async (c) => {
    const g = await githubOutputsOf(gh, c.repository, c.change, rec);
    for (const [k, v] of Object.entries(g.hits)) out.hits[k] = (out.hits[k] ?? 0) + (v ?? 0);
    const expected = c.change.violations.length;
    if (g.issuesExact) out.issuesExact++;
    if (g.createdOnce) out.createdOnce++;
    if (g.oneReview) out.oneReview++;

    // The customer's own view: its repository's outputs only, every one posted.
    const mine: OutputRecord[] = [];
    let cursor: string | undefined;
    do {
      const r = await call(`${d.baseUrl}/v1/outputs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { key: c.key });
      if (r.status !== 200) {
        rec.note(`GET /v1/outputs as ${c.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        return;
      }
      for (const item of items(r.body)) {
        const o = outputOf(item);
        const repository = str(field(item, "target"), "repository");
        if (o && o.taskId === null && o.kind !== "report") {
          mine.push(o);
          if (o.customerId !== c.id || repository?.toLowerCase() !== c.repository.toLowerCase())
            rec.note(`GET /v1/outputs as ${c.id}: ${o.id} of ${o.customerId} for ${repository}`);
        }
      }
      cursor = str(r.body, "nextCursor");
    } while (cursor);
    // A review per pull request round and probe webhook; per push, an issue per violation and the report (a document, kept).
    const pushes = rounds.filter((r) => eventOf(r) === "push").length;
    const wanted = rounds.length - pushes + (probed.has(c.id) ? 1 : 0) + pushes * (expected + 1);
    const foreign = mine.filter((o) => o.customerId !== c.id).length;
    const fine = (o: OutputRecord) => (toGithub(o) ? o.status === "posted" : isCheckDocument(o) && o.status === "stored");
    if (mine.length === wanted && foreign === 0 && mine.every(fine)) out.ownOutputs++;
    else
      rec.note(
        `GET /v1/outputs as ${c.id}: ${mine.length} outputs (${counts(mine.map((o) => `${o.kind}:${o.status}`))}), expected ${wanted} (GitHub's posted, reports stored)`,
      );
  });
  return out;
}

const kindCounts = (r: Record<string, number>) =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "none";

const counts = (xs: string[]) =>
  Object.entries(countBy(xs))
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");

// --- The run. ---

export async function runLoadG(cfg: GithubLoadConfig, runDir: string, progress: (line: string) => void): Promise<GithubResult> {
  const rec = new Recorder();
  const checks: Check[] = [];
  let gh: LocalGithub | undefined;
  let d: WaooawDriver | undefined;
  try {
    gh = await startLocalGithub(join(runDir, "github-g.log"));
    d = await startWaooaw(runDir, { label: "waooaw-g", vars: { GITHUB_API_URL: gh.url } });
    const seed = await call(`${d.baseUrl}/v1/admin/seed`, { key: d.token, body: {} });
    const seeded = (field(seed.body, "definitions") as string[] | undefined) ?? [];
    if (seed.status !== 200) throw new Error(`POST /v1/admin/seed: HTTP ${seed.status} ${seed.text.slice(0, 300)}`);
    // Retried, and any retry noted: on 2026-12-02 this first catalogue read after the seed went unanswered for a minute in four
    // runs in a row (11:12–11:19 UTC), then never again; the worker's log said nothing.
    let listed = await call(`${d.baseUrl}/v1/agents/${AGENT}`, { timeoutMs: 15_000 });
    for (let attempt = 2; listed.status === 0 && attempt <= 3; attempt++) {
      rec.note(`GET /v1/agents/${AGENT}: ${listed.text}; trying again (${attempt} of 3)`);
      listed = await call(`${d.baseUrl}/v1/agents/${AGENT}`, { timeoutMs: 15_000 });
    }
    checks.push({
      name: `seeded: \`GET /v1/agents/${AGENT}\` answers`,
      expected: "200",
      observed: String(listed.status),
      ok: listed.status === 200,
    });
    if (listed.status !== 200) throw new Error(`${AGENT} is not listed after the seed: HTTP ${listed.status} ${listed.text.slice(0, 200)}`);

    const s = await setUp(d, gh, cfg);
    const customers = s.customers;
    const violations = customers.reduce((a, c) => a + c.change.violations.length, 0);
    progress(
      `${customers.length} customers signed up, hired ${AGENT} and connected a repository (${violations} violations in their pull requests)`,
    );

    // Warm-up, not measured: every hire's agent starts and takes a task.
    const warm = (await floorPass(d, cfg, customers, "warm-up", rec, progress)).pass;
    progress(`warm-up: ${warm.done} of ${warm.tasks} tasks done`);
    const log = new LogScanner(d.logFile);
    const floor: FloorPass[] = [];
    const floorSamples: number[] = [];
    const runFloor = async (when: string) => {
      const f = await floorPass(d as WaooawDriver, cfg, customers, when, rec, progress);
      floor.push(f.pass);
      floorSamples.push(...f.samples);
      progress(
        `floor (${when}): ${f.pass.done} of ${f.pass.tasks} tasks done, p50 ${f.pass.toDone.p50Ms} ms, p99 ${f.pass.toDone.p99Ms} ms`,
      );
    };
    await runFloor("before");
    const earlier = new Set<string>();
    const rounds: WebhookRound[] = [];
    const webhookSamples: number[] = [];
    const prSamples: number[] = [];
    const pushSamples: number[] = [];
    let issuesFromPulls = -1;
    for (const action of ROUNDS) {
      if (action === "push") {
        // Before any push: the pull requests got their reviews and filed nothing.
        const states = await Promise.all(customers.map((c) => (gh as LocalGithub).state(c.repository)));
        issuesFromPulls = states.reduce((a, st) => a + st.issues.length, 0);
        if (issuesFromPulls > 0) rec.note(`after the pull request rounds: ${issuesFromPulls} issue(s) on GitHub, expected none`);
      }
      const { round: r, samples } = await webhookRound(d, cfg, customers, action, earlier, rec, progress);
      rounds.push(r);
      webhookSamples.push(...samples);
      (r.event === "push" ? pushSamples : prSamples).push(...samples);
      progress(`${action}: ${r.posted} of ${r.webhooks} webhooks' outputs out, p50 ${r.toPosted.p50Ms} ms, p99 ${r.toPosted.p99Ms} ms`);
    }
    await runFloor("after");
    const p = await probe(d, cfg, customers, earlier, rec);
    progress(
      `probe, one at a time: ${p.figures.floor.n} tasks p50 ${p.figures.floor.p50Ms} ms, ${p.figures.webhook.n} webhooks p50 ${p.figures.webhook.p50Ms} ms`,
    );
    const logText = log.readNew();

    const repos = await checkRepositories(d, gh, cfg, customers, ROUNDS, p.probed, rec);
    /** A check that holds for every repository. */
    const everyRepository = (name: string, observed: number): Check => ({
      name,
      expected: String(repos.repositories),
      observed: String(observed),
      ok: observed === repos.repositories,
    });
    for (const r of rounds)
      checks.push(
        {
          name: `\`${r.action}\`: webhooks answered 202 with an event id`,
          expected: String(r.webhooks),
          observed: String(r.accepted),
          ok: r.accepted === r.webhooks,
        },
        {
          name: `\`${r.action}\`: webhooks whose outputs were all out (GitHub's posted${r.event === "push" ? ", the report recorded" : ""})`,
          expected: String(r.webhooks),
          observed: `${r.posted}${
            Object.keys(r.notPosted).length
              ? ` (not: ${Object.entries(r.notPosted)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(", ")})`
              : ""
          }`,
          ok: r.posted === r.webhooks,
        },
        r.event === "push"
          ? {
              name: `\`${r.action}\`: outputs recorded (an issue per violation, a report per push)`,
              expected: `issue ${violations}, document ${r.webhooks}`,
              observed: kindCounts(r.outputs),
              ok:
                (r.outputs["issue"] ?? 0) === violations &&
                (r.outputs["document"] ?? 0) === r.webhooks &&
                Object.keys(r.outputs).length <= (violations > 0 ? 2 : 1),
            }
          : {
              name: `\`${r.action}\`: outputs recorded (a review per pull request, no issue)`,
              expected: `review ${r.webhooks}`,
              observed: kindCounts(r.outputs),
              ok: (r.outputs["review"] ?? 0) === r.webhooks && Object.keys(r.outputs).length === 1,
            },
      );
    checks.push(
      {
        name: "GitHub, after the pull request rounds (before any push): issues filed",
        expected: "0",
        observed: String(issuesFromPulls),
        ok: issuesFromPulls === 0,
      },
      everyRepository("GitHub, after the pushes: repositories whose issues are exactly one per violation", repos.issuesExact),
      everyRepository("GitHub: repositories where each violation's issue was created once (updated by the second push)", repos.createdOnce),
      everyRepository(
        "GitHub: pull requests with exactly one comment (WowVision's review), created once (updated by `synchronize` and the probe)",
        repos.oneReview,
      ),
      everyRepository(
        "customers' own `GET /v1/outputs`: their repository's outputs only, GitHub's all posted, reports kept",
        repos.ownOutputs,
      ),
      {
        name: "probe: tasks done and webhooks' outputs posted, one at a time",
        expected: `${p.figures.customers} and ${p.figures.customers}`,
        observed: `${p.figures.floor.n} and ${p.figures.webhook.n}`,
        ok: p.figures.floor.n === p.figures.customers && p.figures.webhook.n === p.figures.customers,
      },
      ...floor.map((f) => ({
        name: `floor (${f.when}): vision-check tasks \`done\``,
        expected: String(f.tasks),
        observed: `${f.done} (${Object.entries(f.statuses)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")})`,
        ok: f.done === f.tasks,
      })),
    );
    const webhooks = percentiles(webhookSamples);
    const floorTasks = percentiles(floorSamples);
    const over = (a: number | null, b: number | null) => (a !== null && b ? a / b : null);
    const against = (w: Percentiles) => ({
      webhooks: w,
      ratio: { p50: over(w.p50Ms, floorTasks.p50Ms), p99: over(w.p99Ms, floorTasks.p99Ms) },
    });
    const broken =
      rounds.reduce((a, r) => a + (r.webhooks - r.posted), 0) +
      // Issues a pull request filed (or the check not made).
      (issuesFromPulls < 0 ? 1 : issuesFromPulls) +
      (repos.repositories - repos.issuesExact) +
      (repos.repositories - repos.createdOnce) +
      (repos.repositories - repos.oneReview) +
      (p.figures.customers - p.figures.webhook.n);
    return {
      status: "ok",
      config: cfg,
      setup: {
        customers: customers.length,
        repositories: customers.length,
        violations,
        signupMs: s.signupMs,
        hireMs: s.hireMs,
        connectMs: s.connectMs,
        seeded,
      },
      rounds,
      floor,
      webhooks,
      floorTasks,
      ratio: { p50: over(webhooks.p50Ms, floorTasks.p50Ms), p99: over(webhooks.p99Ms, floorTasks.p99Ms) },
      byEvent: { pull_request: against(percentiles(prSamples)), push: against(percentiles(pushSamples)) },
      probe: p.figures,
      probeRatio: { p50: over(p.figures.webhook.p50Ms, p.figures.floor.p50Ms), p99: over(p.figures.webhook.p99Ms, p.figures.floor.p99Ms) },
      githubHits: repos.hits,
      checks,
      broken,
      problems: rec.problems,
      problemCount: rec.count,
      logIssues: { ...logIssues(logText), sqliteNomem: (logText.match(/SQLITE_NOMEM/g) ?? []).length },
      loadAvgAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
  } finally {
    await d?.stop();
    await gh?.stop();
  }
}

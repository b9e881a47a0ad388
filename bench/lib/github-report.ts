/** Load G's figures (GitHub in, outputs out: webhook → WowVision Prime → a review per pull request, issues per push to the default branch) and its markdown section. */
import type { GithubLoadConfig } from "./github";
import type { Check, Percentiles } from "./organisation-report";

export interface WebhookRound {
  /**
   * `opened`, then `synchronize` (the same files pushed again: the review must update, not be
   * added), then `push` and `push again` to the default branch (the same files: an issue per
   * violation, then the same issues updated).
   */
  action: string;
  /** The webhook's event: `pull_request` or `push`. */
  event: "pull_request" | "push";
  webhooks: number;
  /** Answered 202 with an event id. */
  accepted: number;
  /** Webhooks whose outputs were all out: every GitHub one (issue, review) `posted`, and a push's report recorded. */
  posted: number;
  /** Webhooks whose outputs ended otherwise (some `failed` or still `stored`), or that made none, by what happened. */
  notPosted: Record<string, number>;
  /** First webhook posted (the bench's clock) → last output posted (its postedAt, the Worker's clock; the same machine). */
  windowMs: number;
  webhooksPerSec: number | null;
  /** Webhook POST sent → the last of its GitHub outputs `posted` (its postedAt); a clean push, which posts nothing, → its report recorded. */
  toPosted: Percentiles;
  /** Webhook POST sent → its outputs recorded (their createdAt: the decision rolled up). */
  toRecorded: Percentiles;
  /** Outputs recorded → the last one posted: the GitHub channel's share (webhooks with something to post). */
  recordedToPosted: Percentiles;
  /** Client-side time of `POST /v1/webhooks/github` (signature, delivery record, ingest) to its 202. */
  accept: Percentiles;
  /** Time to get every webhook answered. */
  postMs: number;
  /** Outputs of the round by kind (review; issue, document). */
  outputs: Record<string, number>;
  peakRssMb: number;
}

export interface FloorPass {
  /** `before` the webhooks or `after` them. */
  when: string;
  tasks: number;
  done: number;
  statuses: Record<string, number>;
  windowMs: number;
  tasksPerSec: number | null;
  /** Task POST sent → task finishedAt (the decision visible). */
  toDone: Percentiles;
  accept: Percentiles;
  postMs: number;
}

/** One at a time: a floor task, then a webhook, per customer, each waited for (polled every 50 ms) before the next. */
export interface ProbeFigures {
  customers: number;
  /** Task POST sent → finishedAt. */
  floor: Percentiles;
  /** Webhook POST sent → the last output's postedAt. */
  webhook: Percentiles;
  /** Webhook POST sent → its outputs recorded. */
  toRecorded: Percentiles;
}

export interface GithubResult {
  status: "ok";
  config: GithubLoadConfig;
  setup: {
    customers: number;
    repositories: number;
    /** Violations the changes carry, over all repositories (one issue each once pushed to the default branch). */
    violations: number;
    signupMs: number;
    hireMs: number;
    connectMs: number;
    seeded: string[];
  };
  rounds: WebhookRound[];
  floor: FloorPass[];
  /** Every round's webhooks, pooled. */
  webhooks: Percentiles;
  /** Every floor pass's tasks, pooled. */
  floorTasks: Percentiles;
  /** Webhook → outputs posted ÷ floor task → done, p50 over p50 and p99 over p99 (pooled). */
  ratio: { p50: number | null; p99: number | null };
  /** The same, per event: the `pull_request` rounds pooled, the `push` rounds pooled (against the pooled floor). */
  byEvent: Record<"pull_request" | "push", { webhooks: Percentiles; ratio: { p50: number | null; p99: number | null } }>;
  probe: ProbeFigures;
  /** The probe's webhook ÷ its floor, p50 over p50 and p99 over p99. */
  probeRatio: { p50: number | null; p99: number | null };
  /** GitHub REST requests the platform made, summed over the repositories, by endpoint. */
  githubHits: Record<string, number>;
  checks: Check[];
  /** What breaks the target: webhooks not out, issues from pull requests, repositories with a duplicate or a missing issue or review. */
  broken: number;
  problems: string[];
  problemCount: number;
  logIssues: { errors: number; warnings: number; samples: string[]; sqliteNomem: number };
  loadAvgAtEnd: number;
}

export type GithubOutcome = GithubResult | { status: "skipped" | "failed"; message: string };

/** What breaks G's target, or null when it did not run to the end. */
export function brokenOutputs(g: GithubOutcome | undefined): number | null {
  return g?.status === "ok" ? g.broken : null;
}

const n = (x: number) => x.toLocaleString("en-US");
const ms = (x: number | null) => (x === null ? "–" : x < 10 ? x.toFixed(2) : x.toFixed(1));
const rate = (x: number | null) => (x === null ? "–" : x < 100 ? x.toFixed(1) : n(Math.round(x)));
const pc = (p: Percentiles) => `${ms(p.p50Ms)} / ${ms(p.p99Ms)}`;
const ratio = (x: number | null) => (x === null ? "–" : `${x.toFixed(2)}×`);
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(", ") || "none";

export function githubMarkdown(g: GithubOutcome): string[] {
  const lines = ["", "## Load G — GitHub in, outputs out (webhook → WowVision Prime → a review per pull request, issues per push)", ""];
  if (g.status !== "ok") return [...lines, `Load G ${g.status}: ${g.message}`];
  const c = g.config;
  const s = g.setup;
  const perWebhook = (k: string) => {
    const total = g.rounds.reduce((a, r) => a + r.webhooks, 0) + g.probe.webhook.n;
    return total ? ((g.githubHits[k] ?? 0) / total).toFixed(2) : "–";
  };
  lines.push(
    `One platform session with \`GITHUB_API_URL\` pointing at the local GitHub REST server (its own process), the catalogue seeded. ` +
      `${n(s.customers)} customers each hire WowVision Prime and connect their own repository (a token the server accepts, vision rules: private and AWS keys, banned brand words, README.md required), ` +
      `whose pull request changes 2–4 files: ${n(s.violations)} violations over the ${n(s.repositories)} repositories (a committed private key and a banned word in the docs, a banned word, or none; a banned word in a code comment is not one). ` +
      `Signed \`pull_request\` webhooks, \`opened\` then \`synchronize\` (the same files again): each gets one review comment listing its violations, and no issue. ` +
      `Then two signed \`push\` webhooks to the default branch (GitHub's example push, rewritten: \`ref\` \`refs/heads/main\`, \`repository.default_branch\` \`main\`, \`before\`/\`after\` whose compare the server holds with the pull request's files): the first files an issue per violation, the second finds them again and updates them; each push also records its report, a document kept on the platform. ` +
      `${c.concurrency} in flight; a webhook is done when every GitHub output its decision recorded (issue, review) is \`posted\` (\`postedAt\`, read through \`GET /v1/admin/outputs\`); a clean push, which posts nothing, when its report is recorded (\`createdAt\`).`,
    "",
    "| Round | Webhooks | 202 | all out | webhooks/s | webhook → posted p50 / p99 ms | max ms | → recorded p50 / p99 | recorded → posted p50 / p99 | 202 p50 / p99 | outputs | window s | posting s | peak RSS MB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ...g.rounds.map(
      (r) =>
        `| \`${r.event}\` ${r.action.replace(/^push ?/, "")}`.trimEnd() +
        ` | ${n(r.webhooks)} | ${n(r.accepted)} | ${r.posted === r.webhooks ? n(r.posted) : `**${n(r.posted)}**`} | **${rate(r.webhooksPerSec)}** | **${pc(r.toPosted)}** | ${ms(r.toPosted.maxMs)} | ${pc(r.toRecorded)} | ${pc(r.recordedToPosted)} | ${pc(r.accept)} | ${counts(r.outputs)} | ${(r.windowMs / 1000).toFixed(2)} | ${(r.postMs / 1000).toFixed(2)} | ${n(r.peakRssMb)} |`,
    ),
    "",
    `The floor, same session, same customers, same concurrency: a \`vision-check\` task with the same files (their contents after the change) and rules to each customer's WowVision hire (\`POST /v1/hires/{id}/tasks\`), decided by the same agent's rule running \`vision.check-files\`; done when the task is \`done\` (its \`finishedAt\`). One unmeasured warm-up task per customer first; a pass before the webhooks and one after.`,
    "",
    "| Floor pass | Tasks | Done | tasks/s | task POST → done p50 / p99 ms | max ms | 202 p50 / p99 | window s | posting s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...g.floor.map(
      (f) =>
        `| ${f.when} | ${n(f.tasks)} | ${f.done === f.tasks ? n(f.done) : `**${n(f.done)}**`} | ${rate(f.tasksPerSec)} | ${pc(f.toDone)} | ${ms(f.toDone.maxMs)} | ${pc(f.accept)} | ${(f.windowMs / 1000).toFixed(2)} | ${(f.postMs / 1000).toFixed(2)} |`,
    ),
    "",
    `**Webhook → outputs posted ÷ floor (pooled over the rounds and the passes): p50 ${ratio(g.ratio.p50)} (${pc(g.webhooks)} ms against ${pc(g.floorTasks)} ms), p99 ${ratio(g.ratio.p99)}; ` +
      `the pull request rounds ${pc(g.byEvent.pull_request.webhooks)} ms (${ratio(g.byEvent.pull_request.ratio.p50)} / ${ratio(g.byEvent.pull_request.ratio.p99)}), the pushes ${pc(g.byEvent.push.webhooks)} ms (${ratio(g.byEvent.push.ratio.p50)} / ${ratio(g.byEvent.push.ratio.p99)}).** ` +
      `GitHub requests the platform made per webhook (the rounds and the probe): ${perWebhook("pulls.files")} pull request file reads, ${perWebhook("compare")} compares, ${perWebhook("issues.create")} issues created, ${perWebhook("issues.update")} updated, ${perWebhook("issues.list")} issue searches, ${perWebhook("comments.create")} comments created, ${perWebhook("comments.update")} updated, ${perWebhook("comments.list")} comment searches (totals: ${counts(g.githubHits)}).`,
    "",
    `One at a time (no queueing behind the others: for each of ${n(g.probe.customers)} customers a floor task, then a \`synchronize\` webhook, each waited for before the next, polled every 50 ms): ` +
      `webhook → posted p50 / p99 **${pc(g.probe.webhook)} ms** (→ recorded ${pc(g.probe.toRecorded)}), task → done ${pc(g.probe.floor)} ms: **${ratio(g.probeRatio.p50)}** at p50, ${ratio(g.probeRatio.p99)} at p99.`,
    "",
    "| Check | Expected | Observed | Result |",
    "|---|---|---|---|",
    ...g.checks.map((k) => `| ${k.name} | ${k.expected} | ${k.observed} | ${k.ok ? "ok" : "**FAIL**"} |`),
    "",
    `Setup: sign-ups ${(s.signupMs / 1000).toFixed(1)} s, hires ${(s.hireMs / 1000).toFixed(1)} s, repositories connected ${(s.connectMs / 1000).toFixed(1)} s. Seeded: ${s.seeded.join(", ") || "–"}. Worker log: ${n(g.logIssues.errors)} errors, ${n(g.logIssues.warnings)} warnings, ${n(g.logIssues.sqliteNomem)} SQLITE_NOMEM; load average at the end ${g.loadAvgAtEnd.toFixed(2)}.`,
  );
  if (g.problems.length)
    lines.push(
      "",
      `Problems (${n(g.problemCount)}; first ${g.problems.length}):`,
      ...g.problems.map((x) => `- \`${x.replace(/`/g, "'")}\``),
    );
  if (g.logIssues.samples.length)
    lines.push(
      "",
      "Worker log lines (most frequent first, digits as #):",
      ...g.logIssues.samples.map((x) => `- \`${x.replace(/`/g, "'")}\``),
    );
  lines.push(
    "",
    "Notes on G:",
    "- What the ratio contains, beyond the floor's path (the task's and its event's records, the wake queue, the agent's wake, the rule running the same vision checks, the decision rolled up in the consumer's batch): the webhook's signature check (the repository looked up by name, HMAC-SHA256 of the raw body with its secret), its delivery record; then, because the agent must read the change before deciding, the event is deferred to the agent's alarm (like a model call in load D) where the enricher reads the change from GitHub with the repository's token (one round trip: a pull request's files and patches, or a push's compare `before...after`), the decision and its outputs (a pull request's review; a push's issue per violation and its report) are written to D1 from the agent (its own transaction, not the consumer's), and the GitHub outputs are posted right after it commits, with a second set of round trips (per output: its thread's lease, then create, with a search for an orphan carrying the key's marker first only when an earlier create may have landed unrecorded; later, update the issue or comment the thread recorded). A push's report is a document kept on the platform: nothing to post.",
    "- Both latencies start when the bench sends the POST (its clock) and end at a record's own timestamp (the Worker's clock, the same machine): the floor's at the task's `finishedAt`, the webhook's at the last GitHub output's `postedAt` (a clean push's at its report's `createdAt`). Polling only decides when the bench stops waiting, not the figure.",
    "- The GitHub round trips run in the agent's alarm, so they never hold a queue batch up, only that agent's next event. The local GitHub server (its own Node process) answers at once; github.com adds its own latency to every round trip counted above. The one-at-a-time figures include the queue's batch timeout (0.2 s locally) on both sides.",
    "- `synchronize` pushes the same files again: the review comment must be edited, not added, and no pull request round may file an issue (checked on the server before the first push: none). The second push finds the same violations on the default branch: their issues must be updated, not filed again (checked on the server after the rounds: one issue per violation, each created once, one comment per pull request).",
    "- Timestamps are workerd's `Date.now()`, which advances only across I/O.",
  );
  return lines;
}

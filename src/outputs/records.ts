import type { FieldCipher } from "../crypto/field-cipher";
import { jsonChunks } from "../db/json-rows";
import { parseWorkSubject } from "../organisation/subjects";
import type { Decision, Publication, WakeResult } from "../schemas/decision";
import { sealOutputTexts } from "./output-content";
import { outputId, threadTarget } from "./output-ids";

/** Why an output without a channel is not posted anywhere. */
export const KEPT_ON_PLATFORM = "kept on the platform";

/** One output a decision asks for, as the SQL below reads it (short keys: many ride in one parameter). */
interface OutputRow {
  id: string;
  o: string; // origin: the decision id
  i: string; // the agent
  e: string; // the event it decided
  t: string | null; // the task its subject names (a handoff), checked against the customer in SQL
  k: Publication["kind"];
  key: string;
  /** The title in plain (the thread's label, kept plain), and the title and body as the output stores them (sealed). */
  ti: string;
  st: string;
  b: string;
  s: string | null;
  tg: string | null; // target as JSON, for the github channel
  tk: string; // the thread's target: `github:<owner/name lower>` or `none`
  ch: "github" | "none";
  /** 1: the decision's deliverable, kept only when the event was customer work (a task was found). */
  dl: 0 | 1;
  /** Before the task's title, for a deliverable: "Reply: " when it answers the customer's message on the task. */
  tp: string;
  at: number;
}

/** The closing output of one thread, its text sealed ahead of the transaction (see INSERT_CLOSINGS). */
interface Closing {
  key: string;
  /** The thread's title it was written from: a thread renamed meanwhile falls back to the SQL text. */
  t: string;
  st: string;
  sb: string;
}

/** A `resolves` of one publication: the open threads it closes. */
interface ResolveRow {
  o: string;
  i: string;
  e: string;
  t: string | null;
  tk: string;
  kp: string;
  subs: string[];
  /** Keys this decision published on the same target: found again, so not fixed. */
  keys: string[];
  ts: string;
  at: number;
  /** Its index among the roll-up's resolves, and the closings sealed for it. */
  n: number;
  cl: Closing[];
}

/**
 * The agent's customer, its hire and the customer task the event belongs to, for rows `v` with
 * the agent `i`, the event `e` and the task `t` its subject names. A task is found by the event
 * that carried it (a customer's task) or by the handoff's subject, and only when it is the
 * agent's own customer's: a subject never reaches another customer's task.
 */
const withContext = (rows: string) => `v AS (${rows}),
  w AS (SELECT v.*, ai.customer_id AS c,
      (SELECT h.id FROM hires h WHERE h.customer_id = ai.customer_id AND h.instance_id = v.i ORDER BY h.started_at DESC LIMIT 1) AS hire,
      COALESCE((SELECT x.id FROM tasks x WHERE x.event_id = v.e AND x.instance_id = v.i AND x.customer_id = ai.customer_id),
               (SELECT x.id FROM tasks x WHERE x.id = v.t AND x.customer_id = ai.customer_id)) AS task
    FROM v JOIN agent_instances ai ON ai.id = v.i WHERE ai.customer_id IS NOT NULL)`;

const OUTPUT_ROWS = `SELECT value->>'id' AS id, value->>'o' AS o, value->>'i' AS i, value->>'e' AS e, value->>'t' AS t, value->>'k' AS k,
  value->>'key' AS key, value->>'ti' AS ti, value->>'b' AS b, value->>'s' AS s, value->>'tg' AS tg, value->>'tk' AS tk,
  value->>'ch' AS ch, value->>'dl' AS dl, value->>'tp' AS tp, value->>'at' AS at, value->>'st' AS st FROM json_each(?1)`;

// The title of each deliverable's task, read before the roll-up so its output's title can be sealed.
const DELIVERABLE_TASKS = `WITH ${withContext(OUTPUT_ROWS)} SELECT w.id AS id, (SELECT x.title FROM tasks x WHERE x.id = w.task) AS title FROM w`;

// (origin, key) is unique: a decision rolled up twice records its outputs once. Title and body
// come sealed (a deliverable's title is its task's, see titledDeliverables).
const INSERT_OUTPUTS = `WITH ${withContext(OUTPUT_ROWS)}
  INSERT INTO outputs (id, customer_id, instance_id, hire_id, task_id, decision_id, origin, kind, channel, target, key, subject, state,
    title, body, status, status_reason, attempts, next_attempt_at, created_at, updated_at)
  SELECT w.id, w.c, w.i, w.hire, w.task, w.o, w.o, w.k, w.ch, w.tg, w.key, w.s, 'open', w.st, w.b, 'stored', CASE WHEN w.ch = 'none' THEN '${KEPT_ON_PLATFORM}' END, 0, CASE WHEN w.ch = 'github' THEN w.at END, w.at, w.at
  FROM w WHERE w.dl = 0 OR w.task IS NOT NULL
  ON CONFLICT (origin, key) DO NOTHING`;

// A key published again reopens and renames its thread; an older decision rolled up late
// (a redelivery) never undoes what a newer one did, hence the time guard.
const UPSERT_THREADS = `WITH ${withContext(OUTPUT_ROWS)}
  INSERT INTO output_threads (customer_id, target, key, subject, kind, title, state, opened_at, updated_at)
  SELECT w.c, w.tk, w.key, w.s, w.k, w.ti, 'open', w.at, w.at FROM w WHERE w.dl = 0
  ON CONFLICT (customer_id, target, key) DO UPDATE SET
    title = excluded.title, subject = excluded.subject, state = 'open', closed_at = NULL, updated_at = excluded.updated_at
  WHERE excluded.updated_at >= output_threads.updated_at`;

const RESOLVE_ROWS = `SELECT value->>'o' AS o, value->>'i' AS i, value->>'e' AS e, value->>'t' AS t, value->>'tk' AS tk, value->>'kp' AS kp,
  value->'subs' AS subs, value->'keys' AS keys, value->>'ts' AS ts, value->>'at' AS at, value->>'n' AS n, value->'cl' AS cl FROM json_each(?1)`;

/** The open threads a resolve closes: same customer and target, under the prefix, about a subject it covers, not published again. */
const CLOSED_BY = `FROM w JOIN output_threads th ON th.customer_id = w.c AND th.target = w.tk AND th.state = 'open'
    AND substr(th.key, 1, length(w.kp)) = w.kp AND th.updated_at <= w.at
    AND th.subject IN (SELECT value FROM json_each(w.subs)) AND th.key NOT IN (SELECT value FROM json_each(w.keys))`;

/** The text of the output that closes a thread (the same in TypeScript and in the SQL fallback below). */
export const closingBody = (title: string, subject: string) => `Fixed: ${title}\n\nNo longer found in \`${subject}\` by the latest check.`;

// The threads each resolve closes, read before the roll-up so their closing outputs' text can be sealed.
const CLOSINGS = `WITH ${withContext(RESOLVE_ROWS)} SELECT w.n AS n, th.key AS key, th.title AS title, th.subject AS subject ${CLOSED_BY}`;

// The closing output's id is random: its (origin, key) is what makes it once. Its text is the
// one sealed for that thread (`w.cl`); a thread that came to close, or was renamed, after it was
// read gets the text in plain, for the re-encryption pass to seal (as a value nobody prepared).
const CLOSING_TEXT = (field: "st" | "sb") =>
  `(SELECT p.value->>'${field}' FROM json_each(w.cl) p WHERE p.value->>'key' = th.key AND p.value->>'t' = th.title)`;
const INSERT_CLOSINGS = `WITH ${withContext(RESOLVE_ROWS)}
  INSERT INTO outputs (id, customer_id, instance_id, hire_id, task_id, decision_id, origin, kind, channel, target, key, subject, state,
    title, body, status, status_reason, attempts, next_attempt_at, created_at, updated_at)
  SELECT 'out_' || w.ts || lower(hex(randomblob(8))), w.c, w.i, w.hire, w.task, w.o, w.o, th.kind,
    CASE WHEN th.target = 'none' THEN 'none' ELSE 'github' END,
    CASE WHEN th.target = 'none' THEN NULL ELSE json_object('repository', substr(th.target, 8)) END,
    th.key, th.subject, 'closed', COALESCE(${CLOSING_TEXT("st")}, th.title),
    COALESCE(${CLOSING_TEXT("sb")},
      'Fixed: ' || th.title || char(10) || char(10) || 'No longer found in ' || char(96) || th.subject || char(96) || ' by the latest check.'),
    'stored', CASE WHEN th.target = 'none' THEN '${KEPT_ON_PLATFORM}' END, 0, CASE WHEN th.target != 'none' THEN w.at END, w.at, w.at
  ${CLOSED_BY} WHERE true
  ON CONFLICT (origin, key) DO NOTHING`;

// After the closing outputs: the threads they close, once each.
const CLOSE_THREADS = `WITH ${withContext(RESOLVE_ROWS)}
  UPDATE output_threads SET state = 'closed', closed_at = z.at, updated_at = z.at
  FROM (SELECT th.customer_id AS c, th.target AS tk, th.key AS key, MIN(w.at) AS at ${CLOSED_BY} GROUP BY 1, 2, 3) z
  WHERE output_threads.customer_id = z.c AND output_threads.target = z.tk AND output_threads.key = z.key`;

/** A decided result's decision, once per decision (a batch may carry a decision and its duplicate). */
function decisionsOf(results: readonly WakeResult[]): { result: WakeResult; decision: Decision }[] {
  const seen = new Map<string, { result: WakeResult; decision: Decision }>();
  for (const result of results) {
    const decision = result.decision;
    if (result.outcome !== "decided" || !decision || seen.has(decision.id)) continue;
    seen.set(decision.id, { result, decision });
  }
  return [...seen.values()];
}

/** An output row before its text is sealed: `b` is still plain. */
type PlainOutputRow = Omit<OutputRow, "st">;

function outputRows(result: WakeResult, d: Decision): PlainOutputRow[] {
  const base = {
    o: d.id,
    i: result.instanceId,
    e: result.eventId,
    t: parseWorkSubject(result.eventSubject)?.taskId ?? null,
    at: result.recordedAt,
  };
  const rows = (d.publications ?? []).map((p): PlainOutputRow => {
    const repository = p.target?.repository;
    return {
      ...base,
      id: outputId(d.decidedAt, d.id, p.key),
      k: p.kind,
      key: p.key,
      ti: p.title,
      b: p.body,
      s: p.subject ?? null,
      tg: repository ? JSON.stringify({ repository, ...(p.target?.number ? { number: p.target.number } : {}) }) : null,
      tk: threadTarget(repository),
      // A document is read here even when it is about a repository (WowVision's report of a push).
      ch: repository && p.kind !== "document" ? "github" : "none",
      dl: 0,
      tp: "",
    };
  });
  // Skills' deliverables on customer work become documents, unless the skill published its own.
  if (d.output && !rows.some((r) => r.k === "document")) {
    const key = `deliverable:${d.id}`;
    rows.push({
      ...base,
      id: outputId(d.decidedAt, d.id, key),
      k: "document",
      key,
      ti: d.reason.slice(0, 256) || "Deliverable",
      b: d.output.slice(0, 60_000),
      s: null,
      tg: null,
      tk: "none",
      ch: "none",
      dl: 1,
      tp: result.eventType === "customer.message" ? "Reply: " : "",
    });
  }
  return rows;
}

function resolveRows(result: WakeResult, d: Decision): Omit<ResolveRow, "n" | "cl">[] {
  const published = d.publications ?? [];
  return published.flatMap((p) => {
    if (!p.resolves) return [];
    const tk = threadTarget(p.target?.repository);
    return [
      {
        o: d.id,
        i: result.instanceId,
        e: result.eventId,
        t: parseWorkSubject(result.eventSubject)?.taskId ?? null,
        tk,
        kp: p.resolves.keyPrefix,
        subs: p.resolves.subjects,
        keys: published.filter((q) => threadTarget(q.target?.repository) === tk).map((q) => q.key),
        ts: d.decidedAt.toString(36).padStart(9, "0"),
        at: result.recordedAt,
      },
    ];
  });
}

/** What a roll-up writes for outputs, and the decisions whose GitHub outputs to post after commit. */
export interface OutputWrites {
  statements: D1PreparedStatement[];
  /** Decisions that recorded (or may have recorded) outputs for the GitHub channel. */
  postable: string[];
}

/** SQLite's substr counts characters (code points), not UTF-16 units. */
const firstChars = (text: string, n: number) => Array.from(text).slice(0, n).join("");

/**
 * Deliverables take their task's title (a reply to the customer's message on it says so), read in
 * one query for the roll-up; one whose task is not found keeps the decision's reason (and is not
 * recorded: INSERT_OUTPUTS wants its task).
 */
async function titledDeliverables(d1: D1Database, rows: PlainOutputRow[]): Promise<PlainOutputRow[]> {
  const deliverables = rows.filter((r) => r.dl === 1);
  if (deliverables.length === 0) return rows;
  const titles = new Map<string, string>();
  for (const json of jsonChunks(deliverables.map((r) => ({ ...r, b: "" })))) {
    const { results } = await d1.prepare(DELIVERABLE_TASKS).bind(json).all<{ id: string; title: string | null }>();
    for (const r of results) if (r.title !== null) titles.set(r.id, r.title);
  }
  return rows.map((r) => {
    const title = r.dl === 1 ? titles.get(r.id) : undefined;
    return title === undefined ? r : { ...r, ti: firstChars(r.tp + title, 256) };
  });
}

/** The threads each resolve closes, with their closing output's text sealed (one query, one Promise.all). */
async function sealedClosings(d1: D1Database, cipher: FieldCipher, resolves: ResolveRow[]): Promise<ResolveRow[]> {
  if (resolves.length === 0 || !cipher.enabled) return resolves;
  const found: { n: number; key: string; title: string; subject: string }[] = [];
  for (const json of jsonChunks(resolves)) {
    const { results } = await d1.prepare(CLOSINGS).bind(json).all<{ n: number; key: string; title: string; subject: string }>();
    found.push(...results);
  }
  const sealed = await sealOutputTexts(
    cipher,
    found.map((f) => ({ title: f.title, body: closingBody(f.title, f.subject) })),
  );
  const byResolve = new Map<number, Closing[]>();
  found.forEach((f, i) => {
    const s = sealed[i];
    if (!s) return;
    const list = byResolve.get(Number(f.n)) ?? [];
    list.push({ key: f.key, t: f.title, st: s.title, sb: s.body });
    byResolve.set(Number(f.n), list);
  });
  return resolves.map((r) => ({ ...r, cl: byResolve.get(r.n) ?? [] }));
}

/**
 * The outputs of a roll-up's decisions, set-based, for the core's transaction: each publication
 * an output (and its thread opened or updated), each deliverable on customer work a document,
 * each `resolves` a closing output per open thread no longer found (and the thread closed).
 * Idempotent: (origin, key) makes each output once, and a thread only moves forward in time.
 * Titles and bodies are sealed first (src/outputs/output-content.ts): a deliverable's task
 * title and the threads a resolve closes are read before the transaction for that.
 */
export async function outputStatements(d1: D1Database, results: readonly WakeResult[], cipher: FieldCipher): Promise<OutputWrites> {
  const decided = decisionsOf(results);
  const plain = await titledDeliverables(
    d1,
    decided.flatMap(({ result, decision }) => outputRows(result, decision)),
  );
  const sealed = await sealOutputTexts(
    cipher,
    plain.map((r) => ({ title: r.ti, body: r.b })),
  );
  const outputs: OutputRow[] = plain.map((r, i) => ({ ...r, st: sealed[i]?.title ?? r.ti, b: sealed[i]?.body ?? r.b }));
  const resolves = await sealedClosings(
    d1,
    cipher,
    decided.flatMap(({ result, decision }) => resolveRows(result, decision)).map((r, n) => ({ ...r, n, cl: [] })),
  );
  const statements = [
    ...jsonChunks(outputs).flatMap((json) => [d1.prepare(INSERT_OUTPUTS).bind(json), d1.prepare(UPSERT_THREADS).bind(json)]),
    ...jsonChunks(resolves).flatMap((json) => [d1.prepare(INSERT_CLOSINGS).bind(json), d1.prepare(CLOSE_THREADS).bind(json)]),
  ];
  const postable = new Set([
    ...outputs.filter((r) => r.ch === "github").map((r) => r.o),
    ...resolves.filter((r) => r.tk !== "none").map((r) => r.o),
  ]);
  return { statements, postable: [...postable] };
}

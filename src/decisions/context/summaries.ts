/**
 * Older context compacted into summaries, deterministically: no model is asked (a summary costs
 * nothing and says the same on every run). One digest per period (a UTC day): how many events
 * of each type, how they were decided, the subjects seen most, and the notes, condensed.
 */

export const SUMMARY_PERIOD_MS = 86_400_000;
/** Subjects and notes a digest keeps counts of (the most frequent); it shows fewer. */
const SUBJECTS_KEPT = 50;
const NOTES_KEPT = 20;
const SUBJECTS_SHOWN = 5;
const NOTES_SHOWN = 5;
const NOTE_CHARS = 160;

export interface PeriodDigest {
  /** Start of the period (epoch ms, a multiple of the period). */
  start: number;
  events: number;
  byType: Record<string, number>;
  byAction: Record<string, number>;
  subjects: Record<string, number>;
  /** Notes (clipped) and how often each was written. */
  notes: Record<string, number>;
}

export interface DecidedEvent {
  eventType: string | null;
  subject: string | null;
  action: string;
  decidedAt: number;
}

export interface WrittenNote {
  text: string;
  createdAt: number;
}

export const periodOf = (at: number, periodMs = SUMMARY_PERIOD_MS) => Math.floor(at / periodMs) * periodMs;

export const emptyDigest = (start: number): PeriodDigest => ({ start, events: 0, byType: {}, byAction: {}, subjects: {}, notes: {} });

/**
 * Folds decided events and notes into the digests of their periods (updating `digests` in
 * place, creating missing ones); returns the periods touched. Bounded: a digest keeps the
 * most frequent subjects and notes only.
 */
export function foldIntoDigests(
  digests: Map<number, PeriodDigest>,
  events: readonly DecidedEvent[],
  notes: readonly WrittenNote[],
  periodMs = SUMMARY_PERIOD_MS,
): Set<number> {
  const touched = new Set<number>();
  const digestAt = (at: number) => {
    const start = periodOf(at, periodMs);
    touched.add(start);
    const digest = digests.get(start) ?? emptyDigest(start);
    digests.set(start, digest);
    return digest;
  };
  for (const e of events) {
    const d = digestAt(e.decidedAt);
    d.events++;
    bump(d.byType, e.eventType ?? "unknown");
    bump(d.byAction, e.action);
    if (e.subject) bump(d.subjects, e.subject);
  }
  for (const n of notes) bump(digestAt(n.createdAt).notes, condense(n.text));
  for (const start of touched) {
    const d = digests.get(start);
    if (!d) continue;
    d.subjects = top(d.subjects, SUBJECTS_KEPT);
    d.notes = top(d.notes, NOTES_KEPT);
  }
  return touched;
}

/** A digest as text a model reads in one glance. */
export function renderDigest(d: PeriodDigest, periodMs = SUMMARY_PERIOD_MS): string {
  const day = new Date(d.start).toISOString().slice(0, periodMs === SUMMARY_PERIOD_MS ? 10 : 16);
  const lines = [`- ${day}: ${d.events} event${d.events === 1 ? "" : "s"}${d.events ? ` (${counts(d.byType)})` : ""}`];
  if (d.events) lines.push(`  decided: ${counts(d.byAction)}`);
  const subjects = counts(top(d.subjects, SUBJECTS_SHOWN));
  if (subjects) lines.push(`  seen most: ${subjects}`);
  const notes = Object.entries(top(d.notes, NOTES_SHOWN)).map(([text, n]) => (n > 1 ? `${text} (×${n})` : text));
  if (notes.length) lines.push(`  notes: ${notes.join("; ")}`);
  return lines.join("\n");
}

function bump(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}

/** One line, collapsed whitespace, clipped: the same note always condenses the same way. */
function condense(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= NOTE_CHARS ? line : `${line.slice(0, NOTE_CHARS - 1)}…`;
}

/** The `n` largest counts, ties broken by key, so the result never depends on insertion order. */
function top(counter: Record<string, number>, n: number): Record<string, number> {
  const sorted = Object.entries(counter).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(sorted.slice(0, n));
}

function counts(counter: Record<string, number>): string {
  return Object.entries(top(counter, Number.MAX_SAFE_INTEGER))
    .map(([key, n]) => `${key} ${n}`)
    .join(", ");
}

/**
 * Older context compacted into summaries, deterministically: no model is asked (a summary costs
 * nothing and says the same on every run). Per period (a UTC day): how many events of each
 * type, how they were decided, the subjects seen most, and the notes, condensed. The counting is
 * SQL's (summary-store.ts); this renders the counts as text a model reads at a glance.
 */

export const SUMMARY_PERIOD_MS = 86_400_000;
export const SUBJECTS_SHOWN = 5;
export const NOTES_SHOWN = 5;

/** What a period's counts are of: event types, actions, subjects, notes (condensed to one line). */
export type SummaryDimension = "type" | "action" | "subject" | "note";

export interface SummaryCount {
  periodStart: number;
  dimension: SummaryDimension;
  key: string;
  count: number;
}

/** The periods' summaries, newest first. */
export function renderSummaries(counts: readonly SummaryCount[], periodMs = SUMMARY_PERIOD_MS): string[] {
  const periods = new Map<number, Record<SummaryDimension, Map<string, number>>>();
  for (const c of counts) {
    let period = periods.get(c.periodStart);
    if (!period) {
      period = { type: new Map(), action: new Map(), subject: new Map(), note: new Map() };
      periods.set(c.periodStart, period);
    }
    period[c.dimension].set(c.key, (period[c.dimension].get(c.key) ?? 0) + c.count);
  }
  return [...periods.entries()]
    .sort(([a], [b]) => b - a)
    .map(([start, p]) => {
      const when = new Date(start).toISOString().slice(0, periodMs % SUMMARY_PERIOD_MS === 0 ? 10 : 16);
      const types = ranked(p.type);
      const events = types.reduce((sum, [, n]) => sum + n, 0);
      const lines = [`- ${when}: ${events} event${events === 1 ? "" : "s"}${events ? ` (${listed(types)})` : ""}`];
      if (p.action.size) lines.push(`  decided: ${listed(ranked(p.action))}`);
      if (p.subject.size) lines.push(`  seen most: ${listed(ranked(p.subject).slice(0, SUBJECTS_SHOWN))}`);
      const notes = ranked(p.note)
        .slice(0, NOTES_SHOWN)
        .map(([text, n]) => (n > 1 ? `${text} (×${n})` : text));
      if (notes.length) lines.push(`  notes: ${notes.join("; ")}`);
      return lines.join("\n");
    });
}

/** Largest count first, ties by key: the same counts always read the same. */
function ranked(counts: Map<string, number>): [string, number][] {
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

const listed = (entries: [string, number][]) => entries.map(([key, n]) => `${key} ${n}`).join(", ");

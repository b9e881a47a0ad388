import { z } from "zod";
import { defineSkill } from "../skill";
import { esc, plural, table } from "./lib/format";
import { dateOfDay, dayOfDate, WEEKDAYS, type Weekday, weekdayOfDay } from "./lib/time";

const HORIZON_DAYS = 366; // a year ahead is as far as an editorial calendar plans
const REVIEW_DAYS = 2; // working days an editor needs between draft and publish

const date = z.iso.date({ error: "a date is YYYY-MM-DD" });
const entry = z.object({
  title: z.string(),
  format: z.string().nullable(),
  owner: z.string().nullable(),
  publishOn: z.string(),
  weekday: z.string(),
  draftDue: z.string().nullable(),
  reviewDue: z.string(),
  dueBy: z.string().nullable(),
  daysLate: z.number().int(),
});

/** Plans when each piece is drafted, reviewed and published, on the publishing days, earliest deadline first. */
export const editorialCalendar = defineSkill({
  name: "content.editorial-calendar",
  title: "Editorial calendar: publish, draft and review dates for a list of pieces on a cadence, deadlines first",
  input: z.object({
    // The planning day: work starts here, so the first piece that still needs writing publishes
    // after the lead time.
    start: date,
    publishDays: z.array(z.enum(WEEKDAYS)).min(1, "give at least one publishing day").max(7).default(["tue", "thu"]),
    // Working days from a brief to a finished draft.
    leadDays: z.number().int().min(1).max(60).default(7),
    skipDates: z.array(date).max(100).default([]),
    pieces: z
      .array(
        z.object({
          title: z.string().trim().min(1).max(200),
          format: z.string().trim().min(1).max(50).optional(),
          owner: z.string().trim().min(1).max(100).optional(),
          priority: z.number().int().min(1).max(5).default(3),
          dueBy: date.optional(),
          // Already written: it only needs review.
          ready: z.boolean().default(false),
        }),
      )
      .min(1, "no pieces to plan")
      .max(200),
  }),
  output: z.object({
    entries: z.array(entry),
    unscheduled: z.array(z.string()),
    late: z.number().int(),
    perMonth: z.array(z.object({ month: z.string(), pieces: z.number().int() })),
  }),
  run: (i) => {
    const first = dayOfDate(i.start);
    const skip = new Set(i.skipDates.map(dayOfDate));
    const working = (d: number) => !skip.has(d) && !["sat", "sun"].includes(weekdayOfDay(d));
    /** The working day `n` working days before (negative) or after `d`. */
    const shiftWorking = (d: number, n: number) => {
      let day = d;
      for (let left = Math.abs(n); left > 0; ) {
        day += Math.sign(n);
        if (working(day)) left--;
      }
      return day;
    };
    const days = new Set<Weekday>(i.publishDays);
    const slots: number[] = [];
    for (let d = first; d < first + HORIZON_DAYS; d++) if (days.has(weekdayOfDay(d)) && !skip.has(d)) slots.push(d);
    const earliestFresh = shiftWorking(first, i.leadDays + REVIEW_DAYS);
    const earliestReady = shiftWorking(first, REVIEW_DAYS);
    const taken = new Set<number>();
    const entries: z.input<typeof entry>[] = [];
    const unscheduled: string[] = [];
    type Piece = (typeof i.pieces)[number] & { due: number };
    const slotFor = (p: Piece) => slots.find((d) => d >= (p.ready ? earliestReady : earliestFresh) && !taken.has(d));
    const place = (p: Piece, slot: number | undefined) => {
      if (slot === undefined) {
        unscheduled.push(p.title);
        return;
      }
      taken.add(slot);
      entries.push({
        title: p.title,
        format: p.format ?? null,
        owner: p.owner ?? null,
        publishOn: dateOfDay(slot),
        weekday: weekdayOfDay(slot),
        draftDue: p.ready ? null : dateOfDay(shiftWorking(slot, -REVIEW_DAYS)),
        reviewDue: dateOfDay(shiftWorking(slot, -1)),
        dueBy: p.dueBy ?? null,
        daysLate: Number.isFinite(p.due) ? Math.max(0, slot - p.due) : 0,
      });
    };
    const pieces = i.pieces.map((p, index) => ({ ...p, index, due: p.dueBy ? dayOfDate(p.dueBy) : Number.POSITIVE_INFINITY }));
    const byPriority = (a: (typeof pieces)[number], b: (typeof pieces)[number]) => a.priority - b.priority || a.index - b.index;
    // Deadlines first, earliest first (the order that misses the fewest); a piece that would miss
    // its deadline anyway waits until those that can still make theirs are placed, then goes as
    // soon as it can, before the pieces with no deadline (by priority, then as listed).
    const dated = pieces.filter((p) => Number.isFinite(p.due)).sort((a, b) => a.due - b.due || byPriority(a, b));
    const late: typeof pieces = [];
    for (const p of dated) {
      const slot = slotFor(p);
      if (slot !== undefined && slot > p.due) late.push(p);
      else place(p, slot);
    }
    for (const p of late) place(p, slotFor(p));
    for (const p of pieces.filter((p) => !Number.isFinite(p.due)).sort(byPriority)) place(p, slotFor(p));
    entries.sort((a, b) => (a.publishOn < b.publishOn ? -1 : a.publishOn > b.publishOn ? 1 : 0));
    const months = new Map<string, number>();
    for (const e of entries) months.set(e.publishOn.slice(0, 7), (months.get(e.publishOn.slice(0, 7)) ?? 0) + 1);
    return {
      entries,
      unscheduled,
      late: entries.filter((e) => e.daysLate > 0).length,
      perMonth: [...months.entries()].map(([month, pieces]) => ({ month, pieces })),
    };
  },
  render: (o) =>
    [
      `## Editorial calendar: ${plural(o.entries.length, "piece")}${o.late ? `, ${o.late} late` : ""}`,
      "",
      table(
        ["Publish", "Piece", "Owner", "Draft due", "Review by", "Note"],
        o.entries.map((e) => [
          `${e.publishOn} (${e.weekday})`,
          `${esc(e.title, 70)}${e.format ? ` · ${esc(e.format, 30)}` : ""}`,
          e.owner ? esc(e.owner, 40) : "–",
          e.draftDue ?? "ready",
          e.reviewDue,
          e.daysLate ? `✖ ${e.daysLate} days after the ${e.dueBy} deadline` : e.dueBy ? `✔ by ${e.dueBy}` : "",
        ]),
      ),
      "",
      `Per month: ${o.perMonth.map((m) => `${m.month} ${m.pieces}`).join(" · ")}`,
      ...(o.unscheduled.length ? ["", `**No slot within a year for:** ${o.unscheduled.map((t) => esc(t, 70)).join(", ")}`] : []),
    ].join("\n"),
});

import { z } from "zod";
import { defineSkill } from "../skill";
import { cell, round } from "./lib/text";
import { calendarDay, clockMinutes, DAY, instant, MINUTE, ms, readable, span, WorkingCalendar } from "./lib/time";

/**
 * `techsupport.sla-timers`: the support lead's SLA board. For each ticket, the first-response
 * and resolution clocks of its priority's policy (round the clock or in business hours, paused
 * while waiting on the customer): due time, working time left, share used, and whether it was
 * met, breached, is on track, at risk or overdue; then the compliance rates and the tickets to
 * act on first.
 */

const MAX_TARGET = 43_200; // 30 days of minutes: the longest SLA target any policy sets.
const priorities = ["P1", "P2", "P3", "P4"] as const;

const target = z.object({
  firstResponseMinutes: z.number().int().min(1).max(MAX_TARGET),
  resolutionMinutes: z.number().int().min(1).max(MAX_TARGET),
  /** `24x7` (the usual for P1) or `business`: the clock runs only in business hours. */
  clock: z.enum(["24x7", "business"]).default("24x7"),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM");
const businessHours = z
  .object({
    utcOffset: z.string().regex(/^(Z|[+-](0\d|1[0-4]):[0-5]\d)$/, "an offset such as +05:30, -08:00 or Z"),
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
    start: hhmm,
    end: hhmm,
    holidays: z.array(calendarDay).max(60).default([]),
  })
  .refine((h) => clockMinutes(h.end) > clockMinutes(h.start), { message: "must be after start", path: ["end"] })
  // Under ten open hours a week, a 30-day target would run for years.
  .refine((h) => new Set(h.days).size * (clockMinutes(h.end) - clockMinutes(h.start)) >= 600, {
    message: "the desk must be open at least 10 hours a week",
    path: ["days"],
  });

const ticket = z.object({
  id: z.string().trim().min(1).max(60),
  priority: z.enum(priorities),
  createdAt: instant,
  firstRespondedAt: instant.optional(),
  resolvedAt: instant.optional(),
  /** Minutes on hold waiting for the customer (working minutes on a business clock): they stop the resolution clock. */
  pausedMinutes: z.number().int().min(0).max(MAX_TARGET).default(0),
});

const input = z
  .object({
    now: instant,
    policy: z.object({ P1: target.optional(), P2: target.optional(), P3: target.optional(), P4: target.optional() }),
    businessHours: businessHours.optional(),
    /** A running clock that has used this share of its target is at risk. */
    atRiskAt: z.number().min(0.5).max(0.95).default(0.75),
    tickets: z.array(ticket).min(1, "send at least one ticket").max(2_000),
  })
  .superRefine((v, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });
    for (const p of priorities) {
      const t = v.policy[p];
      if (t && t.resolutionMinutes < t.firstResponseMinutes)
        issue("must be at least firstResponseMinutes", ["policy", p, "resolutionMinutes"]);
      if (t?.clock === "business" && !v.businessHours) issue(`${p} runs in business hours: send businessHours`, ["businessHours"]);
    }
    const now = ms(v.now);
    v.tickets.forEach((t, i) => {
      const at = (field: string) => ["tickets", i, field];
      if (!v.policy[t.priority]) issue(`no SLA policy for ${t.priority}`, at("priority"));
      const created = ms(t.createdAt);
      if (created > now) issue("is after now", at("createdAt"));
      // Older tickets belong in a backlog review, not on the SLA board (and bound the work).
      if (created < now - 365 * DAY) issue("is more than a year before now", at("createdAt"));
      for (const f of ["firstRespondedAt", "resolvedAt"] as const) {
        const x = t[f];
        if (x && (ms(x) < created || ms(x) > now)) issue("must be between createdAt and now", at(f));
      }
    });
  });

const clockState = z.enum(["met", "breached", "on-track", "at-risk", "overdue"]);
const clock = z.object({
  dueAt: z.string(),
  state: clockState,
  /** Working minutes from now (open) or from when it stopped (closed) to the due time; negative = past due. */
  marginMinutes: z.number().int(),
  usedPct: z.number().int(),
});
const output = z.object({
  asOf: z.string(),
  summary: z.object({
    tickets: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    atRisk: z.number().int(),
    firstResponseCompliancePct: z.number().nullable(),
    resolutionCompliancePct: z.number().nullable(),
  }),
  tickets: z.array(z.object({ id: z.string(), priority: z.enum(priorities), firstResponse: clock, resolution: clock })),
  actNow: z.array(
    z.object({
      id: z.string(),
      priority: z.enum(priorities),
      clock: z.enum(["first response", "resolution"]),
      dueAt: z.string(),
      state: clockState,
      marginMinutes: z.number().int(),
    }),
  ),
});
type Output = z.input<typeof output>;
type Clock = z.input<typeof clock>;

function run(v: z.output<typeof input>): Output {
  const now = ms(v.now);
  const calendar = v.businessHours ? new WorkingCalendar(v.businessHours) : undefined;
  const wall = { add: (from: number, m: number) => from + m * MINUTE, between: (a: number, b: number) => Math.max(0, b - a) / MINUTE };
  const working = calendar && {
    add: (from: number, m: number) => calendar.addWorkingMinutes(from, m),
    between: (a: number, b: number) => calendar.workingMinutesBetween(a, b),
  };

  const timer = (kind: "24x7" | "business", start: number, minutes: number, paused: number, stoppedAt: number | undefined): Clock => {
    const c = kind === "business" && working ? working : wall;
    const due = c.add(start, minutes + paused);
    const end = stoppedAt ?? now;
    const used = Math.max(0, c.between(start, end) - paused) / minutes;
    const margin = end <= due ? c.between(end, due) : -c.between(due, end);
    const state =
      stoppedAt !== undefined
        ? stoppedAt <= due
          ? "met"
          : "breached"
        : now > due
          ? "overdue"
          : used >= v.atRiskAt
            ? "at-risk"
            : "on-track";
    return { dueAt: new Date(due).toISOString(), state, marginMinutes: Math.round(margin), usedPct: Math.round(used * 100) };
  };

  const tickets = v.tickets.map((t) => {
    const policy = v.policy[t.priority] as z.output<typeof target>;
    const created = ms(t.createdAt);
    const resolved = t.resolvedAt ? ms(t.resolvedAt) : undefined;
    // A ticket resolved without a separate reply was answered when it was resolved.
    const responded = t.firstRespondedAt ? ms(t.firstRespondedAt) : resolved;
    return {
      id: t.id,
      priority: t.priority,
      firstResponse: timer(policy.clock, created, policy.firstResponseMinutes, 0, responded),
      resolution: timer(policy.clock, created, policy.resolutionMinutes, t.pausedMinutes, resolved),
    };
  });

  const clocks = tickets.flatMap((t) => [
    { t, name: "first response" as const, c: t.firstResponse },
    { t, name: "resolution" as const, c: t.resolution },
  ]);
  const compliance = (name: string) => {
    const done = clocks.filter((x) => x.name === name && (x.c.state === "met" || x.c.state === "breached"));
    return done.length ? round((done.filter((x) => x.c.state === "met").length / done.length) * 100, 1) : null;
  };
  const urgent = clocks
    .filter((x) => x.c.state === "overdue" || x.c.state === "at-risk")
    .sort((a, b) => a.c.marginMinutes - b.c.marginMinutes || a.t.priority.localeCompare(b.t.priority) || a.t.id.localeCompare(b.t.id));
  return {
    asOf: readable(now),
    summary: {
      tickets: tickets.length,
      open: v.tickets.filter((t) => !t.resolvedAt).length,
      overdue: tickets.filter((t) => t.firstResponse.state === "overdue" || t.resolution.state === "overdue").length,
      atRisk: tickets.filter(
        (t) =>
          t.firstResponse.state !== "overdue" &&
          t.resolution.state !== "overdue" &&
          (t.firstResponse.state === "at-risk" || t.resolution.state === "at-risk"),
      ).length,
      firstResponseCompliancePct: compliance("first response"),
      resolutionCompliancePct: compliance("resolution"),
    },
    tickets,
    actNow: urgent.map((x) => ({
      id: x.t.id,
      priority: x.t.priority,
      clock: x.name,
      dueAt: x.c.dueAt,
      state: x.c.state,
      marginMinutes: x.c.marginMinutes,
    })),
  };
}

/** The table shows at most this many tickets; the structured output has them all. */
const TABLE_ROWS = 50;

function clockText(c: { state: string; marginMinutes: number; usedPct?: number }): string {
  if (c.state === "met") return `met (${span(c.marginMinutes)} to spare)`;
  if (c.state === "breached") return `breached (${span(c.marginMinutes)} late)`;
  if (c.state === "overdue") return `**overdue by ${span(c.marginMinutes)}**`;
  const used = c.usedPct === undefined ? "" : `, ${c.usedPct}% used`;
  return `${c.state === "at-risk" ? "**at risk**" : "on track"}: ${span(c.marginMinutes)} left${used}`;
}

function render(o: z.output<typeof output>): string {
  const s = o.summary;
  const rate = (pct: number | null) => (pct === null ? "n/a" : `${pct}%`);
  const lines = [
    `## SLA status at ${o.asOf}`,
    "",
    `**${s.tickets} tickets** (${s.open} open) · **${s.overdue} overdue** · ${s.atRisk} at risk · first response met ${rate(s.firstResponseCompliancePct)} · resolution met ${rate(s.resolutionCompliancePct)}`,
  ];
  if (o.actNow.length)
    lines.push(
      "",
      "### Act now",
      "| Ticket | Priority | Clock | Due | Status |",
      "| --- | --- | --- | --- | --- |",
      ...o.actNow.map((a) => `| ${cell(a.id)} | ${a.priority} | ${a.clock} | ${readable(Date.parse(a.dueAt))} | ${clockText(a)} |`),
    );
  lines.push(
    "",
    "### All tickets",
    "| Ticket | Priority | First response | Resolution |",
    "| --- | --- | --- | --- |",
    ...o.tickets
      .slice(0, TABLE_ROWS)
      .map((t) => `| ${cell(t.id)} | ${t.priority} | ${clockText(t.firstResponse)} | ${clockText(t.resolution)} |`),
  );
  if (o.tickets.length > TABLE_ROWS) lines.push(`| …and ${o.tickets.length - TABLE_ROWS} more | | | |`);
  return lines.join("\n");
}

export const slaTimers = defineSkill({
  name: "techsupport.sla-timers",
  title: "Run the SLA clocks of open and closed tickets: due times, time left, breaches, at-risk tickets, compliance",
  input,
  output,
  run,
  render,
});

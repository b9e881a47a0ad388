import { z } from "zod";
import { defineSkill } from "../skill";
import { calendarDay, dayNumber, dayString, instant } from "./lib/time";

/**
 * `success.onboarding-progress`: the onboarding manager's weekly checklist. Each milestone is
 * done, late, overdue, blocked by an unfinished dependency, due soon or upcoming; slips flow
 * down the dependency chain to a projected completion against the go-live date.
 */

const milestone = z.object({
  name: z.string().trim().min(1).max(120),
  due: calendarDay,
  completedOn: calendarDay.optional(),
  /** Who must act: `customer`, `vendor`, a person. */
  owner: z.string().trim().min(1).max(80).optional(),
  /** Optional milestones (nice-to-haves) count for neither progress nor the verdict. */
  required: z.boolean().default(true),
  dependsOn: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
});
type Milestone = z.output<typeof milestone>;

/** The first milestone on a dependency cycle, if any (its index). */
function cycleAt(milestones: readonly Milestone[]): number | undefined {
  const index = new Map(milestones.map((m, i) => [m.name.toLowerCase(), i]));
  const state = new Map<number, "visiting" | "done">();
  const visit = (i: number): boolean => {
    if (state.get(i) === "done") return false;
    if (state.get(i) === "visiting") return true;
    state.set(i, "visiting");
    for (const d of milestones[i]?.dependsOn ?? []) {
      const j = index.get(d.toLowerCase());
      if (j !== undefined && visit(j)) return true;
    }
    state.set(i, "done");
    return false;
  };
  for (let i = 0; i < milestones.length; i++) if (visit(i)) return i;
  return undefined;
}

const input = z
  .object({
    account: z.string().trim().min(1).max(200).default("The account"),
    now: instant,
    goLiveDate: calendarDay.optional(),
    milestones: z.array(milestone).min(1, "send at least one milestone").max(100),
  })
  .superRefine((v, ctx) => {
    const names = new Set<string>();
    const today = dayNumber(v.now);
    v.milestones.forEach((m, i) => {
      const key = m.name.toLowerCase();
      if (names.has(key)) ctx.addIssue({ code: "custom", message: `"${m.name}" is listed twice`, path: ["milestones", i, "name"] });
      names.add(key);
      if (m.completedOn && dayNumber(m.completedOn) > today)
        ctx.addIssue({ code: "custom", message: "is after now", path: ["milestones", i, "completedOn"] });
    });
    v.milestones.forEach((m, i) => {
      m.dependsOn.forEach((d, k) => {
        if (!names.has(d.toLowerCase()) || d.toLowerCase() === m.name.toLowerCase())
          ctx.addIssue({ code: "custom", message: `"${d}" is not another milestone`, path: ["milestones", i, "dependsOn", k] });
      });
    });
    const cycle = cycleAt(v.milestones);
    if (cycle !== undefined)
      ctx.addIssue({ code: "custom", message: "the dependencies go round in a circle", path: ["milestones", cycle, "dependsOn"] });
  });

/** Due within a week: the next weekly check-in is too late to prepare it. */
const DUE_SOON_DAYS = 7;
/** A required milestone two weeks overdue, or three overdue at once, puts onboarding off track. */
const OFF_TRACK_DAYS = 14;
const OFF_TRACK_COUNT = 3;

const state = z.enum(["done", "done-late", "overdue", "blocked", "due-soon", "upcoming"]);
const output = z.object({
  account: z.string(),
  asOf: z.string(),
  status: z.enum(["complete", "on-track", "at-risk", "off-track"]),
  progressPct: z.number().int(),
  expectedPct: z.number().int(),
  projectedCompletion: z.string(),
  goLiveDate: z.string().nullable(),
  goLiveSlipDays: z.number().int().nullable(),
  checklist: z.array(
    z.object({
      name: z.string(),
      owner: z.string().nullable(),
      required: z.boolean(),
      due: z.string(),
      state,
      /** Done late or overdue: by how many days. */
      daysLate: z.number().int(),
      waitingOn: z.array(z.string()),
      projected: z.string(),
    }),
  ),
  nextActions: z.array(z.string()),
});
type Output = z.input<typeof output>;

function run(v: z.output<typeof input>): Output {
  const today = dayNumber(v.now);
  const byName = new Map(v.milestones.map((m) => [m.name.toLowerCase(), m]));
  // Projected finish day: done ones when they were done; open ones at their due day pushed by
  // the worst slip among their dependencies, and never before today.
  const projected = new Map<Milestone, number>();
  const project = (m: Milestone): number => {
    const known = projected.get(m);
    if (known !== undefined) return known;
    const due = dayNumber(m.due);
    let day = due;
    if (m.completedOn) day = dayNumber(m.completedOn);
    else {
      for (const d of m.dependsOn) {
        const dep = byName.get(d.toLowerCase()) as Milestone;
        day = Math.max(day, due + project(dep) - dayNumber(dep.due));
      }
      day = Math.max(day, today);
    }
    projected.set(m, day);
    return day;
  };

  const checklist = v.milestones.map((m) => {
    const due = dayNumber(m.due);
    const waitingOn = m.dependsOn.filter((d) => !byName.get(d.toLowerCase())?.completedOn);
    const done = m.completedOn !== undefined;
    const daysLate = done ? Math.max(0, dayNumber(m.completedOn as string) - due) : Math.max(0, today - due);
    // Blocked: held up by a dependency that is itself overdue (one merely not done yet is normal order).
    const stuck = waitingOn.some((d) => dayNumber((byName.get(d.toLowerCase()) as Milestone).due) < today);
    const s: z.infer<typeof state> = done
      ? daysLate > 0
        ? "done-late"
        : "done"
      : due < today
        ? "overdue"
        : stuck
          ? "blocked"
          : due - today <= DUE_SOON_DAYS
            ? "due-soon"
            : "upcoming";
    return { name: m.name, owner: m.owner ?? null, required: m.required, due: m.due, state: s, daysLate, waitingOn, projected: project(m) };
  });

  const required = checklist.filter((c) => c.required);
  const doneCount = required.filter((c) => c.state === "done" || c.state === "done-late").length;
  const dueByNow = required.filter((c) => dayNumber(c.due) < today || c.state.startsWith("done")).length;
  const overdue = required.filter((c) => c.state === "overdue");
  const completion = Math.max(...(required.length ? required : checklist).map((c) => c.projected));
  const goLive = v.goLiveDate ? dayNumber(v.goLiveDate) : null;
  const goLiveSlipDays = goLive === null ? null : Math.max(0, completion - goLive);
  const blockedSoon = required.some((c) => c.state === "blocked" && dayNumber(c.due) - today <= DUE_SOON_DAYS);
  const status =
    doneCount === required.length && required.length > 0
      ? "complete"
      : overdue.some((c) => c.daysLate >= OFF_TRACK_DAYS) || overdue.length >= OFF_TRACK_COUNT || (goLive !== null && goLive < today)
        ? "off-track"
        : overdue.length > 0 || blockedSoon || (goLiveSlipDays ?? 0) > 0
          ? "at-risk"
          : "on-track";

  const who = (c: { owner: string | null }) => (c.owner ? ` (${c.owner})` : "");
  const nextActions = [
    ...checklist
      .filter((c) => c.state === "overdue")
      .sort((a, b) => b.daysLate - a.daysLate)
      .map((c) => `Chase${who(c)}: "${c.name}" is ${c.daysLate} days overdue.`),
    ...checklist
      .filter((c) => c.state === "blocked" || (c.state === "overdue" && c.waitingOn.length > 0))
      .map((c) => `Unblock "${c.name}": waiting on ${c.waitingOn.map((w) => `"${w}"`).join(", ")}.`),
    ...checklist
      .filter((c) => c.state === "due-soon")
      .sort((a, b) => a.due.localeCompare(b.due))
      .map((c) => `Prepare${who(c)}: "${c.name}" is due ${c.due}.`),
  ];
  if (goLiveSlipDays) nextActions.push(`Agree a new go-live date with the customer: projected ${goLiveSlipDays} days late.`);

  return {
    account: v.account,
    asOf: dayString(today),
    status,
    progressPct: required.length ? Math.round((doneCount / required.length) * 100) : 100,
    expectedPct: required.length ? Math.round((dueByNow / required.length) * 100) : 100,
    projectedCompletion: dayString(completion),
    goLiveDate: v.goLiveDate ?? null,
    goLiveSlipDays,
    checklist: checklist.map((c) => ({ ...c, projected: dayString(c.projected) })),
    nextActions,
  };
}

function render(o: z.output<typeof output>): string {
  const line = (c: z.output<typeof output>["checklist"][number]) => {
    const opt = c.required ? "" : " _(optional)_";
    const owner = c.owner ? ` · owner: ${c.owner}` : "";
    const wait = c.waitingOn.length ? ` · waiting on ${c.waitingOn.join(", ")}` : "";
    if (c.state === "done") return `- [x] ${c.name}${opt}: done on time (due ${c.due})`;
    if (c.state === "done-late") return `- [x] ${c.name}${opt}: done ${c.daysLate} days late (due ${c.due})`;
    if (c.state === "overdue") return `- [ ] **${c.name}**${opt}: **overdue by ${c.daysLate} days** (due ${c.due})${owner}${wait}`;
    const flag = c.state === "upcoming" ? "" : ` (${c.state.replace("-", " ")})`;
    return `- [ ] ${c.name}${opt}: due ${c.due}${flag}${owner}${wait}`;
  };
  const goLive = o.goLiveDate
    ? ` · go-live ${o.goLiveDate}${o.goLiveSlipDays ? `, projected ${o.goLiveSlipDays} days late` : ", on schedule"}`
    : "";
  return [
    `## Onboarding: ${o.account} (as of ${o.asOf})`,
    "",
    `**${o.status.toUpperCase()}**: ${o.progressPct}% of required milestones done (${o.expectedPct}% due by now) · projected completion ${o.projectedCompletion}${goLive}`,
    "",
    "### Checklist",
    ...o.checklist.map(line),
    "",
    "### Next actions",
    ...(o.nextActions.length ? o.nextActions.map((a) => `- ${a}`) : ["- Nothing pressing: keep the weekly check-in."]),
  ].join("\n");
}

export const onboardingProgress = defineSkill({
  name: "success.onboarding-progress",
  title: "Track onboarding milestones: overdue, blocked and due-soon items, projected go-live, next actions",
  input,
  output,
  run,
  render,
});

import { z } from "zod";
import { defineSkill } from "../skill";
import { esc, plural, table } from "./lib/format";
import {
  dateOfDay,
  dayOfDate,
  formatInstant,
  instantOf,
  localDay,
  minuteOfClock,
  parseInstant,
  WEEKDAYS,
  type Weekday,
  weekdayOfDay,
} from "./lib/time";
import { PLATFORMS, type Platform } from "./social";

type Window = { days: Weekday[]; from: string; to: string };
const WEEKDAYS_ONLY: Weekday[] = ["mon", "tue", "wed", "thu", "fri"];
const MID_WEEK: Weekday[] = ["tue", "wed", "thu"];

/**
 * Starting points, in the audience's local time, from the published "best time to post" studies
 * of the big scheduling tools (weekday mornings for LinkedIn and X, lunch and evening for
 * Instagram, afternoons for TikTok). A brand's own analytics beat these: pass `windows`.
 */
const DEFAULT_WINDOWS: Record<Platform, Window[]> = {
  linkedin: [
    { days: MID_WEEK, from: "08:00", to: "10:00" },
    { days: MID_WEEK, from: "12:00", to: "13:00" },
  ],
  x: [
    { days: WEEKDAYS_ONLY, from: "09:00", to: "11:00" },
    { days: WEEKDAYS_ONLY, from: "15:00", to: "16:00" },
  ],
  instagram: [
    { days: WEEKDAYS_ONLY, from: "11:00", to: "13:00" },
    { days: WEEKDAYS_ONLY, from: "19:00", to: "21:00" },
  ],
  facebook: [{ days: WEEKDAYS_ONLY, from: "09:00", to: "12:00" }],
  threads: [{ days: WEEKDAYS_ONLY, from: "08:00", to: "11:00" }],
  tiktok: [
    { days: ["tue", "wed", "thu", "fri"], from: "14:00", to: "17:00" },
    { days: ["tue", "wed", "thu", "fri"], from: "19:00", to: "21:00" },
  ],
};
// Posts a day before a feed starts to compete with itself: one on LinkedIn, Instagram, Facebook
// and TikTok, a few on X and Threads where the feed moves fast.
const DEFAULT_PER_DAY: Record<Platform, number> = { linkedin: 1, x: 3, instagram: 1, facebook: 1, threads: 2, tiktok: 1 };

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time is HH:MM, 24-hour");
const windowSchema = z
  .object({ days: z.array(z.enum(WEEKDAYS)).min(1).max(7), from: clock, to: clock })
  .refine((w) => minuteOfClock(w.to) > minuteOfClock(w.from), { message: "a window ends after it starts", path: ["to"] });

/** Weekdays for people: `mon–fri`, `tue–thu`, `mon/wed/fri`. */
function dayRange(days: readonly Weekday[]): string {
  const week: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const idx = [...new Set(days)].map((d) => week.indexOf(d)).sort((a, b) => a - b);
  const firstDay = idx[0] ?? 0;
  const lastDay = idx[idx.length - 1] ?? 0;
  if (idx.length >= 3 && lastDay - firstDay === idx.length - 1) return `${week[firstDay]}–${week[lastDay]}`;
  return idx.map((d) => week[d]).join("/");
}

/** Schedules posts across platforms into each platform's best-time windows, without crowding a feed. */
export const postingSchedule = defineSkill({
  name: "social.posting-schedule",
  title: "Social posting schedule: posts across platforms placed in best-time windows, with a daily cap and spacing",
  input: z.object({
    // The offset of `start` is the audience's time zone; windows are read in it.
    start: z.iso.datetime({ offset: true, error: "start must be an ISO 8601 date-time with an offset" }),
    days: z.number().int().min(1).max(90).default(14),
    posts: z
      .array(
        z.object({
          id: z.string().trim().min(1).max(100),
          platforms: z.array(z.enum(PLATFORMS)).min(1).max(PLATFORMS.length),
          priority: z.number().int().min(1).max(5).default(3),
          notBefore: z.iso.date({ error: "notBefore must be YYYY-MM-DD" }).optional(),
        }),
      )
      .min(1, "no posts to schedule")
      .max(200)
      .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, { message: "two posts have the same id" }),
    windows: z.partialRecord(z.enum(PLATFORMS), z.array(windowSchema).min(1).max(10)).default({}),
    perDay: z.partialRecord(z.enum(PLATFORMS), z.number().int().min(1).max(10)).default({}),
    // Two posts on one feed less than this apart split the audience's attention.
    minGapMinutes: z.number().int().min(15).max(720).default(120),
    skipDates: z.array(z.iso.date()).max(60).default([]),
  }),
  output: z.object({
    from: z.string(),
    to: z.string(),
    slots: z.array(z.object({ at: z.string(), weekday: z.string(), platform: z.enum(PLATFORMS), postId: z.string() })),
    unscheduled: z.array(z.object({ postId: z.string(), platform: z.enum(PLATFORMS), reason: z.string() })),
    perPlatform: z.array(z.object({ platform: z.enum(PLATFORMS), posts: z.number().int(), windows: z.string() })),
  }),
  run: (i) => {
    const start = parseInstant(i.start);
    const first = localDay(start.ms, start.offsetMinutes).day;
    const last = first + i.days - 1;
    const skip = new Set(i.skipDates.map(dayOfDate));
    // Free times per platform, in order: each day's windows stepped by the gap, capped per day.
    const free = new Map<Platform, { ms: number; day: number }[]>();
    const windowsOf = (p: Platform) => i.windows[p] ?? DEFAULT_WINDOWS[p];
    for (const platform of PLATFORMS) {
      const times: { ms: number; day: number }[] = [];
      for (let day = first; day <= last; day++) {
        if (skip.has(day)) continue;
        const minutes = windowsOf(platform)
          .filter((w) => w.days.includes(weekdayOfDay(day)))
          .flatMap((w) => {
            const out: number[] = [];
            for (let m = minuteOfClock(w.from); m < minuteOfClock(w.to); m += i.minGapMinutes) out.push(m);
            return out;
          })
          .sort((a, b) => a - b);
        let lastMinute = Number.NEGATIVE_INFINITY;
        let taken = 0;
        for (const m of minutes) {
          if (taken >= (i.perDay[platform] ?? DEFAULT_PER_DAY[platform])) break;
          const ms = instantOf(day, m, start.offsetMinutes);
          if (ms < start.ms || m - lastMinute < i.minGapMinutes) continue;
          times.push({ ms, day });
          lastMinute = m;
          taken++;
        }
      }
      free.set(platform, times);
    }
    const order = i.posts.map((p, index) => ({ ...p, index })).sort((a, b) => a.priority - b.priority || a.index - b.index);
    const slots: { at: string; ms: number; weekday: string; platform: Platform; postId: string }[] = [];
    const unscheduled: { postId: string; platform: Platform; reason: string }[] = [];
    for (const post of order) {
      const earliest = post.notBefore ? dayOfDate(post.notBefore) : first;
      for (const platform of post.platforms) {
        const times = free.get(platform) ?? [];
        const k = times.findIndex((t) => t.day >= earliest);
        const slot = k >= 0 ? times.splice(k, 1)[0] : undefined;
        if (!slot) {
          unscheduled.push({ postId: post.id, platform, reason: `no free ${platform} slot by ${dateOfDay(last)}` });
          continue;
        }
        slots.push({
          at: formatInstant(slot.ms, start.offsetMinutes),
          ms: slot.ms,
          weekday: weekdayOfDay(slot.day),
          platform,
          postId: post.id,
        });
      }
    }
    slots.sort((a, b) => a.ms - b.ms || PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform));
    const used = [...new Set(i.posts.flatMap((p) => p.platforms))];
    return {
      from: dateOfDay(first),
      to: dateOfDay(last),
      slots: slots.map(({ ms: _ms, ...s }) => s),
      unscheduled,
      perPlatform: PLATFORMS.filter((p) => used.includes(p)).map((platform) => ({
        platform,
        posts: slots.filter((s) => s.platform === platform).length,
        windows: windowsOf(platform)
          .map((w) => `${dayRange(w.days)} ${w.from}–${w.to}`)
          .join(", "),
      })),
    };
  },
  render: (o) =>
    [
      `## Posting schedule, ${o.from} to ${o.to}`,
      "",
      o.slots.length
        ? table(
            ["When", "Day", "Platform", "Post"],
            o.slots.map((s) => [`${s.at.slice(0, 10)} ${s.at.slice(11, 16)}`, s.weekday, s.platform, esc(s.postId, 60)]),
          )
        : "Nothing could be scheduled in this period.",
      "",
      `Times are local to ${o.slots[0]?.at.slice(19) || "the start's offset"}.`,
      "",
      "### Windows used",
      ...o.perPlatform.map((p) => `- ${p.platform}: ${plural(p.posts, "post")} in ${p.windows}`),
      ...(o.unscheduled.length
        ? ["", "### Not scheduled", ...o.unscheduled.map((u) => `- ${esc(u.postId, 60)} on ${u.platform}: ${u.reason}`)]
        : []),
    ].join("\n"),
});

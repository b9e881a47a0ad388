import { z } from "zod";
import { defineSkill } from "../skill";
import { addDays, clock, localAt, timeZone, type Weekday, weekdayOf, weekdays, zonedToUtc } from "./lib/dates";
import { cell, table } from "./lib/format";

/**
 * `sdr.plan-sequence`: an outreach sequence (touches, channels, business days and local send
 * times) for one prospect, from their persona, time zone, and whether they are cold or came in
 * warm. Cold sequences run 9 touches over four weeks (most replies come after the fourth touch;
 * past a month more touches read as spam); warm ones start within minutes, since inbound leads
 * contacted within the hour qualify several times as often as those reached the next day.
 */

const channels = ["email", "phone", "linkedin", "sms"] as const;
type Channel = (typeof channels)[number];
const roles = ["executive", "manager", "practitioner"] as const;
type Role = (typeof roles)[number];

const input = z.object({
  start: z.iso.datetime({ offset: true }).describe("when the sequence may begin (now)"),
  timezone: timeZone.describe("the prospect's IANA time zone"),
  persona: z.object({
    role: z.enum(roles),
    name: z.string().trim().min(1).max(200).optional(),
    company: z.string().trim().min(1).max(200).optional(),
  }),
  temperature: z.enum(["cold", "warm"]).default("cold").describe("warm: they asked for contact or engaged (inbound)"),
  channels: z
    .array(z.enum(channels))
    .min(1)
    .max(4)
    .refine((c) => new Set(c).size === c.length, { message: "list each channel once" })
    .default(["email", "phone", "linkedin"]),
  weekend: z.array(z.enum(weekdays)).max(3).default(["sat", "sun"]).describe("e.g. fri, sat in much of the Middle East"),
  holidays: z.array(z.iso.date()).max(60).default([]).describe("local dates to skip"),
});

const touch = z.object({
  step: z.number().int().min(1),
  businessDay: z.number().int().min(0),
  date: z.iso.date(),
  weekday: z.enum(weekdays),
  localTime: z.string(),
  utc: z.iso.datetime(),
  channel: z.enum(channels),
  action: z.string(),
});
const output = z.object({
  temperature: z.enum(["cold", "warm"]),
  role: z.enum(roles),
  timezone: z.string(),
  touches: z.array(touch),
  calendarDays: z.number().int(),
  byChannel: z.record(z.string(), z.number().int()),
  notes: z.array(z.string()),
});

// `instead` is the e-mail that replaces a touch on a channel the seller does not use; touches
// without one (a connection request, a text) are simply left out.
type Step = { day: number; channel: Channel; action: string; instead?: string };
const cold: Step[] = [
  { day: 0, channel: "email", action: "Personalised opener: one observed trigger, one problem hypothesis, a soft ask" },
  { day: 0, channel: "linkedin", action: "Connection request, no pitch" },
  {
    day: 2,
    channel: "phone",
    action: "Call; if voicemail, 20 seconds referring to the e-mail",
    instead: "Two-line bump on the first thread",
  },
  { day: 4, channel: "email", action: "Reply on the thread with a customer story from their industry" },
  {
    day: 7,
    channel: "linkedin",
    action: "Message sharing one useful insight or benchmark",
    instead: "Share one useful insight or benchmark",
  },
  {
    day: 9,
    channel: "phone",
    action: "Call with a new angle; ask who owns the problem if not them",
    instead: "Ask who owns the problem if not them",
  },
  { day: 13, channel: "email", action: "New thread: a different pain point and a one-line question" },
  { day: 17, channel: "phone", action: "Last call attempt" },
  { day: 20, channel: "email", action: "Break-up e-mail: close the loop politely, leave the door open" },
];
const warm: Step[] = [
  { day: 0, channel: "phone", action: "Call within minutes of the request; qualify and book a meeting" },
  { day: 0, channel: "email", action: "Thank them, answer what they asked for, offer two meeting slots" },
  { day: 0, channel: "sms", action: "Short text with the booking link (they gave consent by asking)" },
  { day: 1, channel: "phone", action: "Second call attempt at a different time of day", instead: "Offer two more meeting slots" },
  { day: 2, channel: "email", action: "Send the most relevant resource for their request" },
  { day: 4, channel: "linkedin", action: "Connect, referring to their request" },
  { day: 4, channel: "phone", action: "Call; leave a voicemail with a direct number", instead: "Ask one question about their use case" },
  { day: 7, channel: "email", action: "Customer story with a result matching their use case" },
  { day: 10, channel: "email", action: "Close the loop: ask whether to follow up later or hand to nurture" },
];
// Local send times: executives read mail early and take calls before the meeting day starts;
// others reply mid-morning and answer the phone mid-afternoon. LinkedIn is read at lunch.
const slots: Record<Role, Record<Channel, number>> = {
  executive: { email: 7 * 60 + 30, phone: 8 * 60, linkedin: 12 * 60 + 30, sms: 8 * 60 + 30 },
  manager: { email: 9 * 60, phone: 16 * 60, linkedin: 12 * 60, sms: 10 * 60 },
  practitioner: { email: 10 * 60, phone: 14 * 60, linkedin: 12 * 60, sms: 11 * 60 },
};
const angle: Record<Role, string> = {
  executive: "Executive: three sentences at most, business outcome and a number.",
  manager: "Manager: the team's workflow, time saved and how peers roll it out.",
  practitioner: "Practitioner: how it works day to day; offer a hands-on look.",
};
const END_OF_DAY = 17 * 60; // after this a sequence starts the next business day

export const planSequence = defineSkill({
  name: "sdr.plan-sequence",
  title: "Plan an outreach sequence: touches, channels, business days and local send times for a prospect",
  input,
  output,
  run: ({ start, timezone, persona, temperature, channels: allowed, weekend, holidays }) => {
    const notes: string[] = [angle[persona.role]];
    const usable = new Set<Channel>(allowed);
    // Texting a cold prospect needs prior consent (TCPA in the US, PECR/GDPR in Europe).
    if (temperature === "cold" && usable.delete("sms")) notes.push("SMS left out: cold prospects have not consented to texts.");
    if (usable.size === 0) usable.add("email");
    const off = new Set<string>(holidays);
    const isWorkday = (d: string) => !weekend.includes(weekdayOf(d) as Weekday) && !off.has(d);
    const nextWorkday = (d: string) => {
      let day = addDays(d, 1);
      while (!isWorkday(day)) day = addDays(day, 1);
      return day;
    };
    const now = localAt(Date.parse(start), timezone);
    const firstDay = isWorkday(now.date) && now.minutes < END_OF_DAY ? now.date : nextWorkday(now.date);
    const dates = [firstDay];
    const dateOf = (n: number) => {
      while (dates.length <= n) dates.push(nextWorkday(dates[dates.length - 1] as string));
      return dates[n] as string;
    };

    const planned: (Step & { minutes: number })[] = [];
    let dropped = 0;
    for (const step of temperature === "cold" ? cold : warm) {
      let { channel, action } = step;
      if (!usable.has(channel)) {
        const emailToday = planned.some((p) => p.day === step.day && p.channel === "email");
        if (!step.instead || !usable.has("email") || emailToday) {
          dropped++;
          continue;
        }
        channel = "email";
        action = step.instead;
      }
      let minutes = slots[persona.role][channel];
      // On the first day nothing is sent before now: round up to the next five minutes.
      if (dateOf(step.day) === now.date && minutes < now.minutes) minutes = Math.ceil((now.minutes + 1) / 5) * 5;
      // Touches on one day keep the template's order, a quarter of an hour apart at least.
      const before = planned.filter((p) => p.day === step.day).at(-1);
      if (before && minutes < before.minutes + 15) minutes = before.minutes + 15;
      planned.push({ ...step, channel, action, minutes });
    }
    if (dropped > 0) notes.push(`${dropped} touch${dropped > 1 ? "es" : ""} left out for channels not in use.`);
    planned.sort((a, b) => a.day - b.day || a.minutes - b.minutes);
    const touches = planned.map((p, i) => {
      const date = dateOf(p.day);
      return {
        step: i + 1,
        businessDay: p.day,
        date,
        weekday: weekdayOf(date),
        localTime: clock(p.minutes),
        utc: zonedToUtc(date, p.minutes, timezone),
        channel: p.channel,
        action: p.action,
      };
    });
    const byChannel: Record<string, number> = {};
    for (const t of touches) byChannel[t.channel] = (byChannel[t.channel] ?? 0) + 1;
    const first = touches[0]?.date ?? firstDay;
    const last = touches[touches.length - 1]?.date ?? firstDay;
    const calendarDays = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
    return { temperature, role: persona.role, timezone, touches, calendarDays, byChannel, notes };
  },
  render: (o) =>
    [
      `## Outreach sequence: ${o.touches.length} touches over ${o.calendarDays} days (${o.temperature}, ${o.role})`,
      `Times are the prospect's local time (${o.timezone}).`,
      table(
        ["#", "Date", "Time", "Channel", "Action"],
        o.touches.map((t) => [
          t.step,
          `${t.weekday[0]?.toUpperCase()}${t.weekday.slice(1)} ${t.date}`,
          t.localTime,
          t.channel,
          cell(t.action),
        ]),
      ),
      `**By channel:** ${Object.entries(o.byChannel)
        .map(([c, n]) => `${c} ${n}`)
        .join(", ")}`,
      o.notes.map((n) => `- ${n}`).join("\n"),
    ].join("\n\n"),
});

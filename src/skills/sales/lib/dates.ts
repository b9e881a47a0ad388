import { z } from "zod";

/**
 * Calendar arithmetic on local dates (`YYYY-MM-DD`) and wall-clock times in an IANA time zone,
 * by Intl alone: no clock is read, so the same input gives the same dates.
 */

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatIn(timeZone);
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: "an IANA time zone such as Europe/Berlin or America/New_York" });

/** The wall clock in `timeZone` at an instant: `{ date: "2026-12-01", minutes: 545 }` (09:05). */
export function localAt(instantMs: number, zone: string): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    formatIn(zone)
      .formatToParts(new Date(instantMs))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts["year"]}-${parts["month"]}-${parts["day"]}`, minutes: Number(parts["hour"]) * 60 + Number(parts["minute"]) };
}

function offsetMs(instantMs: number, zone: string): number {
  // Zone offsets are whole minutes, so comparing at minute precision is exact.
  const { date, minutes } = localAt(instantMs, zone);
  return Date.parse(`${date}T00:00:00Z`) + minutes * 60_000 - Math.floor(instantMs / 60_000) * 60_000;
}

/** The instant (ISO 8601, UTC) of a wall-clock time on a local date in `zone`, across DST changes. */
export function zonedToUtc(date: string, minutes: number, zone: string): string {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let instant = wall - offsetMs(wall, zone);
  // A second pass settles the offset when a DST change lies between the guess and the answer.
  instant = wall - offsetMs(instant, zone);
  return new Date(instant).toISOString();
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof weekdays)[number];

export function weekdayOf(date: string): Weekday {
  return weekdays[new Date(`${date}T00:00:00Z`).getUTCDay()] as Weekday;
}

export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** `days` working days (Monday to Friday) after a date: due dates people can act on. */
export function addBusinessDays(date: string, days: number): string {
  let day = date;
  for (let left = days; left > 0; ) {
    day = addDays(day, 1);
    if (weekdayOf(day) !== "sat" && weekdayOf(day) !== "sun") left--;
  }
  return day;
}

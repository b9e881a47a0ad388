/**
 * Calendar arithmetic without the clock: instants come from the input (`now`, a start time) as
 * ISO 8601 with an offset, and are shown back in that same fixed offset. A fixed offset, not a
 * time zone: across a daylight-saving change the caller passes the offset in force.
 */

const DAY_MS = 86_400_000;
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** An instant and the UTC offset (minutes) it was written in. */
export interface Instant {
  ms: number;
  offsetMinutes: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):?(\d{2})?)$/i;

/** Parses an ISO 8601 date-time with an offset (as `z.iso.datetime({ offset: true })` accepts). */
export function parseInstant(iso: string): Instant {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not an ISO 8601 date-time with an offset: ${iso}`);
  const [, y, mo, d, h, mi, s = "0", frac = "0", zone, sign, oh = "0", om = "0"] = m;
  const offsetMinutes = zone?.toUpperCase() === "Z" ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(`0.${frac}`) * 1000);
  return { ms: local - offsetMinutes * 60_000, offsetMinutes };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `2026-12-03T09:30:00+01:00` (or `…Z` at offset 0). */
export function formatInstant(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? "Z" : `${offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${dateOfDay(Math.floor(local.getTime() / DAY_MS))}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${zone}`;
}

/** The local calendar day (days since 1970-01-01) and minute of day of an instant. */
export function localDay(ms: number, offsetMinutes: number): { day: number; minute: number } {
  const local = ms + offsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  return { day, minute: Math.floor((local - day * DAY_MS) / 60_000) };
}

/** The instant of a local day and minute in an offset. */
export function instantOf(day: number, minute: number, offsetMinutes: number): number {
  return day * DAY_MS + (minute - offsetMinutes) * 60_000;
}

/** `YYYY-MM-DD` → days since 1970-01-01 (the schema has already checked the date is real). */
export function dayOfDate(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOfDay(day: number): string {
  const t = new Date(day * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function weekdayOfDay(day: number): Weekday {
  return WEEKDAYS[(((day + 4) % 7) + 7) % 7] ?? "sun"; // 1970-01-01 was a Thursday
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `HH:MM` → minute of day. */
export function minuteOfClock(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minute of day → `HH:MM`. */
export function clockOfMinute(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

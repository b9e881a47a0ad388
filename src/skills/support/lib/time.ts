import { z } from "zod";

/**
 * Time for the support skills, always from the input (`now`), never the clock: instants are
 * ISO 8601 strings with an offset, calendar days are `YYYY-MM-DD`.
 */

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** An instant with its offset (`2026-12-02T09:30:00Z`, `…+05:30`). */
export const instant = z.iso.datetime({ offset: true, message: "an ISO 8601 date-time with an offset, e.g. 2026-12-02T09:30:00Z" });
/** A calendar day (`2026-12-02`). */
export const calendarDay = z.iso.date({ message: "a date as YYYY-MM-DD" });

/** Milliseconds since the epoch of a schema-checked instant. */
export function ms(iso: string): number {
  return Date.parse(iso);
}

/** Days since the epoch of a `YYYY-MM-DD` day (UTC), or of the UTC day of an instant. */
export function dayNumber(dayOrInstant: string): number {
  const day = dayOrInstant.length === 10 ? Date.parse(`${dayOrInstant}T00:00:00Z`) : Date.parse(dayOrInstant);
  return Math.floor(day / DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** `2026-12-02 09:30 UTC`: an instant as people read it in a deliverable. */
export function readable(msSinceEpoch: number): string {
  return `${new Date(msSinceEpoch).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A span of minutes as people say it: `45 min`, `3 h 10 min`, `2 d 4 h`. */
export function span(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`;
  const h = Math.floor((m % (24 * 60)) / 60);
  return `${Math.floor(m / (24 * 60))} d${h ? ` ${h} h` : ""}`;
}

/**
 * Working hours for SLA clocks: the days of the week (1 = Monday … 7 = Sunday) and the hours
 * they run, in a fixed UTC offset, less holidays. A fixed offset rather than a time-zone name
 * keeps the arithmetic exact and the same on every runtime (no tz database involved).
 */
export interface BusinessHours {
  /** `+05:30`, `-08:00`, `Z`. */
  utcOffset: string;
  days: readonly number[];
  /** `09:00`. */
  start: string;
  /** `18:00`, after start. */
  end: string;
  /** Local days the desk is closed, `YYYY-MM-DD`. */
  holidays: readonly string[];
}

/** Minutes east of UTC of `+05:30`, `-08:00` or `Z`. */
export function offsetMinutes(offset: string): number {
  if (offset === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const [h, m] = offset.slice(1).split(":").map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0));
}

/** Minutes after midnight of `HH:MM`. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Longest search for open time, in days; the SLA schema keeps every span well inside it. */
const MAX_SCAN_DAYS = 2_000;

/** A business-hours calendar prepared once for many clocks. */
export class WorkingCalendar {
  private readonly days: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<number>;
  private readonly shift: number;
  private readonly open: number;
  private readonly close: number;

  constructor(hours: BusinessHours) {
    this.days = new Set(hours.days);
    this.holidays = new Set(hours.holidays.map(dayNumber));
    this.shift = offsetMinutes(hours.utcOffset) * MINUTE;
    this.open = clockMinutes(hours.start) * MINUTE;
    this.close = clockMinutes(hours.end) * MINUTE;
  }

  /** The open interval, as epoch ms, of local day `day`, or undefined when the desk is closed. */
  private hoursOn(day: number): [number, number] | undefined {
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // day 0, 1970-01-01, was a Thursday (4)
    if (!this.days.has(weekday) || this.holidays.has(day)) return undefined;
    return [day * DAY + this.open - this.shift, day * DAY + this.close - this.shift];
  }

  private localDay(at: number): number {
    return Math.floor((at + this.shift) / DAY);
  }

  /** The instant `minutes` of working time after `from`. */
  addWorkingMinutes(from: number, minutes: number): number {
    let left = minutes * MINUTE;
    for (let day = this.localDay(from), n = 0; n < MAX_SCAN_DAYS; day++, n++) {
      const open = this.hoursOn(day);
      if (!open) continue;
      const start = Math.max(open[0], from);
      if (start >= open[1]) continue;
      if (start + left <= open[1]) return start + left;
      left -= open[1] - start;
    }
    throw new Error(`the business-hours calendar has too little open time within ${MAX_SCAN_DAYS} days`);
  }

  /** Working minutes between two instants (0 when `to` is not after `from`). */
  workingMinutesBetween(from: number, to: number): number {
    let total = 0;
    const last = this.localDay(to);
    for (let day = this.localDay(from), n = 0; n < MAX_SCAN_DAYS && day <= last; day++, n++) {
      const open = this.hoursOn(day);
      if (open) total += Math.max(0, Math.min(open[1], to) - Math.max(open[0], from));
    }
    return total / MINUTE;
  }
}

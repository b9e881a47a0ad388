import { z } from "zod";

/** Helpers the sales skills share: rounding, money and Markdown. */

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** An ISO 4217 code (`EUR`); Intl formats it, so only the shape is checked. */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: "a three-letter ISO 4217 code such as USD or EUR" })
  .default("USD");

/** `12500` in `USD` → `$12,500`; whole units: forecasts and prices are not quoted in cents here. */
export function money(n: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(n);
}

/** `0.125` → `12.5%`. */
export function percent(fraction: number): string {
  return `${round(fraction * 100, 1)}%`;
}

/** Text made safe for one Markdown table cell or list item. */
export function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/([|\\`*_[\]<>])/g, "\\$1");
}

export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A list with its first `max` items and a count of the rest, so a deliverable stays readable. */
export function bullets(items: readonly string[], max = 20): string {
  const shown = items.slice(0, max).map((i) => `- ${i}`);
  if (items.length > max) shown.push(`- …and ${items.length - max} more`);
  return shown.join("\n");
}

/** Days from one instant or date to another (ISO 8601), rounded down; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

export const severity = z.enum(["high", "medium", "low"]);
export type Severity = z.infer<typeof severity>;
export const severityRank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
/** Whether every word of `term` appears in `text`: "Software" matches "Computer Software". */
export function wordsMatch(text: string, term: string): boolean {
  const have = new Set(words(text));
  const want = words(term);
  return want.length > 0 && want.every((w) => have.has(w));
}

// Text for people: labels for codes, money, percentages, dates, durations, ratings, statuses.

/** @import { Rating, TaskStatus } from "./api-types.js" */

/** @type {Record<string, string>} */
const COE = { marketing: "Marketing", sales: "Sales", support: "Support" };
/** @type {Record<string, string>} */
const LANG = { en: "English", es: "Spanish", fr: "French", de: "German", pt: "Portuguese", it: "Italian", nl: "Dutch", ja: "Japanese" };

/** @param {string} coe  a centre of excellence */
export const coeLabel = (coe) => COE[coe] ?? coe;
/** @param {string} lang  a language code */
export const langLabel = (lang) => LANG[lang] ?? lang.toUpperCase();
/** @param {number} usd */
export const money = (usd) => `$${Number.isInteger(usd) ? usd : usd.toFixed(2)}`;
/** @param {number | null | undefined} rate  0–1 */
export const pct = (rate) => (rate === null || rate === undefined ? "not measured yet" : `${Math.round(rate * 100)}%`);

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
/** @param {number | null | undefined} ms  epoch milliseconds */
export const when = (ms) => (ms ? dateFmt.format(new Date(ms)) : "—");

/** @param {number | null | undefined} ms */
export function duration(ms) {
  if (ms === null || ms === undefined) return "not measured yet";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 90_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 5_400_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** @param {Rating | null | undefined} rating */
export function ratingText(rating) {
  if (!rating || rating.average === null || rating.count === 0) return "No ratings yet";
  return `${rating.average.toFixed(1)} out of 5 (${rating.count} rating${rating.count === 1 ? "" : "s"})`;
}
/** @param {number} stars  1–5 */
export const starsText = (stars) => `${"★".repeat(stars)}${"☆".repeat(5 - stars)}`;
/**
 * "1 task", "3 tasks".
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** @param {string} displayName  e.g. "Maya, Content Writer" → "Maya" */
export const firstNameOf = (displayName) => displayName.split(/[ ,]/)[0] ?? displayName;

/** @typedef {{ label: string, tone: string }} StatusLabel  tone: a badge class (ok, warn, bad, neutral or none) */

/** @type {Record<string, StatusLabel>} */
const TASK_STATUS = {
  queued: { label: "Working on it", tone: "" },
  done: { label: "Done", tone: "ok" },
  needs_human: { label: "Needs a person", tone: "warn" },
  needs_hire: { label: "Needs another hire", tone: "warn" },
  delegated: { label: "With a colleague", tone: "" },
  declined: { label: "Declined", tone: "neutral" },
  failed: { label: "Failed", tone: "bad" },
};
/**
 * @param {TaskStatus} status
 * @returns {StatusLabel}
 */
export const taskStatus = (status) => TASK_STATUS[status] ?? { label: status, tone: "neutral" };

/** @type {Record<string, StatusLabel>} */
const HIRE_STATUS = {
  active: { label: "Active", tone: "ok" },
  ended: { label: "Ended", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};
/**
 * @param {string} status
 * @returns {StatusLabel}
 */
export const hireStatus = (status) => HIRE_STATUS[status] ?? { label: status, tone: "neutral" };

/** @type {Record<string, string>} */
const TIER = { rules: "its rules", cache: "a cached earlier decision", llm: "its AI model", fallback: "no tier (escalated)" };
/** @param {string} tier  which decision tier worked the task */
export const tierLabel = (tier) => TIER[tier] ?? tier;

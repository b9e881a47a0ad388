// The dashboard's numbers for people (the marketplace page's dates and durations, plus a few of
// its own).

export { duration, when } from "../../js/format.js";

/** @param {number} usd */
export const usd = (usd) => (usd === 0 ? "$0" : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`);
/** @param {number} n */
export const count = (n) => new Intl.NumberFormat("en").format(n);
/** @param {number} ms  epoch ms, as UTC hours and minutes (the charts' table) */
export const clock = (ms) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

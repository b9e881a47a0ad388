/**
 * Medians and spreads of a phase's passes, and ratios between two systems' passes. A single
 * pass of a ~1 s window is mostly noise on a shared 2-core machine; the median of several is
 * the figure to compare, and the spread says how far one pass can stray from it.
 */

/** A figure over n passes: its median and its range. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** A ratio of two spreads: median ÷ median, and the widest ratio any pairing of passes gives. */
export interface RatioSpread {
  median: number;
  /** Slowest pass of the numerator ÷ fastest pass of the denominator. */
  low: number;
  /** Fastest pass of the numerator ÷ slowest pass of the denominator. */
  high: number;
  /** Passes on the side with fewer: 1 means a single run, whose bounds say nothing. */
  n: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("median of no values");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  // Even counts average the middle two; the indices are in range for a non-empty array.
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function spreadOf(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

/** Each field rounded to `digits` decimals, for the JSON and the tables. */
export function roundSpread(s: Spread, digits = 0): Spread {
  const f = 10 ** digits;
  const r = (x: number) => Math.round(x * f) / f;
  return { median: r(s.median), min: r(s.min), max: r(s.max), n: s.n };
}

/**
 * a ÷ b. Runs of two systems are not paired (they ran minutes apart), so the bounds take every
 * pairing of a pass of `a` with a pass of `b`: min(a) ÷ max(b) to max(a) ÷ min(b). Conservative.
 */
export function ratioOf(a: Spread | null, b: Spread | null): RatioSpread | null {
  if (a === null || b === null || b.median === 0 || b.min === 0) return null;
  return { median: a.median / b.median, low: a.min / b.max, high: a.max / b.min, n: Math.min(a.n, b.n) };
}

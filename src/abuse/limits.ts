import type { WindowLimit } from "./sliding-window";

/**
 * The exact limits, kept by RateLimiterDO, where money or trust is at stake. Each is a Worker
 * variable `<count>/<seconds>` (wrangler.toml; README, "Abuse limits"); unset or malformed, the
 * default applies (a malformed value is logged, never fatal: a limit must not take sign-up down).
 */
export const EXACT_LIMITS = {
  /** Sign-ups from one IP address. */
  signup: { variable: "RATE_LIMIT_SIGNUPS_PER_IP", fallback: "5/3600" },
  /** Trials one customer starts. */
  trial: { variable: "RATE_LIMIT_TRIALS_PER_CUSTOMER", fallback: "5/86400" },
  /** Hires one customer creates. */
  hire: { variable: "RATE_LIMIT_HIRES_PER_CUSTOMER", fallback: "20/86400" },
  /** Task ratings and hire reviews one customer gives. */
  rating: { variable: "RATE_LIMIT_RATINGS_PER_CUSTOMER", fallback: "30/3600" },
  /** Verification e-mails one customer asks to be sent again. */
  verification: { variable: "RATE_LIMIT_VERIFICATION_EMAILS_PER_CUSTOMER", fallback: "5/3600" },
} as const;
export type ExactLimitName = keyof typeof EXACT_LIMITS;

const SHAPE = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/;

/** `"5/3600"` as a limit, or undefined when it is not `<count>/<seconds>` with both above 0. */
export function parseLimit(text: string | undefined): WindowLimit | undefined {
  const match = SHAPE.exec(text ?? "");
  const limit = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  return limit > 0 && seconds > 0 ? { limit, windowMs: Math.round(seconds * 1000) } : undefined;
}

/** The limit `name` as configured in `vars`, or its default. */
export function exactLimit(vars: Partial<Record<string, unknown>>, name: ExactLimitName): WindowLimit {
  const { variable, fallback } = EXACT_LIMITS[name];
  const raw = vars[variable];
  const parsed = typeof raw === "string" ? parseLimit(raw) : undefined;
  if (raw !== undefined && !parsed) console.warn(`${variable}=${String(raw)} is not <count>/<seconds>; using ${fallback}`);
  const limit = parsed ?? parseLimit(fallback);
  if (!limit) throw new Error(`the default of ${variable} is malformed`);
  return limit;
}

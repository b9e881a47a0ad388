import {
  BUDGET_WINDOWS,
  type BudgetAlert,
  type BudgetLimits,
  type BudgetWindow,
  type Reservation,
  type Spend,
  type WindowUsage,
} from "./budget-schemas";

/** How long a reservation may stay unsettled before it is charged at its estimate. */
export const RESERVATION_TTL_MS = 5 * 60_000;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS usage (bucket TEXT NOT NULL, period TEXT NOT NULL, used REAL NOT NULL, PRIMARY KEY (bucket, period))`,
  `CREATE TABLE IF NOT EXISTS reservations (id TEXT PRIMARY KEY, tokens REAL NOT NULL, usd REAL NOT NULL,
     day TEXT NOT NULL, month TEXT NOT NULL, minute TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS alerts (key TEXT PRIMARY KEY)`,
];

/** The UTC calendar periods a moment falls in, one per window. */
export function periodsAt(now: number): Record<BudgetWindow, string> {
  const iso = new Date(now).toISOString();
  return { tokensPerDay: iso.slice(0, 10), usdPerMonth: iso.slice(0, 7), llmCallsPerMinute: iso.slice(0, 16) };
}

/** What one call spends in each window's unit. */
function amountIn(window: BudgetWindow, spend: Spend): number {
  return window === "tokensPerDay" ? spend.tokens : window === "usdPerMonth" ? spend.usd : 1;
}

const RESERVED_COLUMN: Record<BudgetWindow, { period: string; amount: string }> = {
  tokensPerDay: { period: "day", amount: "tokens" },
  usdPerMonth: { period: "month", amount: "usd" },
  llmCallsPerMinute: { period: "minute", amount: "1" },
};

/**
 * A budget's ledger in its Durable Object's SQLite. Every method is synchronous, so a check and
 * the reservation it allows happen with no other call in between: concurrent wakes cannot
 * spend the same headroom twice. Estimates are reserved before a call and replaced by actual
 * usage when it settles; a reservation never settled is charged at its estimate when it
 * expires, so a crashed caller errs towards under-spending.
 */
export class BudgetLedger {
  constructor(private readonly sql: SqlStorage) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  usage(limits: BudgetLimits, now: number): WindowUsage[] {
    this.expireReservations(now);
    const periods = periodsAt(now);
    return BUDGET_WINDOWS.map((window) => {
      const period = periods[window];
      const { period: column, amount } = RESERVED_COLUMN[window];
      const used =
        this.sql.exec<{ used: number }>(`SELECT used FROM usage WHERE bucket = ? AND period = ?`, window, period).toArray()[0]?.used ?? 0;
      const reserved = this.sql
        .exec<{ r: number }>(`SELECT COALESCE(SUM(${amount}), 0) AS r FROM reservations WHERE ${column} = ?`, period)
        .one().r;
      return { window, period, used, reserved, limit: limits[window] };
    });
  }

  reserve(id: string, limits: BudgetLimits, estimate: Spend, warnAt: number, now: number): Reservation {
    const usage = this.usage(limits, now);
    for (const u of usage) {
      if (u.used + u.reserved + amountIn(u.window, estimate) > u.limit) {
        const alerts = this.alertOnce({ level: "exceeded", window: u.window, period: u.period, used: u.used + u.reserved, limit: u.limit });
        return { ok: false, window: u.window, used: u.used + u.reserved, limit: u.limit, alerts };
      }
    }
    const p = periodsAt(now);
    this.sql.exec(
      `INSERT INTO reservations (id, tokens, usd, day, month, minute, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      id,
      estimate.tokens,
      estimate.usd,
      p.tokensPerDay,
      p.usdPerMonth,
      p.llmCallsPerMinute,
      now + RESERVATION_TTL_MS,
    );
    return { ok: true, reservationId: id, alerts: this.thresholdAlerts(limits, warnAt, now) };
  }

  /** Replaces a reservation with what the call actually used. Unknown ids are ignored (already expired). */
  settle(id: string, actual: Spend, limits: BudgetLimits, warnAt: number, now: number): BudgetAlert[] {
    const row = this.sql
      .exec<{ day: string; month: string; minute: string }>(`SELECT day, month, minute FROM reservations WHERE id = ?`, id)
      .toArray()[0];
    if (!row) return [];
    this.sql.exec(`DELETE FROM reservations WHERE id = ?`, id);
    this.charge({ tokensPerDay: row.day, usdPerMonth: row.month, llmCallsPerMinute: row.minute }, actual);
    return this.thresholdAlerts(limits, warnAt, now);
  }

  /** Drops a reservation whose call was never made (the breaker refused it, say). */
  release(id: string): void {
    this.sql.exec(`DELETE FROM reservations WHERE id = ?`, id);
  }

  /** Forgets all usage, reservations and alerts (the budget's customer was erased). */
  erase(): void {
    for (const table of ["usage", "reservations", "alerts"]) this.sql.exec(`DELETE FROM ${table}`);
  }

  private charge(periods: Record<BudgetWindow, string>, spend: Spend): void {
    for (const window of BUDGET_WINDOWS) {
      this.sql.exec(
        `INSERT INTO usage (bucket, period, used) VALUES (?, ?, ?) ON CONFLICT (bucket, period) DO UPDATE SET used = used + excluded.used`,
        window,
        periods[window],
        amountIn(window, spend),
      );
    }
    // Past minutes are never read again; keep the table small.
    this.sql.exec(`DELETE FROM usage WHERE bucket = 'llmCallsPerMinute' AND period < ?`, periods.llmCallsPerMinute);
  }

  private expireReservations(now: number): void {
    const expired = this.sql
      .exec<{ id: string; tokens: number; usd: number; day: string; month: string; minute: string }>(
        `SELECT * FROM reservations WHERE expires_at <= ?`,
        now,
      )
      .toArray();
    for (const r of expired) {
      this.sql.exec(`DELETE FROM reservations WHERE id = ?`, r.id);
      this.charge({ tokensPerDay: r.day, usdPerMonth: r.month, llmCallsPerMinute: r.minute }, { tokens: r.tokens, usd: r.usd });
    }
  }

  private thresholdAlerts(limits: BudgetLimits, warnAt: number, now: number): BudgetAlert[] {
    return this.usage(limits, now).flatMap((u) => {
      // Calls per minute is a rate limit, not a budget: hitting it is not worth an alert.
      if (u.window === "llmCallsPerMinute" || u.limit === 0) return [];
      const spent = u.used + u.reserved;
      if (spent >= u.limit) return this.alertOnce({ level: "exceeded", window: u.window, period: u.period, used: spent, limit: u.limit });
      if (spent >= u.limit * warnAt)
        return this.alertOnce({ level: "warning", window: u.window, period: u.period, used: spent, limit: u.limit });
      return [];
    });
  }

  /** An alert the first time its (level, window, period) is reached; nothing after that. */
  private alertOnce(alert: BudgetAlert): BudgetAlert[] {
    if (alert.window === "llmCallsPerMinute") return [];
    const key = `${alert.level}:${alert.window}:${alert.period}`;
    const inserted = this.sql.exec(`INSERT OR IGNORE INTO alerts (key) VALUES (?)`, key).rowsWritten;
    return inserted > 0 ? [alert] : [];
  }
}

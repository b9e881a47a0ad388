import { DurableObject } from "cloudflare:workers";
import { decideHit, type WindowDecision, type WindowLimit } from "../src/abuse/sliding-window";

/**
 * An exact rate limit for one subject (`idFromName("<limit>:<subject>")`, e.g. `signup:<ip>`):
 * the times of its recent hits in SQLite rows, decided by the pure sliding window. One thread
 * per object, and no await between reading and writing, so concurrent hits are counted exactly.
 * An alarm forgets the subject once its window has passed, so idle subjects keep nothing.
 */
export class RateLimiterDO extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS hits (at INTEGER NOT NULL)");
  }

  /** Counts one hit if it fits the limit; otherwise refuses it, saying when one will fit. */
  async hit(limit: WindowLimit): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const now = Date.now();
    const hits = this.ctx.storage.sql
      .exec<{ at: number }>("SELECT at FROM hits")
      .toArray()
      .map((r) => r.at);
    const decision: WindowDecision = decideHit(hits, now, limit);
    // What `keep` says, written as a difference: the hits that left the window go, the new one comes.
    this.ctx.storage.sql.exec("DELETE FROM hits WHERE at <= ?", now - limit.windowMs);
    if (decision.allowed) {
      this.ctx.storage.sql.exec("INSERT INTO hits (at) VALUES (?)", now);
      await this.ctx.storage.setAlarm(now + limit.windowMs);
    }
    return { allowed: decision.allowed, retryAfterMs: decision.allowed ? 0 : decision.retryAfterMs };
  }

  override async alarm(): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM hits");
  }
}

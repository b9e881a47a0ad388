/**
 * Paces cold-object work around two local-runtime facts: workerd evicts an idle Durable Object
 * about 10 s after its last request, and one workerd process fails with SQLITE_NOMEM when too
 * many SQLite objects are alive at once. An object counts as live until `evictAfterMs` after the
 * step that touched it ended.
 */
interface Touch {
  endAt: number;
  count: number;
}

export class LiveObjectBudget {
  private touches: Touch[] = [];

  constructor(
    readonly cap: number,
    readonly evictAfterMs: number,
  ) {}

  /** Records that `count` objects were last touched at `endAt`. */
  touch(count: number, endAt: number): void {
    this.touches.push({ endAt, count });
    this.touches.sort((a, b) => a.endAt - b.endAt);
  }

  /** Objects presumed still live at `now`. */
  live(now: number): number {
    this.touches = this.touches.filter((t) => t.endAt + this.evictAfterMs > now);
    return this.touches.reduce((sum, t) => sum + t.count, 0);
  }

  /** Milliseconds until `extra` more objects fit under the cap (0 = now). */
  waitFor(extra: number, now: number): number {
    let live = this.live(now);
    // A step bigger than the cap can only run alone.
    const need = Math.min(extra, this.cap);
    if (live + need <= this.cap) return 0;
    for (const t of this.touches) {
      live -= t.count;
      if (live + need <= this.cap) return t.endAt + this.evictAfterMs - now;
    }
    return 0; // Unreachable: with every touch expired, live is 0.
  }
}

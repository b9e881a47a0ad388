/**
 * Work an object hands to `waitUntil` (sharing a decision with the cache, trace exports), kept
 * until it settles so that it can be waited for: the runtime does not say when an object's
 * waitUntil work is over, and tests must not close their environment under it.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly waitUntil: (work: Promise<unknown>) => void) {}

  /** Hands `work` to waitUntil and keeps it until it settles; its outcome stays waitUntil's. */
  add(work: Promise<unknown>): void {
    const kept: Promise<void> = work
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.pending.delete(kept));
    this.pending.add(kept);
    this.waitUntil(work);
  }

  /** Waits until none is left, including work added while waiting; true if it had to wait. */
  async settled(): Promise<boolean> {
    if (this.pending.size === 0) return false;
    while (this.pending.size > 0) await Promise.all(this.pending);
    return true;
  }
}

/**
 * Work an object must not run twice at once (an alarm run, a hand-back). Each call waits until
 * none is under way, then runs; others can wait for the one under way without running anything.
 * Kept in memory: only this instance can be running it, and a reset instance starts free.
 */
export class OneAtATime {
  /** The run under way, settling (never rejecting) when it ends. */
  private current: Promise<void> | undefined;

  /** Waits until none is under way; true if it had to wait. */
  async settled(): Promise<boolean> {
    if (!this.current) return false;
    while (this.current) await this.current;
    return true;
  }

  /** Runs `work` once none is under way; its own outcome, rejection included, is the caller's. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    // No await when free: two calls in one turn must not both find it free.
    while (this.current) await this.current;
    const run = work();
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.current = settled;
    try {
      return await run;
    } finally {
      if (this.current === settled) this.current = undefined;
    }
  }
}

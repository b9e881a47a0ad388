/**
 * The platform's Cron Trigger during a soak. Locally nothing fires Cron Triggers, yet recovery
 * relies on the cron's sweep: an event recorded `pending` whose queue message was lost (a worker
 * restart mid-request, or the local queue's batch in flight when the runtime dropped its
 * objects) is re-sent by it once older than the sweep's grace. The soak runs the trigger through
 * the operators' `POST /v1/admin/cron/run` (the same code the Cron Trigger runs) every minute;
 * production fires it every 15 minutes, so only the wait for recovery is shorter.
 */
import type { WaooawDriver } from "../lib/waooaw-driver";
import { withRetry } from "./drive";

export const SOAK_CRON = { expression: "*/15 * * * *", everyMs: 60_000 };

export class CronTicker {
  runs = 0;
  failures = 0;
  /** Events the sweep re-sent, over all runs. */
  requeued = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<boolean> | undefined;

  constructor(private readonly driver: WaooawDriver) {}

  /** Runs at once (a session that cannot run it shows at the start), then every minute. */
  start(): void {
    void this.fire();
    this.timer = setInterval(() => void this.fire(), SOAK_CRON.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.busy;
  }

  /** One run (skipped while the previous one is still going). */
  fire(): Promise<boolean> {
    this.busy ??= this.run().finally(() => {
      this.busy = undefined;
    });
    return this.busy;
  }

  private async run(): Promise<boolean> {
    try {
      // Retried like the harness's other calls: a run cut off by a restarting runtime runs again.
      const report = (await withRetry("cron", () =>
        this.driver.api("/v1/admin/cron/run", { body: { cron: SOAK_CRON.expression }, timeoutMs: 120_000 }),
      )) as {
        requeued?: number;
        steps?: { ok: boolean }[];
      } | null;
      this.runs++;
      this.requeued += report?.requeued ?? 0;
      if (report?.steps?.some((s) => !s.ok)) this.failures++;
      return true;
    } catch {
      this.failures++;
      return false;
    }
  }

  get summary(): string {
    return `the cron (${SOAK_CRON.expression}) ran ${this.runs} time(s), every ${SOAK_CRON.everyMs / 1000} s, re-sending ${this.requeued} stranded event(s)${this.failures ? `; ${this.failures} run(s) failed or had a failed step` : ""}`;
  }
}

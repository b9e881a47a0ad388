import { type ScheduledJob, scheduledJobs } from "./platform";
import { requeueStranded } from "./wake/ingest";
import { emitScheduleTick } from "./wake/schedule";

type Tick = Pick<ScheduledController, "cron" | "scheduledTime">;

/** The jobs a trigger runs: those of its expression, and those without one (they run on every trigger). */
export function jobsFor(cron: string, jobs: readonly ScheduledJob[]): ScheduledJob[] {
  return jobs.filter((job) => job.cron === undefined || job.cron === cron);
}

/** What one run of the cron did: each step's outcome, and how many stranded events it re-sent. */
export interface ScheduleRun {
  steps: { name: string; ok: boolean; error?: string }[];
  requeued: number;
  /** The sweep stopped at its time budget or at a refused page: another run re-sends the rest. */
  more: boolean;
  /** The tick failed (the platform reports that cron run as failed), and why. */
  tickFailed: boolean;
  tickError?: unknown;
}

/**
 * Everything the cron does: emit the tick (scheduled work wakes the agents subscribed to it),
 * re-send events that never reached the queue, and run the products' housekeeping jobs. The
 * steps are independent: a failing job stops neither the tick nor the others.
 */
export async function runSchedule(controller: Tick, env: Env, all: readonly ScheduledJob[] = scheduledJobs): Promise<ScheduleRun> {
  const jobs = jobsFor(controller.cron, all);
  const [tick, requeue, ...rest] = await Promise.allSettled([
    emitScheduleTick(controller, env),
    requeueStranded(env),
    ...jobs.map((job) => job.run(env)),
  ]);
  const sweep = requeue.status === "fulfilled" ? requeue.value : { requeued: 0, more: true, error: String(requeue.reason) };
  if (sweep.requeued) console.warn("re-enqueued events that never reached the queue", { requeued: sweep.requeued, more: sweep.more });
  const steps = [
    stepOf("schedule tick", tick),
    // A refused page fails the step, but what went before it was re-sent and is counted.
    sweep.error === undefined ? { name: SWEEP_STEP, ok: true } : { name: SWEEP_STEP, ok: false, error: sweep.error },
    ...jobs.map((job, i) => stepOf(job.name, rest[i])),
  ];
  for (const step of steps) if (!step.ok) console.error(`cron step failed: ${step.name}`, step.error);
  const tickFailed = tick.status === "rejected";
  return { steps, requeued: sweep.requeued, more: sweep.more, tickFailed, ...(tickFailed ? { tickError: tick.reason } : {}) };
}

const SWEEP_STEP = "re-send stranded events";

function stepOf(name: string, outcome: PromiseSettledResult<unknown> | undefined): ScheduleRun["steps"][number] {
  return outcome?.status === "rejected" ? { name, ok: false, error: String(outcome.reason) } : { name, ok: true };
}

/** The Cron Trigger's handler: {@link runSchedule}, rethrowing the tick's failure so the platform reports the run as failed. */
export async function onSchedule(controller: Tick, env: Env, all: readonly ScheduledJob[] = scheduledJobs): Promise<void> {
  const run = await runSchedule(controller, env, all);
  if (run.tickFailed) throw run.tickError;
}

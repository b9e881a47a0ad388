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
  /** The tick's own failure, if it failed (the platform reports that cron run as failed). */
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
  const requeued = requeue.status === "fulfilled" ? requeue.value : 0;
  if (requeued) console.warn("re-enqueued events that never reached the queue", { requeued });
  const outcomes = [
    { name: "schedule tick", outcome: tick },
    { name: "re-send stranded events", outcome: requeue },
    ...jobs.map((job, i) => ({ name: job.name, outcome: rest[i] })),
  ];
  const steps = outcomes.map(({ name, outcome }) =>
    outcome?.status === "rejected" ? { name, ok: false, error: String(outcome.reason) } : { name, ok: true },
  );
  for (const step of steps) if (!step.ok) console.error(`cron step failed: ${step.name}`, step.error);
  return { steps, requeued, ...(tick.status === "rejected" ? { tickError: tick.reason } : {}) };
}

/** The Cron Trigger's handler: {@link runSchedule}, rethrowing the tick's failure so the platform reports the run as failed. */
export async function onSchedule(controller: Tick, env: Env, all: readonly ScheduledJob[] = scheduledJobs): Promise<void> {
  const run = await runSchedule(controller, env, all);
  if (run.tickError !== undefined) throw run.tickError;
}

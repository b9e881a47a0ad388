import { type ScheduledJob, scheduledJobs } from "./platform";
import { requeueStranded } from "./wake/ingest";
import { emitScheduleTick } from "./wake/schedule";

type Tick = Pick<ScheduledController, "cron" | "scheduledTime">;

/** The jobs a trigger runs: those of its expression, and those without one (they run on every trigger). */
export function jobsFor(cron: string, jobs: readonly ScheduledJob[]): ScheduledJob[] {
  return jobs.filter((job) => job.cron === undefined || job.cron === cron);
}

/**
 * Everything the cron does: emit the tick (scheduled work wakes the agents subscribed to it),
 * re-send events the queue refused at ingest, and run the products' housekeeping jobs. The
 * steps are independent: a failing job stops neither the tick nor the others. The tick's own
 * failure is rethrown, so the platform reports the cron run as failed.
 */
export async function onSchedule(controller: Tick, env: Env, all: readonly ScheduledJob[] = scheduledJobs): Promise<void> {
  const jobs = jobsFor(controller.cron, all);
  const [tick, requeue, ...rest] = await Promise.allSettled([
    emitScheduleTick(controller, env),
    requeueStranded(env),
    ...jobs.map((job) => job.run(env)),
  ]);
  if (requeue.status === "fulfilled" && requeue.value)
    console.warn("re-enqueued events that never reached the queue", { requeued: requeue.value });
  const steps = [
    { name: "schedule tick", outcome: tick },
    { name: "re-send stranded events", outcome: requeue },
    ...jobs.map((job, i) => ({ name: job.name, outcome: rest[i] })),
  ];
  for (const { name, outcome } of steps)
    if (outcome?.status === "rejected") console.error(`cron step failed: ${name}`, String(outcome.reason));
  if (tick.status === "rejected") throw tick.reason;
}

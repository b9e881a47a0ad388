import { sweepIdempotencyKeys } from "../http/idempotency";
import { expireTrials } from "../marketplace/hires";
import { ingestEvents, requeueStranded } from "./ingest";

/**
 * Cron Triggers become `schedule.tick` events with subject `cron:<expression>`, so scheduled
 * work wakes exactly the agents that subscribed to that schedule: no polling loops anywhere.
 */
export async function emitScheduleTick(controller: Pick<ScheduledController, "cron" | "scheduledTime">, env: Env): Promise<void> {
  await ingestEvents(env, [
    {
      // One id per cron and minute makes a repeated trigger harmless.
      id: `tick_${controller.scheduledTime}_${controller.cron.replace(/[^A-Za-z0-9]/g, "")}`,
      type: "schedule.tick",
      source: "cron",
      subject: `cron:${controller.cron}`,
      occurredAt: new Date(controller.scheduledTime).toISOString(),
      payload: { cron: controller.cron },
    },
  ]);
}

/**
 * Everything the cron does: emit the tick, recover events the queue refused at ingest, end
 * trials whose time ran out, and forget expired idempotency keys.
 */
export async function onSchedule(controller: Pick<ScheduledController, "cron" | "scheduledTime">, env: Env): Promise<void> {
  // Independent steps: a failing sweep must not stop the tick, nor the tick the sweep.
  const [tick, sweep, ...housekeeping] = await Promise.allSettled([
    emitScheduleTick(controller, env),
    requeueStranded(env),
    expireTrials(env),
    sweepIdempotencyKeys(env.DB),
  ]);
  if (sweep.status === "fulfilled" && sweep.value)
    console.warn("re-enqueued events that never reached the queue", { requeued: sweep.value });
  for (const step of [tick, sweep, ...housekeeping]) if (step.status === "rejected") console.error("cron step failed", String(step.reason));
  if (tick.status === "rejected") throw tick.reason;
}

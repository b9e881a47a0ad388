import { ingestEvents } from "./ingest";

/**
 * Cron Triggers become `schedule.tick` events with subject `cron:<expression>`, so scheduled
 * work wakes exactly the agents that subscribed to that schedule: no polling loops anywhere.
 * The cron's other work is wired at the top (src/scheduled.ts).
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

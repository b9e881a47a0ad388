import { z } from "zod";
import { CustomerId } from "./event";
import { Subscription } from "./identity";

/** `retiring`: finishing or handing back the work it has in flight, taking no new work (README, "Retiring an agent"). */
export const LIFECYCLE_STATES = ["spawning", "active", "paused", "retiring", "retired"] as const;
export const LifecycleState = z.enum(LIFECYCLE_STATES);
export type LifecycleState = z.infer<typeof LifecycleState>;

export const instanceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "1-64 letters, digits, _ or -");

/** Operator request to spawn an agent instance from a definition. */
export const SpawnRequest = z
  .object({
    definition: z.string().min(1).max(64),
    id: instanceId.optional(),
    /** Binds the instance to one customer: it only wakes for that customer's events. */
    customerId: CustomerId.optional(),
    /** Extra subscriptions on top of the definition's. */
    subscriptions: z.array(Subscription).max(20).optional(),
  })
  .meta({ id: "SpawnRequest" });
export type SpawnRequest = z.infer<typeof SpawnRequest>;

/**
 * Operator request to retire an agent. Without a body it drains for `RETIRE_DRAIN_SECONDS`;
 * `drainSeconds: 0` hands back its work in flight at once.
 */
export const RetireRequest = z
  .object({
    drainSeconds: z.number().int().min(0).max(86_400).optional(),
  })
  .meta({ id: "RetireRequest" });
export type RetireRequest = z.infer<typeof RetireRequest>;

import { z } from "zod";
import { ConnectedRepositoryView } from "./github";

/** The caller's connected repositories, oldest first (a customer connects a handful). */
export const ConnectedRepositoryList = z.object({ items: z.array(ConnectedRepositoryView) }).meta({ id: "ConnectedRepositoryList" });
export type ConnectedRepositoryList = z.infer<typeof ConnectedRepositoryList>;

/** A webhook that became a wake event. `status` is ingest's: `duplicate` when a redelivery raced the first. */
export const WebhookIngested = z
  .object({ delivery: z.string(), eventId: z.string(), status: z.enum(["queued", "duplicate"]) })
  .meta({ id: "WebhookIngested" });
export type WebhookIngested = z.infer<typeof WebhookIngested>;

/** A webhook acknowledged and ignored (an event or action agents do not wake for, or a payload past GitHub's cap). */
export const WebhookIgnored = z.object({ delivery: z.string().optional(), ignored: z.string() }).meta({ id: "WebhookIgnored" });
export type WebhookIgnored = z.infer<typeof WebhookIgnored>;

/** A delivery seen before: nothing new happened. */
export const WebhookDuplicate = z
  .object({
    duplicate: z.literal(true),
    delivery: z.string(),
    outcome: z.enum(["ingested", "ignored"]),
    eventId: z.string().nullable(),
  })
  .meta({ id: "WebhookDuplicate" });
export type WebhookDuplicate = z.infer<typeof WebhookDuplicate>;

/** GitHub's `ping` when a webhook is created: the secret and URL work. */
export const WebhookPong = z.object({ pong: z.literal(true), repository: z.string() }).meta({ id: "WebhookPong" });
export type WebhookPong = z.infer<typeof WebhookPong>;

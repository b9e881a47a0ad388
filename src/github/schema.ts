import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ReportDestination } from "../schemas/github";
import type { VisionRules } from "../schemas/vision";

/**
 * Repositories customers connected. A webhook names its repository; this row says whose it is
 * (every event it makes carries that customer) and holds the secret its signature is checked
 * with. `fullName` is lower-cased: GitHub names are case-insensitive.
 */
export const connectedRepositories = sqliteTable(
  "connected_repositories",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    /** As the customer spelled it, for display and for the API paths. */
    repository: text("repository").notNull(),
    fullName: text("full_name").notNull(),
    webhookSecret: text("webhook_secret").notNull(),
    token: text("token"),
    visionRules: text("vision_rules", { mode: "json" }).notNull().$type<VisionRules>(),
    dailyReport: text("daily_report", { mode: "json" }).$type<ReportDestination>(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("connected_repositories_full_name").on(t.fullName), index("connected_repositories_customer").on(t.customerId)],
);

/**
 * Every webhook delivery accepted (`X-GitHub-Delivery`), per repository (a delivery id is only
 * trusted together with the repository whose secret signed it): a redelivery finds its row and
 * changes nothing. `outcome` is `ingested` (it became the wake event `eventId`) or `ignored` (why in `reason`).
 */
export const githubDeliveries = sqliteTable(
  "github_deliveries",
  {
    id: text("id").notNull(),
    repositoryId: text("repository_id").notNull(),
    githubEvent: text("github_event").notNull(),
    action: text("action"),
    outcome: text("outcome", { enum: ["ingested", "ignored"] }).notNull(),
    reason: text("reason"),
    eventId: text("event_id"),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.id] }), index("github_deliveries_repository").on(t.repositoryId, t.receivedAt)],
);

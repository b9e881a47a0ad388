import { z } from "zod";
import { ConnectedRepositoryView } from "./github";
import { LearnedRule } from "./learning";
import { Customer, HireView, KeyList, ReviewView, TaskDetail } from "./marketplace-views";
import { Memory } from "../memory/memory-types";
import { AgentMessage } from "./organisation";
import { OutputView } from "./outputs";

/** The most items of each collection one export holds (newest first); `truncated` names the collections cut there. */
export const EXPORT_LIMIT = 500;

export const EXPORT_COLLECTIONS = ["hires", "tasks", "reviews", "outputs", "memories", "learnedRules", "handoffs"] as const;

/** `GET /v1/customers/me/export`: everything the platform holds about the caller, as one document. */
export const CustomerExport = z
  .object({
    exportedAt: z.number().int(),
    limit: z.number().int().meta({ description: "The most items of each collection in one export, newest first" }),
    truncated: z
      .array(z.enum(EXPORT_COLLECTIONS))
      .meta({ description: "Collections that held more than `limit` items: read the rest through their paged routes" }),
    account: Customer,
    apiKeys: KeyList.shape.items.meta({ description: "Key metadata; never the keys (only their hashes are stored)" }),
    hires: z.array(HireView).meta({ description: "Hires and trials (`kind`)" }),
    tasks: z.array(TaskDetail).meta({ description: "Tasks with their history, messages, deliverables and ratings" }),
    reviews: z.array(ReviewView),
    outputs: z.array(OutputView),
    memories: z
      .array(z.object({ hireId: z.string(), items: z.array(Memory) }))
      .meta({ description: "What each hire's agent remembers of you" }),
    learnedRules: z.array(LearnedRule).meta({ description: "Rules your agents learned from your feedback" }),
    handoffs: z.array(AgentMessage).meta({ description: "Messages between agents about your tasks" }),
    repositories: z.array(ConnectedRepositoryView).meta({ description: "Connected repositories (never their secrets or tokens)" }),
  })
  .meta({ id: "CustomerExport" });
export type CustomerExport = z.infer<typeof CustomerExport>;

import { z } from "zod";

/** `DELETE /v1/customers/me`: what was erased, store by store. */
export const ErasureSummary = z
  .object({
    customerId: z.string(),
    erasedAt: z.number().int(),
    cancelled: z
      .object({ hires: z.number().int(), trials: z.number().int() })
      .meta({ description: "Active hires and trials cancelled first" }),
    agents: z
      .object({
        erased: z.number().int().meta({ description: "Agents whose Durable Object storage was erased" }),
        memories: z.number().int().meta({ description: "Memories deleted, with their vectors (local or Pinecone)" }),
        decisionCacheEntries: z.number().int().meta({ description: "Shared decision-cache answers of your agents' scopes" }),
        budgets: z.number().int().meta({ description: "Budget ledgers (yours and your agents') forgotten" }),
      })
      .meta({ description: "Durable Object storage" }),
    d1: z.record(z.string(), z.number().int()).meta({ description: "Rows deleted per D1 table" }),
    outputsCancelled: z.number().int().meta({ description: "Outputs not yet posted, cancelled (deleted before any channel posted them)" }),
    apiKeysRevoked: z.number().int(),
    notes: z.array(z.string()).meta({ description: "What the erase could not reach, and why" }),
  })
  .meta({ id: "ErasureSummary" });
export type ErasureSummary = z.infer<typeof ErasureSummary>;

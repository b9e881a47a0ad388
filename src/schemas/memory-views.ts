import { z } from "zod";
import { MAX_MEMORY_CHARS, Memory, MemoryKind } from "../memory/memory-types";
import { CustomerId } from "./event";

// The memory API: customers' own memories (/v1/hires/{id}/memories) and the operators' import
// and search (/v1/admin/agents/{id}/memories).

/** `GET /v1/hires/{id}/memories`: a page size and the cursor of the previous page. */
export const MemoryListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().regex(/^\d+$/, "a cursor from a previous page").max(20).optional(),
});

/** A page of memories, newest first; `nextCursor` goes in `?cursor=` for the next page. */
export const MemoryPage = z.object({ items: z.array(Memory), nextCursor: z.string().nullable() }).meta({ id: "MemoryPage" });
export type MemoryPage = z.infer<typeof MemoryPage>;

export const DeletedMemories = z.object({ deleted: z.number().int().nonnegative() }).meta({ id: "DeletedMemories" });

/** `POST /v1/admin/agents/{id}/memories`: memories an operator adds (1–500). */
export const ImportMemories = z.object({
  memories: z
    .array(
      z.object({
        customerId: CustomerId.nullable().optional(),
        kind: MemoryKind,
        text: z.string().trim().min(1).max(MAX_MEMORY_CHARS),
      }),
    )
    .min(1)
    .max(500),
});
export type ImportMemories = z.infer<typeof ImportMemories>;

export const ImportedMemories = z
  .object({ created: z.number().int().nonnegative(), ids: z.array(z.string()) })
  .meta({ id: "ImportedMemories" });

/** `GET /v1/admin/agents/{id}/memories/search`: the text to look up, whose memories, how many. */
export const MemorySearchQuery = z.object({
  q: z.string().trim().min(1).max(MAX_MEMORY_CHARS),
  customerId: CustomerId.optional(),
  topK: z.coerce.number().int().min(1).max(50).default(5),
});

export const MemorySearchResult = z
  .object({
    matches: z.array(z.object({ id: z.string(), kind: MemoryKind, text: z.string(), score: z.number(), createdAt: z.number().int() })),
    /** Time the recall took inside the agent (embedding the query and searching), in ms. */
    tookMs: z.number().nonnegative(),
    backend: z.enum(["local", "pinecone"]),
    model: z.string(),
    /** Vectors compared (the local backend's exact search); null for Pinecone. */
    searched: z.number().int().nonnegative().nullable(),
  })
  .meta({ id: "MemorySearchResult" });
export type MemorySearchResult = z.infer<typeof MemorySearchResult>;

import { z } from "zod";
import { CustomerId } from "../schemas/event";

/**
 * What an agent remembers: a task's brief (`task`) and what it delivered (`deliverable`),
 * facts a customer stated in a message (`fact`), decisions a customer rated
 * (`rated_decision`), and corrections a customer gave (`correction`).
 */
export const MEMORY_KINDS = ["task", "deliverable", "fact", "rated_decision", "correction"] as const;
export const MemoryKind = z.enum(MEMORY_KINDS);
export type MemoryKind = z.infer<typeof MemoryKind>;

/** Longest text one memory keeps (longer texts are clipped; a memory is a row, not a document store). */
export const MAX_MEMORY_CHARS = 4_000;

/** One memory as the API shows it (its vector stays inside the platform). */
export const Memory = z
  .object({
    id: z.string(),
    /** Whose memory it is: an agent serving several customers keeps each one's apart. */
    customerId: CustomerId.nullable(),
    kind: MemoryKind,
    text: z.string().max(MAX_MEMORY_CHARS),
    /** Where it came from. */
    source: z.object({ eventId: z.string().optional(), decisionId: z.string().optional(), taskId: z.string().optional() }),
    /** The embedding model its vector was made with; null while it waits to be embedded. */
    model: z.string().nullable(),
    createdAt: z.number().int(),
  })
  .meta({ id: "Memory" });
export type Memory = z.infer<typeof Memory>;

/** A memory found by relevance to a query: cosine similarity in [-1, 1] (higher is closer). */
export interface RecalledMemory {
  id: string;
  kind: MemoryKind;
  text: string;
  score: number;
  createdAt: number;
}

/** What the context assembler needs from memory: the customer's memories most relevant to a text. */
export interface MemoryRecall {
  recall(customerId: string | null, query: string, topK: number): Promise<RecalledMemory[]>;
}

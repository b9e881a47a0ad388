import { z } from "zod";

/** `POST /v1/admin/encryption/reencrypt`: one bounded pass. */
export const ReencryptRequest = z
  .strictObject({
    limit: z.number().int().min(1).max(500).default(100).describe("rows per table rewritten in this pass"),
    agents: z.number().int().min(0).max(100).default(25).describe("agents whose storage this pass re-encrypts"),
    agentCursor: z.string().max(200).optional().describe("`agents.nextCursor` of the previous pass: the agents after it"),
  })
  .meta({ id: "ReencryptRequest" });
export type ReencryptRequest = z.infer<typeof ReencryptRequest>;

const TablePass = z.object({ table: z.string(), rewritten: z.number().int(), remaining: z.number().int() });

export const ReencryptReport = z
  .object({
    currentKeyId: z.string().nullable().describe("null: encryption at rest is off (no ENCRYPTION_KEYS), nothing to do"),
    tables: z.array(TablePass),
    agents: z.object({
      visited: z.number().int(),
      rewritten: z.number().int(),
      /** Values still stale in the agents visited (a later pass finishes them). */
      remaining: z.number().int(),
      /** Pass it back to continue with the next agents; null: every agent was visited. */
      nextCursor: z.string().nullable(),
    }),
  })
  .meta({ id: "ReencryptReport" });
export type ReencryptReport = z.infer<typeof ReencryptReport>;

export const EncryptionStatus = z
  .object({
    encryptionAtRest: z.boolean(),
    currentKeyId: z.string().nullable(),
    keyIds: z.array(z.string()).describe("every key on the ring (each still decrypts)"),
    /** Per table, its values by key id (`plain`: written before encryption was on), judged by its main column. */
    tables: z.record(z.string(), z.record(z.string(), z.number().int())),
  })
  .meta({ id: "EncryptionStatus" });
export type EncryptionStatus = z.infer<typeof EncryptionStatus>;

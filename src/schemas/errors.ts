import { z } from "zod";

/** `{"error":{"code","message","field?","issues?"}}`: every error the API answers with (src/http/errors.ts). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({
        description: "Stable and machine-readable: `invalid_request`, `invalid_json`, `payload_too_large`, `unauthorized`, `not_found`, …",
        example: "invalid_request",
      }),
      message: z.string().meta({ description: "For people; may change.", example: "occurredAt: Invalid ISO datetime" }),
      field: z.string().optional().meta({ description: "The offending field, as a path: `events[0].type`.", example: "occurredAt" }),
      issues: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .meta({ description: "Every problem found, when there is more than one." }),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof ErrorBody>;

import { z } from "zod";
import { CentreOfExcellence } from "./identity";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by -")
  .max(64);
const stars = z.number().int().min(1).max(5);
const bool = z.enum(["true", "false"]).transform((v) => v === "true");

/** Sign-up: a customer account and its first API key (shown once). */
export const CreateCustomer = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
});
export type CreateCustomer = z.infer<typeof CreateCustomer>;

/** A verification link's token (`POST /v1/customers/verify`, or `?token=` on the link itself). */
export const VerifyEmail = z.object({ token: z.string().trim().min(10).max(100) });

/** A key's scope: `full`, `read` (GET/HEAD only) or `hire:<hireId>` (that hire's routes and tasks only). */
export const KeyScopeText = z.union([z.enum(["full", "read"]), z.string().regex(/^hire:[A-Za-z0-9_-]{1,64}$/, "hire:<hireId>")]).meta({
  id: "KeyScope",
  description: "`full` (default), `read` (GET and HEAD only) or `hire:<hireId>` (that hire's routes and tasks only)",
});

const MAX_KEY_DAYS = 3650;

export const CreateApiKey = z
  .object({
    label: z.string().trim().min(1).max(100).default("key"),
    scope: KeyScopeText.default("full"),
    expiresAt: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: "When the key stops working (ms since the epoch, in the future); or give `expiresInDays`" }),
    expiresInDays: z.number().int().min(1).max(MAX_KEY_DAYS).optional(),
  })
  .superRefine((k, ctx) => {
    if (k.expiresAt !== undefined && k.expiresInDays !== undefined)
      ctx.addIssue({ code: "custom", path: ["expiresInDays"], message: "give expiresAt or expiresInDays, not both" });
    if (k.expiresAt !== undefined && k.expiresAt <= Date.now())
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "must be in the future" });
  });
export type CreateApiKey = z.infer<typeof CreateApiKey>;

export const CATALOGUE_SORTS = ["relevance", "rating", "price", "trust"] as const;

/** `GET /v1/agents`: full-text search, filters, sorting and a cursor. */
export const CatalogueQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  coe: CentreOfExcellence.optional(),
  role: z.string().trim().min(1).max(100).optional(),
  industry: z.string().trim().min(1).max(100).optional(),
  skill: z.string().trim().min(1).max(100).optional(),
  language: z.string().trim().min(2).max(20).optional(),
  minPrice: z.coerce.number().nonnegative().optional(),
  maxPrice: z.coerce.number().nonnegative().optional(),
  minRating: z.coerce.number().min(0).max(5).optional(),
  sort: z.enum(CATALOGUE_SORTS).optional(),
  order: z.enum(["asc", "desc"]).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(500).optional(),
});
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;

export const StartTrial = z.object({ agent: slug });
export const CreateHire = z.object({ agent: slug });

export const CreateTask = z.object({
  title: z.string().trim().min(1).max(200),
  instructions: z.string().trim().min(1).max(20_000),
  /** Free-form inputs for the agent (links, ids, data); at most 32 KB as JSON. */
  inputs: z.record(z.string(), z.unknown()).default({}),
});
export type CreateTask = z.infer<typeof CreateTask>;

export const TaskMessage = z.object({ text: z.string().trim().min(1).max(10_000) });
export const RateTask = z.object({ stars, comment: z.string().trim().max(2_000).optional() });
export const ReviewHire = z.object({ stars, text: z.string().trim().min(1).max(5_000) });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  active: bool.optional(),
});

export const HIRE_KINDS = ["trial", "hire"] as const;
export const HIRE_STATUSES = ["active", "ended", "cancelled"] as const;
/** `cancelled`: the hire ended before the agent worked it (not counted against the agent). */
export const TASK_STATUSES = ["queued", "done", "needs_human", "needs_hire", "delegated", "declined", "failed", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const MESSAGE_STATUSES = ["queued", "answered", "cancelled", "failed"] as const;

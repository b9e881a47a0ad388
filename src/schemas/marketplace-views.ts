import { z } from "zod";
import { CentreOfExcellence } from "./identity";
import { HIRE_KINDS, HIRE_STATUSES, MESSAGE_STATUSES, TASK_STATUSES } from "./marketplace";

// Response shapes of the marketplace API: the single source of truth. The handlers in
// src/marketplace/* return the inferred types, /openapi.json is generated from these schemas, and
// tests parse real responses with them.

export const ListingCardView = z
  .object({
    slug: z.string(),
    displayName: z.string(),
    tagline: z.string(),
    coe: CentreOfExcellence,
    role: z.string(),
    priceUsdPerMonth: z.number(),
    industries: z.array(z.string()),
    languages: z.array(z.string()),
    skills: z.array(z.string()),
    rating: z.object({ average: z.number().nullable(), count: z.number().int(), bayesian: z.number() }),
    trustScore: z.number().meta({ description: "0–100: 60% Bayesian rating, 25% task success, 15% on time" }),
    stats: z.object({
      tasksFinished: z.number().int(),
      successRate: z.number().nullable(),
      onTimeRate: z.number().nullable(),
      medianResponseMs: z.number().nullable(),
    }),
  })
  .meta({ id: "ListingCard" });
export type ListingCardView = z.infer<typeof ListingCardView>;

export const CataloguePage = z
  .object({ items: z.array(ListingCardView), nextCursor: z.string().nullable(), sort: z.string() })
  .meta({ id: "CataloguePage" });
export type CataloguePage = z.infer<typeof CataloguePage>;

export const AgentProfile = ListingCardView.extend({
  description: z.string(),
  persona: z.object({ tone: z.string(), avatar: z.string().nullable() }),
  capabilities: z.array(z.string()),
  sampleOutputs: z.array(z.object({ title: z.string(), body: z.string() })),
  trial: z.object({ days: z.number().int(), budgetUsd: z.number(), maxTasks: z.number().int() }),
  responseTargetSeconds: z.number().int(),
  reviews: z.array(z.object({ stars: z.number().int(), text: z.string(), createdAt: z.number().int() })),
  trustExplained: z.string(),
}).meta({ id: "AgentProfile" });
export type AgentProfile = z.infer<typeof AgentProfile>;

export const Customer = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    createdAt: z.number().int(),
    emailVerifiedAt: z
      .number()
      .int()
      .nullable()
      .meta({ description: "When the e-mail address was verified (the link sent at sign-up); null until then. Trials need it." }),
  })
  .meta({ id: "Customer" });
export type Customer = z.infer<typeof Customer>;

export const IssuedKey = z
  .object({
    id: z.string(),
    label: z.string(),
    prefix: z.string(),
    key: z.string().nullable().meta({ description: "The key itself, in this response only (null when a retried request is replayed)" }),
    scope: z.string().meta({ description: "`full`, `read` or `hire:<hireId>`" }),
    expiresAt: z.number().int().nullable(),
    createdAt: z.number().int(),
  })
  .meta({ id: "IssuedKey" });
export type IssuedKey = z.infer<typeof IssuedKey>;

/** `POST /v1/customers/verify`: the customer whose e-mail the token verified. */
export const EmailVerified = z.object({ customerId: z.string(), emailVerifiedAt: z.number().int() }).meta({ id: "EmailVerified" });
export type EmailVerified = z.infer<typeof EmailVerified>;

/** `POST /v1/customers/me/verification`: how the new link went out (`logged`: no e-mail service is configured, see the server log). */
export const VerificationSent = z.object({ sent: z.enum(["sent", "logged", "failed"]) }).meta({ id: "VerificationSent" });

export const SignUpResult = z.object({ customer: Customer, apiKey: IssuedKey }).meta({ id: "SignUpResult" });
export type SignUpResult = z.infer<typeof SignUpResult>;

export const KeyList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      prefix: z.string(),
      scope: z.string().meta({ description: "`full`, `read` or `hire:<hireId>`" }),
      expiresAt: z.number().int().nullable(),
      createdAt: z.number().int(),
      lastUsedAt: z.number().int().nullable().meta({ description: "Last use, to within five minutes (written at most that often)" }),
      revokedAt: z.number().int().nullable(),
    }),
  ),
});
export type KeyList = z.infer<typeof KeyList>;

export const HireView = z
  .object({
    id: z.string(),
    agent: z.string(),
    agentName: z.string().nullable().optional(),
    kind: z.enum(HIRE_KINDS),
    status: z.enum(HIRE_STATUSES),
    startedAt: z.number().int(),
    endsAt: z.number().int().nullable(),
    taskLimit: z.number().int().nullable(),
    tasksUsed: z.number().int().optional(),
    reviewed: z.boolean().optional(),
    convertedAt: z.number().int().nullable(),
    endedAt: z.number().int().nullable(),
    endReason: z.string().nullable(),
  })
  .meta({ id: "Hire" });
export type HireView = z.infer<typeof HireView>;

export const HirePage = z.object({ items: z.array(HireView), nextCursor: z.string().nullable() });
export type HirePage = z.infer<typeof HirePage>;

/** What the agent made of a task or message: its decision, and the deliverable when it acted. */
export const TaskOutput = z
  .object({
    action: z.string().nullable(),
    summary: z.string(),
    deliverable: z.string().nullable().optional(),
    delegateTo: z.string().nullable().optional(),
    tier: z.string().optional(),
    decisionId: z.string().optional(),
    decidedAt: z.number().int().optional(),
    /** `needs_hire`: the role the task's chain needs and the listed agent that would take it. */
    needsHire: z.object({ role: z.string(), listing: z.string().nullable() }).optional(),
  })
  .meta({ id: "TaskOutput" });
export type TaskOutput = z.infer<typeof TaskOutput>;

export const TaskView = z
  .object({
    id: z.string(),
    hireId: z.string(),
    agent: z.string(),
    title: z.string(),
    instructions: z.string(),
    inputs: z.unknown(),
    status: z.enum(TASK_STATUSES),
    output: TaskOutput.nullable(),
    createdAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
    rating: z.object({ stars: z.number().int(), comment: z.string().nullable() }).nullable(),
  })
  .meta({ id: "Task" });
export type TaskView = z.infer<typeof TaskView>;

export const MessageView = z
  .object({
    id: z.string(),
    taskId: z.string().optional(),
    text: z.string(),
    status: z.enum(MESSAGE_STATUSES),
    reply: TaskOutput.nullable(),
    createdAt: z.number().int(),
    answeredAt: z.number().int().nullable(),
  })
  .meta({ id: "TaskMessage" });
export type MessageView = z.infer<typeof MessageView>;

export const TaskDetail = TaskView.extend({
  messages: z.array(MessageView),
  history: z.array(z.object({ at: z.number().int(), kind: z.string(), detail: z.unknown() })),
}).meta({ id: "TaskDetail" });
export type TaskDetail = z.infer<typeof TaskDetail>;

export const TaskPage = z.object({ items: z.array(TaskView), nextCursor: z.string().nullable() });
export type TaskPage = z.infer<typeof TaskPage>;

export const ReviewView = z
  .object({ id: z.string(), hireId: z.string(), agent: z.string(), stars: z.number().int(), text: z.string(), createdAt: z.number().int() })
  .meta({ id: "Review" });
export type ReviewView = z.infer<typeof ReviewView>;

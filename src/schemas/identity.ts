import { z } from "zod";
import { CustomerId, EventType } from "./event";

/** A segment pattern over event types: `github.*`, `task.assigned`, `*`. */
export const EventPattern = z.string().regex(/^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$/, "an event type, a prefix ending in .*, or *");

/** Any customer's events: an explicit, cross-tenant opt-in. */
export const ANY_CUSTOMER = "*";

/**
 * One wake subscription. `subject` is a glob (`repo:acme/*`). Tenants are isolated by default:
 * without `customerId` a subscription matches only events that carry no customer; with one it
 * matches only that customer's events (set automatically for instances bound to a customer);
 * `"*"` opts in to every customer's events.
 */
export const Subscription = z
  .object({
    event: EventPattern,
    subject: z.string().min(1).max(500).optional(),
    customerId: z.union([CustomerId, z.literal(ANY_CUSTOMER)]).optional(),
  })
  .meta({ id: "Subscription" });
export type Subscription = z.infer<typeof Subscription>;

export const CONDITION_OPS = ["eq", "neq", "in", "contains", "exists", "gt", "gte", "lt", "lte", "matches"] as const;

/** A condition on the situation: `path` reads `event.*`/`payload.*`/`context.*` by dots. */
export const RuleCondition = z.object({
  path: z.string().min(1).max(200),
  op: z.enum(CONDITION_OPS),
  value: z.unknown().optional(),
});
export type RuleCondition = z.infer<typeof RuleCondition>;

export const DECISION_ACTIONS = ["act", "ignore", "escalate", "delegate"] as const;
export const DecisionAction = z.enum(DECISION_ACTIONS);
export type DecisionAction = z.infer<typeof DecisionAction>;

/** A deterministic rule: first rule whose `when` matches decides. */
export const Rule = z
  .object({
    id: z.string().min(1).max(100),
    when: z.object({
      type: EventPattern.optional(),
      subject: z.string().min(1).max(500).optional(),
      conditions: z.array(RuleCondition).max(20).default([]),
    }),
    then: z.object({
      action: DecisionAction,
      reason: z.string().min(1).max(500),
      /** For `delegate`: the role to hand the work to; the customer's coordinator picks the agent. */
      delegateTo: z.string().min(1).max(100).optional(),
      /**
       * For `delegate`: how the work moves. `handoff` (the default) passes it on for good;
       * `request` consults the other role and gets its result back. `kind` replaces
       * `inputs.kind` for the receiver, so its own rules pick the work up.
       */
      handoff: z
        .object({
          type: z.enum(["handoff", "request"]).default("handoff"),
          kind: z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by -")
            .max(64)
            .optional(),
        })
        .optional(),
      /**
       * For `delegate` with a skill: hand off only when these hold on the skill's result
       * (`output.verdict`); otherwise the rule acts and the skill's deliverable is the answer.
       */
      delegateWhen: z.array(RuleCondition).max(20).optional(),
      /** For `act`: a working note the agent keeps in its context. */
      note: z.string().max(1000).optional(),
      /**
       * For `act` and `delegate`: a deterministic skill that does the work (`seo.on-page-audit`);
       * its rendered output is the decision's deliverable (and travels with a handoff). Bad
       * input escalates with `skill_input_invalid`.
       */
      skill: z
        .string()
        .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "area.skill-name")
        .max(100)
        .optional(),
      /** Where the skill's input is read from, as a rule path; default `payload.inputs`. */
      input: z.string().min(1).max(200).optional(),
    }),
  })
  .superRefine((rule, ctx) => {
    const { action, skill, handoff, delegateWhen } = rule.then;
    if (skill && action !== "act" && action !== "delegate") {
      ctx.addIssue({ code: "custom", message: "a skill does the work of an `act` or `delegate` rule", path: ["then", "skill"] });
    }
    // A `delegate` rule without `delegateTo` stays valid (definitions published before handoffs
    // existed have them): its handoff goes to a person.
    if (action !== "delegate" && (handoff || delegateWhen)) {
      ctx.addIssue({
        code: "custom",
        message: "only a `delegate` rule hands work off",
        path: ["then", handoff ? "handoff" : "delegateWhen"],
      });
    }
    if (delegateWhen && !skill) {
      ctx.addIssue({ code: "custom", message: "`delegateWhen` tests a skill's result: name the skill", path: ["then", "delegateWhen"] });
    }
  })
  .meta({ id: "Rule" });
export type Rule = z.infer<typeof Rule>;

export const CENTRES_OF_EXCELLENCE = ["marketing", "sales", "support"] as const;
export const CentreOfExcellence = z.enum(CENTRES_OF_EXCELLENCE);
export type CentreOfExcellence = z.infer<typeof CentreOfExcellence>;

/** What the agent can do: its CoE, role, capabilities, rules and wake subscriptions. */
export const Specialization = z
  .object({
    coe: CentreOfExcellence,
    role: z.string().min(1).max(100),
    capabilities: z.array(z.string().min(1).max(100)).min(1).max(50),
    rules: z.array(Rule).max(200).default([]),
    subscriptions: z.array(Subscription).min(1).max(50),
  })
  .meta({ id: "Specialization" });
export type Specialization = z.infer<typeof Specialization>;

/** The marketplace persona customers browse. */
export const Personality = z
  .object({
    displayName: z.string().min(1).max(100),
    tagline: z.string().min(1).max(200),
    tone: z.string().min(1).max(100),
    industries: z.array(z.string().min(1).max(100)).max(20).default([]),
    languages: z.array(z.string().min(2).max(20)).min(1).max(20),
    avatar: z.url().optional(),
  })
  .meta({ id: "Personality" });
export type Personality = z.infer<typeof Personality>;

/** One prompt of an A/B test: its instructions are appended to the system prompt for a `weight` share of events. */
export const PromptVariant = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, "letters, digits, _ and -, up to 32")
      .describe("names the variant in decisions and in the decision summary"),
    weight: z.number().positive().max(1_000).default(1).describe("relative share of events asked with this variant"),
    instructions: z.string().max(2_000).default("").describe("appended to the system prompt"),
  })
  .meta({ id: "PromptVariant" });
export type PromptVariant = z.infer<typeof PromptVariant>;

export const AgentDefaults = z.object({
  model: z.string().min(1).max(100).default("claude-haiku-4-5"),
  budget: z
    .object({
      usdPerMonth: z.number().nonnegative().default(5),
      tokensPerDay: z.number().int().nonnegative().default(200_000),
      llmCallsPerMinute: z.number().int().nonnegative().default(60),
    })
    .prefault({}),
  /** The semantic cache's similarity threshold for this definition (default: SEMANTIC_CACHE_THRESHOLD). */
  semanticThreshold: z.number().gt(0).lte(1).optional(),
  /** Tokens of context an LLM decision may be given (system prompt and user prompt); default LLM_CONTEXT_TOKENS. */
  contextTokens: z.number().int().min(256).max(200_000).optional(),
  /** Prompt variants to A/B test: each event is asked with one, chosen by its id and the weights. */
  promptVariants: z
    .array(PromptVariant)
    .min(1)
    .max(4)
    .refine((variants) => new Set(variants.map((v) => v.id)).size === variants.length, { message: "variant ids must be unique" })
    .optional(),
});

/** How the agent is sold in the marketplace. Definitions without a listing are not for sale. */
export const Listing = z.object({
  /** A paragraph for the profile page; searched together with the persona and capabilities. */
  description: z.string().min(1).max(2000),
  priceUsdPerMonth: z.number().nonnegative().max(100_000),
  trial: z
    .object({
      days: z.number().int().min(1).max(30).default(7),
      /** LLM spend the agent may use during the trial. */
      budgetUsd: z.number().nonnegative().max(1_000).default(2),
      maxTasks: z.number().int().min(1).max(1_000).default(20),
    })
    .prefault({}),
  /** A task done within this many seconds counts as on time in the trust score. */
  responseTargetSeconds: z
    .number()
    .int()
    .positive()
    .max(7 * 86_400)
    .default(3_600),
  sampleOutputs: z
    .array(z.object({ title: z.string().min(1).max(200), body: z.string().min(1).max(4_000) }))
    .max(10)
    .default([]),
});
export type Listing = z.infer<typeof Listing>;

/** What a template declares; instances are spawned from it. */
export const AgentDefinition = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by -")
      .max(64),
    version: z.number().int().positive().default(1),
    specialization: Specialization,
    personality: Personality,
    defaults: AgentDefaults.prefault({}),
    listing: Listing.optional(),
  })
  .meta({ id: "AgentDefinition" });
export type AgentDefinition = z.infer<typeof AgentDefinition>;
export type AgentDefinitionInput = z.input<typeof AgentDefinition>;

export { EventType };

import { z } from "zod";
import { CustomerId } from "./event";
import { CentreOfExcellence } from "./identity";

/**
 * The organisation's message protocol. `handoff` passes a task on for good; `request` consults
 * another role and expects a `result` back; `ack` is the receiver taking the work; `inform`
 * tells a role (or the sender) what happened; `escalate` hands the task to a person.
 */
export const AGENT_MESSAGE_TYPES = ["request", "inform", "handoff", "ack", "result", "escalate"] as const;
export const AgentMessageType = z.enum(AGENT_MESSAGE_TYPES);
export type AgentMessageType = z.infer<typeof AgentMessageType>;

/**
 * Where a message is: `routing` (recorded; the coordinator has yet to pick the receiver) →
 * `sent` (on the wake queue to the receiver, awaiting its ack) → `done` (acknowledged: the
 * receiver decided, and its `ack` is recorded beside it); `needs_hire` (the customer has no
 * agent in the role), `escalated` (to a person), `recorded` (acks and informs: nothing to deliver).
 */
export const AGENT_MESSAGE_STATUSES = ["routing", "sent", "done", "needs_hire", "escalated", "recorded"] as const;
export type AgentMessageStatus = (typeof AGENT_MESSAGE_STATUSES)[number];

/** An agent (or a person, or a coordinator) as a message's sender or receiver. */
export const AgentAddress = z.object({
  role: z.string().min(1).max(100),
  /** The agent instance; null until a coordinator has picked one. */
  instanceId: z.string().min(1).max(200).nullable(),
});
export type AgentAddress = z.infer<typeof AgentAddress>;

/** One message between agents about a task, as it travels and as the chain lists it. */
export const AgentMessage = z
  .object({
    id: z.string(),
    type: AgentMessageType,
    from: AgentAddress,
    to: AgentAddress,
    /** The task the message is about: every message of one chain shares it. */
    taskId: z.string(),
    /** The message this one answers (an ack or a result names its handoff or request). */
    correlationId: z.string(),
    traceId: z.string(),
    customerId: CustomerId,
    payload: z.record(z.string(), z.unknown()),
    /** Epoch ms by which the receiver must acknowledge, or the coordinator re-routes. */
    deadline: z.number().int().nullable(),
    status: z.enum(AGENT_MESSAGE_STATUSES),
    attempt: z.number().int().min(1),
    reason: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: "AgentMessage" });
export type AgentMessage = z.infer<typeof AgentMessage>;

/** Who held a task, from when until when, and why it came to them. */
export const ChainHolder = z.object({
  role: z.string(),
  instanceId: z.string(),
  since: z.number().int(),
  until: z.number().int().nullable(),
  why: z.string(),
});

/** `GET /v1/tasks/{id}/chain`: the task's path through the organisation. */
export const TaskChain = z
  .object({
    taskId: z.string(),
    status: z.string(),
    holders: z.array(ChainHolder),
    messages: z.array(AgentMessage),
  })
  .meta({ id: "TaskChain" });
export type TaskChain = z.infer<typeof TaskChain>;

/** A task given to a Centre of Excellence: its coordinator picks the specialist by the RACI matrix. */
export const CoordinatorTask = z.object({
  /** A task type of the CoE's RACI matrix (`GET /v1/coordinators/{coe}`). */
  type: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by -")
    .max(64),
  title: z.string().trim().min(1).max(200),
  instructions: z.string().trim().min(1).max(20_000),
  inputs: z.record(z.string(), z.unknown()).default({}),
});
export type CoordinatorTask = z.infer<typeof CoordinatorTask>;

/** One row of a RACI matrix: who does the work, who answers for it, who is asked, who is told. */
export const RaciEntry = z.object({
  responsible: z.string(),
  accountable: z.string(),
  consulted: z.array(z.string()),
  informed: z.array(z.string()),
  /** The `inputs.kind` the responsible role's rules pick up, when the customer gives none. */
  kind: z.string().optional(),
});
export type RaciEntry = z.infer<typeof RaciEntry>;

export const RaciMatrix = z.object({ coe: CentreOfExcellence, tasks: z.record(z.string(), RaciEntry) }).meta({ id: "RaciMatrix" });
export type RaciMatrix = z.infer<typeof RaciMatrix>;

/** How a coordinator routed a task: the RACI row it used and the agent it picked. */
export const CoordinatedTask = z
  .object({
    coe: CentreOfExcellence,
    type: z.string(),
    raci: RaciEntry,
    hireId: z.string(),
    instanceId: z.string(),
    taskId: z.string(),
    status: z.string(),
  })
  .meta({ id: "CoordinatedTask" });
export type CoordinatedTask = z.infer<typeof CoordinatedTask>;

/** `GET /v1/admin/escalations`: chains handed to a person. */
export const EscalationPage = z.object({ items: z.array(AgentMessage), nextCursor: z.string().nullable() }).meta({ id: "EscalationPage" });
export type EscalationPage = z.infer<typeof EscalationPage>;

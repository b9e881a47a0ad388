import type { DrainProgress } from "../schemas/agent-views";
import type { Event } from "../schemas/event";

/**
 * Retiring an agent that has work in flight: it finishes what it holds, or hands the work back,
 * before it retires. What "work in flight" is belongs to the products (a customer's queued task,
 * a handoff awaiting the agent's ack), so the core asks them through this extension point
 * (wired in src/platform.ts) and knows none of them.
 */

/** What handing work back did: re-routed to another agent, or handed back some other way (cancelled with a reason). */
export interface HandBack {
  rerouted: number;
  handedBack: number;
  /** The events that carried the work handed back: the retiring agent must not work them any more. */
  eventIds: string[];
}

/**
 * `start`: pass on now what another agent can take at once (a peer in the same role);
 * `final`: the drain is over (the agent holds nothing more, or the time ran out), hand back everything left.
 */
export type HandBackPhase = "start" | "final";

export interface RetireDrainExtension {
  name: string;
  /** How many pieces of work given to this agent it has not finished. */
  inFlight(env: Env, instanceId: string): Promise<number>;
  handBack(env: Env, instanceId: string, phase: HandBackPhase, now: number): Promise<HandBack>;
  /**
   * Whether an event that reaches the agent after it began retiring carries on work it already
   * holds (the answer to a request it made) rather than new work: it is taken, not refused.
   */
  continues?(event: Event): boolean;
  /** How many of the pieces in flight are answers on their way to it (it holds that work, though its inbox is empty). */
  awaiting?(env: Env, instanceId: string): Promise<number>;
}

export const NOTHING_HANDED_BACK: HandBack = { rerouted: 0, handedBack: 0, eventIds: [] };

/** The products' extensions as one: counts add up; work is handed back by each in turn (a coordinator's re-routing first). */
export function retireDrains(extensions: readonly RetireDrainExtension[]): RetireDrainExtension {
  return {
    name: extensions.map((e) => e.name).join("+"),
    async inFlight(env, instanceId) {
      let total = 0;
      for (const e of extensions) total += await e.inFlight(env, instanceId);
      return total;
    },
    async handBack(env, instanceId, phase, now) {
      const out: HandBack = { rerouted: 0, handedBack: 0, eventIds: [] };
      for (const e of extensions) {
        const part = await e.handBack(env, instanceId, phase, now);
        out.rerouted += part.rerouted;
        out.handedBack += part.handedBack;
        out.eventIds.push(...part.eventIds);
      }
      return out;
    },
    continues: (event) => extensions.some((e) => e.continues?.(event) ?? false),
    async awaiting(env, instanceId) {
      let total = 0;
      for (const e of extensions) total += (await e.awaiting?.(env, instanceId)) ?? 0;
      return total;
    },
  };
}

/** No products: nothing is ever in flight (the core's default). */
export const NO_RETIRE_DRAIN: RetireDrainExtension = retireDrains([]);

/** How often a retiring agent checks its drain. */
export const DRAIN_CHECK_MS = 2_000;
/**
 * How long an agent that holds nothing waits for work already on its way (an event in the
 * queue) before it hands back what is left.
 */
export const IN_TRANSIT_GRACE_MS = 4_000;
const DEFAULT_DRAIN_SECONDS = 300;

/** `RETIRE_DRAIN_SECONDS`: how long a retiring agent may take to finish what it holds. */
export function drainSeconds(env: { RETIRE_DRAIN_SECONDS?: string }): number {
  const raw = env.RETIRE_DRAIN_SECONDS?.trim();
  if (!raw) return DEFAULT_DRAIN_SECONDS;
  const s = Number(raw);
  if (!Number.isFinite(s) || s < 0)
    throw new Error(`RETIRE_DRAIN_SECONDS must be a number of seconds, 0 or more (got ${JSON.stringify(raw)})`);
  return s;
}

/**
 * How much work a retiring agent has in flight: the products' count (`inFlight`) and the events
 * in its own inbox (deferred for the model, or buffered while it was paused) are both work it was
 * given before it began retiring. They overlap: a customer's queued task is counted by its product
 * and its event also sits in the inbox, so adding them up would count that work twice. The core
 * cannot tell which inbox events carry a product's work (it knows no products), so it takes the
 * larger of the two. That is exact when either side holds all of the work (a paused agent's queued
 * tasks; plain events and no product work; handoffs whose events are still on their way), at worst
 * a little low when both hold some that the other does not, and it is 0 exactly when both are 0:
 * the agent retires only once its inbox is empty and the products hold nothing more for it.
 */
export function workInFlight(products: number, inbox: number): number {
  return Math.max(products, inbox);
}

/** What the drain's stored record keeps beside what the snapshot shows. */
export interface DrainRecord extends DrainProgress {
  deadline: number;
}

/** What a retiring agent does at a check: retire (nothing left), hand back what is left and retire, or look again later. */
export type DrainStep = "retire" | "hand_back" | "wait";

/**
 * The drain's rule, pure: nothing in flight → retire; the time is up, or the agent holds
 * nothing (no event in its inbox, no answer on its way to it) and work on its way has had time
 * to arrive → hand back what is left; otherwise keep working.
 */
export function drainStep(drain: Pick<DrainRecord, "startedAt" | "deadline">, now: number, remaining: number, held: number): DrainStep {
  if (remaining === 0) return "retire";
  if (now >= drain.deadline) return "hand_back";
  if (held === 0 && now - drain.startedAt >= IN_TRANSIT_GRACE_MS) return "hand_back";
  return "wait";
}

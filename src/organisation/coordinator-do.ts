import { DurableObject } from "cloudflare:workers";
import { pickLeastLoaded } from "./balancer";
import { listingForRole, rosterOf } from "./roster";
import { faultPlan, fires } from "../resilience/faults";

export interface RouteRequest {
  customerId: string;
  role: string;
  /** Agents not to pick: they refused, were paused or missed a deadline on this message. */
  exclude?: readonly string[];
}

export type RouteAnswer =
  | { kind: "assigned"; instanceId: string; hireId: string; candidates: number }
  /** The customer has no agent in the role at all. */
  | { kind: "needs_hire"; listing: string | null }
  /** The customer has some, but none can take it now: paused, or left out after failing this message. */
  | { kind: "unavailable"; paused: number; excluded: number };

/**
 * A Centre of Excellence's coordinator for a slice of customers (`<coe>:<shard>`). It picks the
 * agent that gets a piece of work: the customer's least loaded active agent in the role, taking
 * turns on ties. Load comes from the records (queued tasks, unacknowledged handoffs), so a
 * restarted coordinator routes as well as before; what it keeps in memory is only whose turn it
 * is. All routing for one customer goes through one object.
 */
export class CoordinatorDO extends DurableObject<Env> {
  private readonly lastAssigned = new Map<string, number>();
  private turn = 0;

  async route(request: RouteRequest): Promise<RouteAnswer> {
    const roster = await rosterOf(this.env.DB, request.customerId, request.role, Date.now());
    if (roster.length === 0) return { kind: "needs_hire", listing: await listingForRole(this.env.DB, request.role) };
    const exclude = new Set(request.exclude ?? []);
    const candidates = roster.filter((c) => c.state === "active" && !exclude.has(c.instanceId));
    const picked = pickLeastLoaded(candidates, this.lastAssigned);
    if (!picked) {
      const excluded = roster.filter((c) => exclude.has(c.instanceId)).length;
      return { kind: "unavailable", paused: roster.length - excluded, excluded };
    }
    this.lastAssigned.set(picked.instanceId, ++this.turn);
    // Injected (FAULTS): the object restarts once this answer is out, losing whose turn it is.
    if (fires(faultPlan(this.env), "coordinatorRestart", `${request.customerId}:${request.role}:${this.turn}`)) this.restartSoon();
    return { kind: "assigned", instanceId: picked.instanceId, hireId: picked.hireId, candidates: candidates.length };
  }

  private restartSoon(): void {
    setTimeout(() => this.ctx.abort("injected fault coordinatorRestart"), 0);
  }
}

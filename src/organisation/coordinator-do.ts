import { DurableObject } from "cloudflare:workers";
import { pickLeastLoaded } from "./balancer";
import { listingForRole, rosterOf } from "./roster";

export interface RouteRequest {
  customerId: string;
  role: string;
  /** Agents not to pick: they refused, were paused or missed a deadline on this message. */
  exclude?: readonly string[];
}

export type RouteAnswer =
  | { kind: "assigned"; instanceId: string; hireId: string; candidates: number }
  | { kind: "needs_hire"; listing: string | null };

/**
 * A Centre of Excellence's coordinator for a slice of customers (`<coe>:<shard>`). It picks the
 * agent that gets a piece of work: the customer's least loaded active agent in the role, taking
 * turns on ties. Load comes from the records (queued tasks, unacknowledged handoffs), so a
 * restarted coordinator routes as well as before; what it keeps in memory is only whose turn it
 * is. Routing for one customer goes through one object, in order.
 */
export class CoordinatorDO extends DurableObject<Env> {
  private readonly lastAssigned = new Map<string, number>();
  private turn = 0;

  async route(request: RouteRequest): Promise<RouteAnswer> {
    const roster = await rosterOf(this.env.DB, request.customerId, request.role, Date.now());
    const exclude = new Set(request.exclude ?? []);
    const candidates = roster.filter((c) => !exclude.has(c.instanceId));
    const picked = pickLeastLoaded(candidates, this.lastAssigned);
    if (!picked) return { kind: "needs_hire", listing: await listingForRole(this.env.DB, request.role) };
    this.lastAssigned.set(picked.instanceId, ++this.turn);
    return { kind: "assigned", instanceId: picked.instanceId, hireId: picked.hireId, candidates: candidates.length };
  }
}

import { DurableObject } from "cloudflare:workers";
import { BudgetLedger } from "../src/budgets/budget-ledger";
import type { BudgetAlert, BudgetLimits, Reservation, Spend, WindowUsage } from "../src/budgets/budget-schemas";

const LIMITS_KEY = "limits";

/**
 * The budget of one agent (`agent:<instanceId>`) or one customer (`customer:<customerId>`).
 * Callers pass their default limits; an operator override stored here wins over them.
 */
export class BudgetDO extends DurableObject<Env> {
  private readonly ledger: BudgetLedger;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.ledger = new BudgetLedger(ctx.storage.sql);
  }

  private limits(defaults: BudgetLimits): BudgetLimits {
    return this.ctx.storage.kv.get<BudgetLimits>(LIMITS_KEY) ?? defaults;
  }

  reserve(id: string, defaults: BudgetLimits, estimate: Spend, warnAt: number): Reservation {
    return this.ledger.reserve(id, this.limits(defaults), estimate, warnAt, Date.now());
  }

  settle(id: string, actual: Spend, defaults: BudgetLimits, warnAt: number): BudgetAlert[] {
    return this.ledger.settle(id, actual, this.limits(defaults), warnAt, Date.now());
  }

  release(id: string): void {
    this.ledger.release(id);
  }

  usage(defaults: BudgetLimits): { limits: BudgetLimits; overridden: boolean; windows: WindowUsage[] } {
    const limits = this.limits(defaults);
    return { limits, overridden: this.ctx.storage.kv.get(LIMITS_KEY) !== undefined, windows: this.ledger.usage(limits, Date.now()) };
  }

  /** Operator override of the limits; `null` returns to the caller's defaults. */
  setLimits(limits: BudgetLimits | null): void {
    if (limits) this.ctx.storage.kv.put(LIMITS_KEY, limits);
    else this.ctx.storage.kv.delete(LIMITS_KEY);
  }

  /** Forgets this budget's usage and any override: its customer's data was erased. */
  erase(): void {
    this.ledger.erase();
    this.ctx.storage.kv.delete(LIMITS_KEY);
  }
}

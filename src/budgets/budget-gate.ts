import type { AgentIdentity } from "../agents/identity";
import type { EngineSettings } from "../config/settings";
import { errorText } from "../errors";
import { newId } from "../ids";
import type { EventInput } from "../schemas/event";
import { ingestEvents } from "../wake/ingest";
import type { BudgetAlert, BudgetLimits, Spend } from "./budget-schemas";

export interface BudgetScope {
  kind: "agent" | "customer";
  id: string;
  defaults: BudgetLimits;
}

export interface BudgetHold {
  scope: BudgetScope;
  reservationId: string;
}

export type GateDecision = { ok: true; holds: BudgetHold[] } | { ok: false; reason: string };

export function budgetStub(env: Env, scope: Pick<BudgetScope, "kind" | "id">) {
  return env.BUDGET.get(env.BUDGET.idFromName(`${scope.kind}:${scope.id}`));
}

/** A customer's limits unless an operator overrides them (`PUT /v1/admin/budgets/customers/:id`). */
export function customerBudgetScope(customerId: string, settings: EngineSettings): BudgetScope {
  return {
    kind: "customer",
    id: customerId,
    defaults: {
      tokensPerDay: settings.CUSTOMER_BUDGET_TOKENS_PER_DAY,
      usdPerMonth: settings.CUSTOMER_BUDGET_USD_PER_MONTH,
      llmCallsPerMinute: settings.CUSTOMER_BUDGET_LLM_CALLS_PER_MINUTE,
    },
  };
}

/** The budgets one agent's LLM calls count against: its own, and its customer's when hired. */
export function budgetScopes(identity: AgentIdentity, settings: EngineSettings): BudgetScope[] {
  const own: BudgetScope = { kind: "agent", id: identity.instanceId, defaults: identity.definition.defaults.budget };
  return identity.customerId ? [own, customerBudgetScope(identity.customerId, settings)] : [own];
}

/**
 * Reserves an LLM call's estimated spend in every budget it counts against before the call,
 * and settles actual usage after it. Each budget is a Durable Object, so concurrent wakes (of
 * this agent or of the customer's other agents) are serialized there and cannot overspend
 * together. Alerts become `budget.warning` / `budget.exceeded` events.
 */
export class BudgetGate {
  constructor(
    private readonly env: Env,
    private readonly scopes: readonly BudgetScope[],
    private readonly warnAt: number,
    private readonly customerId: string | null,
  ) {}

  /** `traceId`: the decision's, carried by the alerts this raises (they belong to its trace). */
  async reserve(estimate: Spend, traceId?: string): Promise<GateDecision> {
    const holds: BudgetHold[] = [];
    for (const scope of this.scopes) {
      const reservationId = newId("rsv");
      const result = await budgetStub(this.env, scope).reserve(reservationId, scope.defaults, estimate, this.warnAt);
      await this.emit(scope, result.alerts, traceId);
      if (!result.ok) {
        await this.release(holds);
        return {
          ok: false,
          reason: `budget_exceeded: ${scope.kind} ${scope.id} ${result.window} limit ${result.limit} reached (${round(result.used)} used)`,
        };
      }
      holds.push({ scope, reservationId });
    }
    return { ok: true, holds };
  }

  async settle(holds: readonly BudgetHold[], actual: Spend, traceId?: string): Promise<void> {
    for (const { scope, reservationId } of holds) {
      const alerts = await budgetStub(this.env, scope).settle(reservationId, actual, scope.defaults, this.warnAt);
      await this.emit(scope, alerts, traceId);
    }
  }

  async release(holds: readonly BudgetHold[]): Promise<void> {
    for (const { scope, reservationId } of holds) await budgetStub(this.env, scope).release(reservationId);
  }

  /** Alerts arrive once per budget, window and period, so the event ids make ingest idempotent too. */
  private async emit(scope: BudgetScope, alerts: readonly BudgetAlert[], traceId?: string): Promise<void> {
    if (!alerts.length) return;
    const events: EventInput[] = alerts.map((alert) => ({
      id: `budget-${alert.level}-${scope.kind}-${scope.id}-${alert.window}-${alert.period}`.replace(/[^A-Za-z0-9_.:-]/g, "_").slice(0, 128),
      type: alert.level === "warning" ? "budget.warning" : "budget.exceeded",
      source: "waooaw.budgets",
      subject: `budget:${scope.kind}:${scope.id}`,
      occurredAt: new Date().toISOString(),
      customerId: scope.kind === "customer" ? scope.id : (this.customerId ?? undefined),
      payload: { scope: scope.kind, scopeId: scope.id, ...alert },
      ...(traceId ? { traceId } : {}),
    }));
    try {
      await ingestEvents(this.env, events);
    } catch (error) {
      // The decision itself is already safe; a lost alert is logged, not retried into the wake.
      console.error("could not emit budget alert", { scope: `${scope.kind}:${scope.id}`, error: errorText(error) });
    }
  }
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

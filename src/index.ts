import { AgentDO as CoreAgentDO } from "../durable-objects/agent";
import { app } from "./app";
import { enricher, hooks, retireDrain, skills } from "./platform";
import { onSchedule } from "./scheduled";
import { handleWakeBatch } from "./wake/consumer";
import { handleDeadLetterBatch } from "./wake/dead-letters";

export { BudgetDO } from "../durable-objects/budget";
export { CircuitBreakerDO } from "../durable-objects/circuit-breaker";
export { DecisionCacheDO } from "../durable-objects/decision-cache";
export { CoordinatorDO } from "./organisation/coordinator-do";

/** The agent Durable Object with the products' hooks and skills (wrangler.toml binds AGENT to this export). */
export class AgentDO extends CoreAgentDO {
  protected override readonly hooks = hooks;
  protected override readonly skills = skills;
  protected override readonly enricher = enricher;
  protected override readonly retireDrain = retireDrain;
}

/** Wake queue and its dead-letter queue share one consumer entry; the queue name routes them. */
const DLQ_SUFFIX = "-dlq";

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (batch.queue.endsWith(DLQ_SUFFIX)) await handleDeadLetterBatch(batch, env, hooks);
    else await handleWakeBatch(batch, env, hooks);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(onSchedule(controller, env));
  },
} satisfies ExportedHandler<Env, unknown>;

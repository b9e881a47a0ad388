import { app } from "./app";
import { handleDeadLetterBatch } from "./wake/dead-letters";
import { handleWakeBatch } from "./wake/consumer";
import { onSchedule } from "./wake/schedule";

export { AgentDO } from "../durable-objects/agent";
export { BudgetDO } from "../durable-objects/budget";
export { CircuitBreakerDO } from "../durable-objects/circuit-breaker";
export { DecisionCacheDO } from "../durable-objects/decision-cache";

/** Wake queue and its dead-letter queue share one consumer entry; the queue name routes them. */
const DLQ_SUFFIX = "-dlq";

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (batch.queue.endsWith(DLQ_SUFFIX)) await handleDeadLetterBatch(batch, env);
    else await handleWakeBatch(batch, env);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(onSchedule(controller, env));
  },
} satisfies ExportedHandler<Env, unknown>;

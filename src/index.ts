import { AgentDO as CoreAgentDO } from "../durable-objects/agent";
import { app } from "./app";
import { enricher, hooks, retireDrain, skills, traceSources } from "./platform";
import { onSchedule } from "./scheduled";
import { flushMetrics } from "./observability/metrics/recorder";
import { queueBatchWork } from "./traces/batch-work";
import { exportBatchTraces } from "./traces/export";
import { otlpConfig } from "./traces/otlp-config";
import { handleWakeBatch } from "./wake/consumer";
import { handleDeadLetterBatch } from "./wake/dead-letters";

export { AuditDO } from "../durable-objects/audit";
export { BudgetDO } from "../durable-objects/budget";
export { CircuitBreakerDO } from "../durable-objects/circuit-breaker";
export { DecisionCacheDO } from "../durable-objects/decision-cache";
export { MetricsDO } from "../durable-objects/metrics";
export { RateLimiterDO } from "../durable-objects/rate-limiter";
export { CoordinatorDO } from "./organisation/coordinator-do";

/** The agent Durable Object with the products' hooks and skills (wrangler.toml binds AGENT to this export). */
export class AgentDO extends CoreAgentDO {
  protected override readonly hooks = hooks;
  protected override readonly skills = skills;
  protected override readonly enricher = enricher;
  protected override readonly traceSources = traceSources;
  protected override readonly retireDrain = retireDrain;
}

/** Wake queue and its dead-letter queue share one consumer entry; the queue name routes them. */
const DLQ_SUFFIX = "-dlq";

export default {
  fetch: app.fetch,
  async queue(batch, env, ctx) {
    const startedAt = Date.now();
    let results: Awaited<ReturnType<typeof handleWakeBatch>> = [];
    try {
      if (batch.queue.endsWith(DLQ_SUFFIX)) await handleDeadLetterBatch(batch, env, hooks);
      else results = await handleWakeBatch(batch, env, hooks);
    } finally {
      // Each batch's counts go to a metrics shard as it ends (one write per batch, not per event).
      ctx.waitUntil(flushMetrics(env));
    }
    // The spans this batch finished go to the OpenTelemetry collector after the work, once per
    // batch; without an endpoint configured nothing is read.
    const deadLetters = batch.queue.endsWith(DLQ_SUFFIX);
    if (otlpConfig(env))
      ctx.waitUntil(exportBatchTraces(env, queueBatchWork(batch.messages, results, startedAt, { deadLetters }), traceSources));
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(onSchedule(controller, env).finally(() => flushMetrics(env)));
  },
} satisfies ExportedHandler<Env, unknown>;

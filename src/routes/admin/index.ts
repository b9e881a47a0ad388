import { Hono } from "hono";
import { operatorAuth } from "../../http/auth";
import { idempotency } from "../../http/idempotency";
import type { AppEnv } from "../../types";
import { adminAgentRoutes } from "./agents";
import { adminAuditRoutes } from "./audit";
import { adminBreakerRoutes } from "./breakers";
import { adminBudgetRoutes } from "./budgets";
import { adminCostRoutes } from "./costs";
import { adminCronRoutes } from "./cron";
import { adminCustomerRoutes } from "./customers";
import { adminDefinitionRoutes } from "./definitions";
import { adminDlqRoutes } from "./dlq";
import { adminEscalationRoutes } from "./escalations";
import { adminEventRoutes } from "./events";
import { adminEncryptionRoutes } from "./encryption";
import { adminLearnedRuleRoutes } from "./learned-rules";
import { adminReconciliationRoutes } from "./reconciliation";
import { adminStatsRoutes } from "./stats";
import { adminStatsTimeseriesRoutes } from "./stats-timeseries";
import { adminTraceRoutes } from "./traces";

/** Everything under /v1/admin requires the operator token. */
export const adminRoutes = new Hono<AppEnv>()
  .use(operatorAuth, idempotency())
  .route("/agents", adminAgentRoutes)
  .route("/audit", adminAuditRoutes)
  .route("/budgets", adminBudgetRoutes)
  .route("/breakers", adminBreakerRoutes)
  .route("/costs", adminCostRoutes)
  .route("/cron", adminCronRoutes)
  .route("/customers", adminCustomerRoutes)
  .route("/dlq", adminDlqRoutes)
  .route("/events", adminEventRoutes)
  .route("/encryption", adminEncryptionRoutes)
  .route("/reconciliation", adminReconciliationRoutes)
  .route("/stats/timeseries", adminStatsTimeseriesRoutes)
  .route("/stats", adminStatsRoutes)
  .route("/escalations", adminEscalationRoutes)
  .route("/traces", adminTraceRoutes)
  .route("/learned-rules", adminLearnedRuleRoutes)
  .route("/", adminDefinitionRoutes);

import { Hono } from "hono";
import { bodyLimits } from "./http/body-limits";
import { drainUnreadBody } from "./http/drain-body";
import { errorResponse } from "./http/errors";
import { approximateLimits } from "./http/rate-limit";
import { apiSecureHeaders } from "./http/secure-headers";
import { openApiDocument } from "./http/openapi";
import { adminRoutes } from "./routes/admin";
import { agentRoutes } from "./routes/agents";
import { customerRoutes } from "./routes/customers";
import { hireRoutes, trialRoutes } from "./routes/hires";
import { taskRoutes } from "./routes/tasks";
import { coordinatorRoutes } from "./routes/coordinators";
import { definitionRoutes } from "./routes/definitions";
import { eventRoutes } from "./routes/events";
import { repositoryRoutes } from "./routes/repositories";
import { webhookRoutes } from "./routes/webhooks";
import { adminOutputRoutes, adminReportRoutes } from "./routes/outputs/admin";
import { outputRoutes } from "./routes/outputs";
import { metricsRoutes } from "./routes/metrics";
import { flushSoon } from "./observability/metrics/recorder";
import { encryptionAtRest } from "./crypto/env-cipher";
import { faultStatus } from "./resilience/faults";
import type { AppEnv } from "./types";
import { waitUntilOf } from "./http/wait-until";

/**
 * The HTTP API. Routes live one folder per resource under src/routes. `/` and `/docs` are
 * static assets (public/), served before the Worker runs.
 */
export const app = new Hono<AppEnv>()
  // Outermost, so errors and 404s carry the headers too.
  .use(apiSecureHeaders)
  // Outside the body limits: it reads what is left of a body even when they refused it.
  .use(drainUnreadBody)
  .use(bodyLimits)
  .use(async (c, next) => {
    await next();
    // What this request counted reaches a metrics shard within METRICS_FLUSH_INTERVAL_MS
    // (without an execution context, as in a unit test, nothing waits).
    const waitUntil = waitUntilOf(c);
    if (waitUntil) flushSoon(c.env, waitUntil);
  })
  // Encryption at rest off (no ENCRYPTION_KEYS) is reported, not fatal: the platform stores plain text.
  // Injected faults (FAULTS, dev and test only) are reported when set, so a soak run can check they are on.
  .get("/health", (c) => {
    const faults = faultStatus(c.env);
    return c.json({ ok: true, encryptionAtRest: encryptionAtRest(c.env), ...(faults === null ? {} : { faults }) });
  })
  // Approximate per-IP and per-key limits on the customer routes and the public catalogue; the
  // exact ones (sign-up, trials, hires, ratings) are on their routes.
  .use("/v1/customers/*", approximateLimits)
  .use("/v1/trials/*", approximateLimits)
  .use("/v1/hires/*", approximateLimits)
  .use("/v1/tasks/*", approximateLimits)
  .use("/v1/outputs/*", approximateLimits)
  .use("/v1/agents/*", approximateLimits)
  .use("/v1/repositories/*", approximateLimits)
  .use("/v1/coordinators/*", approximateLimits)
  .get("/openapi.json", (c) => c.json(openApiDocument())) // interactive docs: /docs (public/docs)
  .route("/v1/events", eventRoutes)
  .route("/v1/agents", agentRoutes)
  .route("/v1/customers", customerRoutes)
  .route("/v1/trials", trialRoutes)
  .route("/v1/hires", hireRoutes)
  .route("/v1/tasks", taskRoutes)
  .route("/v1/coordinators", coordinatorRoutes)
  .route("/v1/definitions", definitionRoutes)
  .route("/v1/outputs", outputRoutes)
  .route("/v1/admin/outputs", adminOutputRoutes)
  .route("/v1/admin/reports", adminReportRoutes)
  .route("/v1/admin", adminRoutes)
  .route("/v1/repositories", repositoryRoutes)
  .route("/v1/webhooks", webhookRoutes)
  .route("/metrics", metricsRoutes)
  .notFound((c) => c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } }, 404))
  .onError(errorResponse);

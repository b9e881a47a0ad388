import { Hono } from "hono";
import { operatorAuth } from "../http/auth";
import { PROMETHEUS_CONTENT_TYPE } from "../observability/metrics/render";
import { scrapeMetrics } from "../observability/metrics/scrape";
import type { AppEnv } from "../types";

/** `GET /metrics`: what a Prometheus scrape job reads, with the operator token like /v1/admin. */
export const metricsRoutes = new Hono<AppEnv>()
  .use(operatorAuth)
  .get("/", async (c) => c.body(await scrapeMetrics(c.env), 200, { "content-type": PROMETHEUS_CONTENT_TYPE }));

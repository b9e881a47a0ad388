import { Hono } from "hono";
import { errorResponse } from "./http/errors";
import { adminRoutes } from "./routes/admin";
import { agentRoutes } from "./routes/agents";
import { definitionRoutes } from "./routes/definitions";
import { eventRoutes } from "./routes/events";
import type { AppEnv } from "./types";

/** The HTTP API. Routes live one folder per resource under src/routes. */
export const app = new Hono<AppEnv>()
  .get("/", (c) => c.json({ name: "waooaw", tagline: "Agents Earn Your Business", docs: "https://github.com/waooaw (see README.md)" }))
  .get("/health", (c) => c.json({ ok: true }))
  .route("/v1/events", eventRoutes)
  .route("/v1/agents", agentRoutes)
  .route("/v1/definitions", definitionRoutes)
  .route("/v1/admin", adminRoutes)
  .notFound((c) => c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } }, 404))
  .onError(errorResponse);

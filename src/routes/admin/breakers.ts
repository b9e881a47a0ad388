import { Hono } from "hono";
import { z } from "zod";
import { parseWith } from "../../http/validate";
import { providerBreaker } from "../../resilience/breaker-client";
import type { AppEnv } from "../../types";

const Provider = z.enum(["anthropic"]);

/** The shared circuit breakers, one per LLM provider: inspect, and close one by hand. */
export const adminBreakerRoutes = new Hono<AppEnv>()
  .get("/:provider", async (c) => {
    const provider = parseWith(Provider, c.req.param("provider"), "provider");
    return c.json({ provider, ...(await providerBreaker(c.env, provider).status()) });
  })
  .post("/:provider/reset", async (c) => {
    const provider = parseWith(Provider, c.req.param("provider"), "provider");
    return c.json({ provider, ...(await providerBreaker(c.env, provider).reset()) });
  });

import { Hono } from "hono";
import { z } from "zod";
import { parseWith } from "../../http/validate";
import { providerBreaker } from "../../resilience/breaker-client";
import type { AppEnv } from "../../types";

export const Provider = z.enum(["anthropic"]);

/** The breaker of one provider (src/resilience/breaker-state.ts). */
export const BreakerStatus = z
  .object({
    provider: Provider,
    phase: z.enum(["closed", "open", "half_open"]),
    consecutiveFailures: z.number().int().nonnegative(),
    openedAt: z.number().int().nullable(),
    /** While half-open: when the current probe's lease runs out. */
    probeUntil: z.number().int().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: "BreakerStatus" });

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

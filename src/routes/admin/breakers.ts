import { Hono } from "hono";
import { audit } from "../../http/audit";
import { parseWith } from "../../http/validate";
import { providerBreaker } from "../../resilience/breaker-client";
import { type BreakerStatus, Provider } from "../../schemas/operator-views";
import type { AppEnv } from "../../types";

/** The shared circuit breakers, one per LLM provider: inspect, and close one by hand. */
export const adminBreakerRoutes = new Hono<AppEnv>()
  .get("/:provider", async (c) => {
    const provider = parseWith(Provider, c.req.param("provider"), "provider");
    return c.json({ provider, ...(await providerBreaker(c.env, provider).status()) } satisfies BreakerStatus);
  })
  .post("/:provider/reset", async (c) => {
    const provider = parseWith(Provider, c.req.param("provider"), "provider");
    const breaker = providerBreaker(c.env, provider);
    const before = await breaker.status();
    const after = await breaker.reset();
    await audit(c, {
      action: "breaker.reset",
      target: { type: "breaker", id: provider },
      before: { phase: before.phase, consecutiveFailures: before.consecutiveFailures },
      after: { phase: after.phase, consecutiveFailures: after.consecutiveFailures },
    });
    return c.json({ provider, ...after } satisfies BreakerStatus);
  });

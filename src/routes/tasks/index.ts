import { Hono } from "hono";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { exactRateLimit } from "../../http/rate-limit";
import { jsonBody } from "../../http/validate";
import { getTask, postMessage, rateTask } from "../../marketplace/tasks";
import { taskChain } from "../../organisation/chain";
import { RateTask, TaskMessage } from "../../schemas/marketplace";
import type { AppEnv } from "../../types";

/** A task: status, outputs and history; messages to the agent; the customer's rating. */
export const taskRoutes = new Hono<AppEnv>()
  .use(customerAuth, idempotency())
  .get("/:id", async (c) => c.json(await getTask(c.env, c.get("customerId"), c.req.param("id"))))
  .get("/:id/chain", async (c) => c.json(await taskChain(c.env, c.get("customerId"), c.req.param("id"))))
  .post("/:id/messages", async (c) =>
    c.json(await postMessage(c.env, c.get("customerId"), c.req.param("id"), (await jsonBody(c, TaskMessage)).text), 202),
  )
  .post("/:id/rating", exactRateLimit("rating", "customer"), async (c) => {
    const { stars, comment } = await jsonBody(c, RateTask);
    return c.json(await rateTask(c.env, c.get("customerId"), c.req.param("id"), stars, comment));
  });

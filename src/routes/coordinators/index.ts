import { Hono } from "hono";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { jsonBody, parseWith } from "../../http/validate";
import { giveToCoordinator } from "../../organisation/coordinator-tasks";
import { RACI } from "../../organisation/raci";
import { CentreOfExcellence } from "../../schemas/identity";
import { CoordinatorTask, type RaciMatrix } from "../../schemas/organisation";
import type { AppEnv } from "../../types";

/** The Centres of Excellence's coordinators: their RACI matrices, and tasks given to a CoE. */
export const coordinatorRoutes = new Hono<AppEnv>()
  .get("/", (c) => c.json({ items: Object.values(RACI) satisfies RaciMatrix[] }))
  .get("/:coe", (c) => c.json(RACI[parseWith(CentreOfExcellence, c.req.param("coe"), "coe")] satisfies RaciMatrix))
  .post("/:coe/tasks", customerAuth, idempotency(), async (c) => {
    const coe = parseWith(CentreOfExcellence, c.req.param("coe"), "coe");
    return c.json(await giveToCoordinator(c.env, c.get("customerId"), coe, await jsonBody(c, CoordinatorTask)), 202);
  });

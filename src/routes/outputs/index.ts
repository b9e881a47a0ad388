import { Hono } from "hono";
import { fieldCipher } from "../../crypto/env-cipher";
import { customerAuth } from "../../http/customer-auth";
import { queryOf } from "../../http/validate";
import { getOutput, listOutputs } from "../../outputs/records-query";
import { CustomerOutputQuery } from "../../schemas/outputs";
import type { AppEnv } from "../../types";

/** What a customer's agents produced. Their own only: every query is scoped by the API key's customer. */
export const outputRoutes = new Hono<AppEnv>()
  .use(customerAuth)
  .get("/", async (c) => c.json(await listOutputs(c.env.DB, queryOf(c, CustomerOutputQuery), fieldCipher(c.env), c.get("customerId"))))
  .get("/:id", async (c) => c.json(await getOutput(c.env.DB, fieldCipher(c.env), c.req.param("id"), c.get("customerId"))));

import { Hono } from "hono";
import { findCustomer } from "../../marketplace/customers";
import { markEmailVerified } from "../../marketplace/email/verification";
import type { AppEnv } from "../../types";

/**
 * Customers, for operators: support (a customer whose mail never arrives) and local development
 * (the README's walkthrough) verify an e-mail without the link. Behind the operator token.
 */
export const adminCustomerRoutes = new Hono<AppEnv>().post("/:id/verify-email", async (c) => {
  const id = c.req.param("id");
  await markEmailVerified(c.env, id);
  return c.json(await findCustomer(c.env.DB, id));
});

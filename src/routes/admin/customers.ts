import { Hono } from "hono";
import { audit } from "../../http/audit";
import { findCustomer } from "../../marketplace/customers";
import { markEmailVerified } from "../../marketplace/email/verification";
import type { AppEnv } from "../../types";

/**
 * Customers, for operators: support (a customer whose mail never arrives) and local development
 * (the README's walkthrough) verify an e-mail without the link. Behind the operator token.
 */
export const adminCustomerRoutes = new Hono<AppEnv>().post("/:id/verify-email", async (c) => {
  const id = c.req.param("id");
  const before = await findCustomer(c.env.DB, id);
  await markEmailVerified(c.env, id);
  const after = await findCustomer(c.env.DB, id);
  // An operator vouching for an address is an admin change: the log keeps who, never the address.
  await audit(c, {
    action: "customer.verify_email",
    target: { type: "customer", id },
    customerId: id,
    before: { emailVerifiedAt: before.emailVerifiedAt },
    after: { emailVerifiedAt: after.emailVerifiedAt },
  });
  return c.json(after);
});

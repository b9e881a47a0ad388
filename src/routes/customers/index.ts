import { Hono } from "hono";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { audit } from "../../http/audit";
import { jsonBody, queryOf } from "../../http/validate";
import { listAudit } from "../../audit/query";
import { type AuditPage, OwnAuditQuery } from "../../schemas/audit";
import { createCustomer, findCustomer, issueKey, listKeys, revokeKey } from "../../marketplace/customers";
import { CreateApiKey, CreateCustomer } from "../../schemas/marketplace";
import type { KeyList } from "../../schemas/marketplace-views";
import type { AppEnv } from "../../types";

/** A replayed sign-up or key creation never shows the key again: it was shown once. */
function redactKey(body: unknown): unknown {
  if (!body || typeof body !== "object") return body;
  const b = body as Record<string, unknown>;
  const hide = (k: unknown) => (k && typeof k === "object" ? { ...(k as object), key: null, keyShownOnce: true } : k);
  return "apiKey" in b ? { ...b, apiKey: hide(b["apiKey"]) } : hide(b);
}

/** Customer accounts and their API keys. */
export const customerRoutes = new Hono<AppEnv>()
  .post("/", idempotency(redactKey), async (c) => {
    const signedUp = await createCustomer(c.env.DB, await jsonBody(c, CreateCustomer));
    const { customer, apiKey } = signedUp;
    await audit(c, {
      action: "customer.signup",
      target: { type: "customer", id: customer.id },
      customerId: customer.id,
      // Ids only: the log cannot be erased, so it keeps no name or e-mail address.
      after: { apiKey: { id: apiKey.id, prefix: apiKey.prefix } },
    });
    return c.json(signedUp, 201);
  })
  .use("/me/*", customerAuth)
  .use("/me", customerAuth)
  .get("/me", async (c) => c.json(await findCustomer(c.env.DB, c.get("customerId"))))
  .get("/me/keys", async (c) => c.json({ items: await listKeys(c.env.DB, c.get("customerId")) } satisfies KeyList))
  .post("/me/keys", idempotency(redactKey), async (c) => {
    const { label } = await jsonBody(c, CreateApiKey);
    const issued = await issueKey(c.env.DB, c.get("customerId"), label);
    // The key itself is shown once, to the caller; the log keeps its id and prefix only.
    await audit(c, { action: "key.create", target: { type: "api_key", id: issued.id }, after: { label, prefix: issued.prefix } });
    return c.json(issued, 201);
  })
  .delete("/me/keys/:id", async (c) => {
    await revokeKey(c.env.DB, c.get("customerId"), c.req.param("id"));
    await audit(c, { action: "key.revoke", target: { type: "api_key", id: c.req.param("id") }, after: { revoked: true } });
    return c.body(null, 204);
  })
  .get("/me/audit", async (c) => {
    const q = queryOf(c, OwnAuditQuery);
    return c.json((await listAudit(c.env.DB, { ...q, customerId: c.get("customerId") })) satisfies AuditPage);
  });

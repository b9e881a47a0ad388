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
import { eraseCustomer } from "../../customer-data/erase";
import { exportCustomer } from "../../customer-data/export";
import type { ErasureSummary } from "../../schemas/customer-erasure";
import type { CustomerExport } from "../../schemas/customer-data";

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
  .delete("/me", async (c) => {
    const customerId = c.get("customerId");
    const summary = await eraseCustomer(c.env, customerId);
    // The erasure is the one record of the account the log keeps: who, when, and counts per store, never content.
    await audit(c, { action: "customer.erase", target: { type: "customer", id: customerId }, customerId, after: summary });
    return c.json(summary satisfies ErasureSummary);
  })
  .get("/me/export", async (c) =>
    c.json((await exportCustomer(c.env, c.get("customerId"), new URL(c.req.url).origin)) satisfies CustomerExport),
  )
  .get("/me/keys", async (c) => c.json({ items: await listKeys(c.env.DB, c.get("customerId")) } satisfies KeyList))
  .post("/me/keys", idempotency(redactKey), async (c) => {
    const input = await jsonBody(c, CreateApiKey);
    const issued = await issueKey(c.env, c.get("customerId"), input);
    // The key itself is shown once, to the caller; the log keeps its id and prefix only.
    const after = { label: input.label, prefix: issued.prefix, scope: issued.scope, expiresAt: issued.expiresAt };
    await audit(c, { action: "key.create", target: { type: "api_key", id: issued.id }, after });
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

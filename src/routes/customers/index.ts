import { Hono } from "hono";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { audit } from "../../http/audit";
import { exactRateLimit } from "../../http/rate-limit";
import { jsonBody, queryOf } from "../../http/validate";
import { listAudit } from "../../audit/query";
import { type AuditPage, OwnAuditQuery } from "../../schemas/audit";
import { createCustomer, findCustomer, issueKey, listKeys, revokeKey } from "../../marketplace/customers";
import { resendVerification, verifyEmail } from "../../marketplace/email/verification";
import { CreateApiKey, CreateCustomer, VerifyEmail } from "../../schemas/marketplace";
import type { EmailVerified, KeyList } from "../../schemas/marketplace-views";
import type { AppEnv } from "../../types";
import { eraseCustomer } from "../../customer-data/erase";
import { exportCustomer } from "../../customer-data/export";
import type { ErasureSummary } from "../../schemas/customer-erasure";
import type { CustomerExport } from "../../schemas/customer-data";
import { verifiedPage } from "./verified-page";

/** A replayed sign-up or key creation never shows the key again: it was shown once. */
function redactKey(body: unknown): unknown {
  if (!body || typeof body !== "object") return body;
  const b = body as Record<string, unknown>;
  const hide = (k: unknown) => (k && typeof k === "object" ? { ...(k as object), key: null, keyShownOnce: true } : k);
  return "apiKey" in b ? { ...b, apiKey: hide(b["apiKey"]) } : hide(b);
}

/** Customer accounts, their e-mail verification and their API keys. */
export const customerRoutes = new Hono<AppEnv>()
  // A replayed sign-up (same Idempotency-Key) is not counted again: the limit runs after the replay.
  .post("/", idempotency(redactKey), exactRateLimit("signup", "ip"), async (c) => {
    const signedUp = await createCustomer(c.env, await jsonBody(c, CreateCustomer), new URL(c.req.url).origin);
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
  // The link in the e-mail: a browser follows it and reads a small page.
  .get("/verify", async (c) => {
    const { token } = queryOf(c, VerifyEmail);
    try {
      const { customerId } = await verifyEmail(c.env, token);
      await audit(c, { action: "customer.email_verified", target: { type: "customer", id: customerId }, customerId });
      return c.html(verifiedPage(true));
    } catch {
      return c.html(verifiedPage(false), 400);
    }
  })
  .post("/verify", idempotency(), async (c) => {
    const verified = await verifyEmail(c.env, (await jsonBody(c, VerifyEmail)).token);
    await audit(c, {
      action: "customer.email_verified",
      target: { type: "customer", id: verified.customerId },
      customerId: verified.customerId,
    });
    return c.json(verified satisfies EmailVerified);
  })
  .use("/me/*", customerAuth)
  .use("/me", customerAuth)
  .get("/me", async (c) => c.json(await findCustomer(c.env.DB, c.get("customerId"))))
  .post("/me/verification", idempotency(), exactRateLimit("verification", "customer"), async (c) =>
    c.json(await resendVerification(c.env, c.get("customerId"), new URL(c.req.url).origin), 202),
  )
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
    const issued = await issueKey(c.env, c.get("customerId"), input, c.get("customerKey")?.expiresAt ?? null);
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
    const page = await listAudit(c.env.DB, { ...q, customerId: c.get("customerId") });
    // What an operator did to the account is the customer's to see; who the operator is and where
    // they worked from is not.
    const items = page.items.map((e) =>
      e.actor.kind === "operator" ? { ...e, actor: { kind: e.actor.kind, id: "operator" }, ip: null, userAgent: null } : e,
    );
    return c.json({ ...page, items } satisfies AuditPage);
  });

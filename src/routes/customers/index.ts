import { type Context, Hono } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { audit } from "../../http/audit";
import { exactRateLimit } from "../../http/rate-limit";
import { jsonBody, parseWith, queryOf } from "../../http/validate";
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
import { ValidationError } from "../../errors";
import { confirmPage, VERIFY_PAGE_CSP, verifiedPage } from "./verify-pages";

const isForm = (contentType: string | undefined) => contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded") ?? false;

/** A verification page: its own CSP (the stylesheet and the form may load and post), never cached (it holds the token). */
function page(c: Context<AppEnv>, body: HtmlEscapedString | Promise<HtmlEscapedString>, status: 200 | 400 = 200) {
  c.header("content-security-policy", VERIFY_PAGE_CSP);
  c.header("cache-control", "no-store");
  return c.html(body, status);
}

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
  // The link in the e-mail answers a page with a button and changes nothing: mail scanners open
  // links before the customer does, and would use up the single-use token.
  .get("/verify", (c) => {
    const { token } = queryOf(c, VerifyEmail);
    return page(c, confirmPage(token));
  })
  // The page's form (urlencoded) gets a page back; an API caller (JSON) gets JSON and typed errors.
  .post("/verify", idempotency(), async (c) => {
    const form = isForm(c.req.header("content-type"));
    let verified: EmailVerified;
    try {
      const { token } = form ? parseWith(VerifyEmail, { token: (await c.req.parseBody())["token"] }) : await jsonBody(c, VerifyEmail);
      verified = await verifyEmail(c.env, token);
    } catch (error) {
      if (form && error instanceof ValidationError) return page(c, verifiedPage(false), 400);
      throw error;
    }
    await audit(c, {
      action: "customer.email_verified",
      target: { type: "customer", id: verified.customerId },
      customerId: verified.customerId,
    });
    return form ? page(c, verifiedPage(true)) : c.json(verified);
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

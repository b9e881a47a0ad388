import { Hono } from "hono";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { exactRateLimit } from "../../http/rate-limit";
import { jsonBody, queryOf } from "../../http/validate";
import { createCustomer, findCustomer, issueKey, listKeys, revokeKey } from "../../marketplace/customers";
import { resendVerification, verifyEmail } from "../../marketplace/email/verification";
import { CreateApiKey, CreateCustomer, VerifyEmail } from "../../schemas/marketplace";
import type { EmailVerified, KeyList } from "../../schemas/marketplace-views";
import type { AppEnv } from "../../types";
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
  .post("/", idempotency(redactKey), exactRateLimit("signup", "ip"), async (c) =>
    c.json(await createCustomer(c.env, await jsonBody(c, CreateCustomer), new URL(c.req.url).origin), 201),
  )
  // The link in the e-mail: a browser follows it and reads a small page.
  .get("/verify", async (c) => {
    const { token } = queryOf(c, VerifyEmail);
    try {
      await verifyEmail(c.env, token);
      return c.html(verifiedPage(true));
    } catch {
      return c.html(verifiedPage(false), 400);
    }
  })
  .post("/verify", idempotency(), async (c) =>
    c.json((await verifyEmail(c.env, (await jsonBody(c, VerifyEmail)).token)) satisfies EmailVerified),
  )
  .use("/me/*", customerAuth)
  .use("/me", customerAuth)
  .get("/me", async (c) => c.json(await findCustomer(c.env.DB, c.get("customerId"))))
  .post("/me/verification", idempotency(), exactRateLimit("verification", "customer"), async (c) =>
    c.json(await resendVerification(c.env, c.get("customerId"), new URL(c.req.url).origin), 202),
  )
  .get("/me/keys", async (c) => c.json({ items: await listKeys(c.env.DB, c.get("customerId")) } satisfies KeyList))
  .post("/me/keys", idempotency(redactKey), async (c) => {
    const { label } = await jsonBody(c, CreateApiKey);
    return c.json(await issueKey(c.env.DB, c.get("customerId"), label), 201);
  })
  .delete("/me/keys/:id", async (c) => {
    await revokeKey(c.env.DB, c.get("customerId"), c.req.param("id"));
    return c.body(null, 204);
  });

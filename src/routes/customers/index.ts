import { Hono } from "hono";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { exactRateLimit } from "../../http/rate-limit";
import { jsonBody } from "../../http/validate";
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
  // A replayed sign-up (same Idempotency-Key) is not counted again: the limit runs after the replay.
  .post("/", idempotency(redactKey), exactRateLimit("signup", "ip"), async (c) =>
    c.json(await createCustomer(c.env.DB, await jsonBody(c, CreateCustomer)), 201),
  )
  .use("/me/*", customerAuth)
  .use("/me", customerAuth)
  .get("/me", async (c) => c.json(await findCustomer(c.env.DB, c.get("customerId"))))
  .get("/me/keys", async (c) => c.json({ items: await listKeys(c.env.DB, c.get("customerId")) } satisfies KeyList))
  .post("/me/keys", idempotency(redactKey), async (c) => {
    const { label } = await jsonBody(c, CreateApiKey);
    return c.json(await issueKey(c.env.DB, c.get("customerId"), label), 201);
  })
  .delete("/me/keys/:id", async (c) => {
    await revokeKey(c.env.DB, c.get("customerId"), c.req.param("id"));
    return c.body(null, 204);
  });

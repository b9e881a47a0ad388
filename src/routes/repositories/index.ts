import { type Context, Hono } from "hono";
import {
  connectRepository,
  disconnectRepository,
  getRepository,
  listRepositories,
  rotateSecret,
  updateRepository,
} from "../../github/repositories";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { jsonBody } from "../../http/validate";
import { ConnectRepositoryInput, UpdateRepositoryInput } from "../../schemas/github";
import type { AppEnv } from "../../types";

/** A replayed connect or rotation never shows the secret again: it was shown once (rotate it if lost). */
function redactSecret(body: unknown): unknown {
  return body && typeof body === "object" && "webhookSecret" in body ? { ...body, webhookSecret: "" } : body;
}

/** The webhook URL is on the origin the customer called, so it is right locally and deployed alike. */
const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/** Repositories a customer connected: where their agents' GitHub events come from and outputs go. */
export const repositoryRoutes = new Hono<AppEnv>()
  .use(customerAuth, idempotency(redactSecret))
  .post("/", async (c) =>
    c.json(await connectRepository(c.env.DB, c.get("customerId"), await jsonBody(c, ConnectRepositoryInput), originOf(c)), 201),
  )
  .get("/", async (c) => c.json(await listRepositories(c.env.DB, c.get("customerId"), originOf(c))))
  .get("/:id", async (c) => c.json(await getRepository(c.env.DB, c.get("customerId"), c.req.param("id"), originOf(c))))
  .patch("/:id", async (c) => {
    const input = await jsonBody(c, UpdateRepositoryInput);
    return c.json(await updateRepository(c.env.DB, c.get("customerId"), c.req.param("id"), input, originOf(c)));
  })
  .post("/:id/secret", async (c) => c.json(await rotateSecret(c.env.DB, c.get("customerId"), c.req.param("id"), originOf(c))))
  .delete("/:id", async (c) => {
    await disconnectRepository(c.env.DB, c.get("customerId"), c.req.param("id"));
    return c.body(null, 204);
  });

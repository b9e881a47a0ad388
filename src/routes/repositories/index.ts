import { fieldCipher } from "../../crypto/env-cipher";
import { type Context, Hono } from "hono";
import {
  connectRepository,
  disconnectRepository,
  getRepository,
  listRepositories,
  rotateSecret,
  updateRepository,
} from "../../github/repositories";
import { audit } from "../../http/audit";
import { customerAuth } from "../../http/customer-auth";
import { idempotency } from "../../http/idempotency";
import { jsonBody } from "../../http/validate";
import { ConnectRepositoryInput, type ConnectedRepositoryView, UpdateRepositoryInput } from "../../schemas/github";
import type { AppEnv } from "../../types";

/** A replayed connect or rotation never shows the secret again: it was shown once (rotate it if lost). */
function redactSecret(body: unknown): unknown {
  return body && typeof body === "object" && "webhookSecret" in body ? { ...body, webhookSecret: "" } : body;
}

/** The webhook URL is on the origin the customer called, so it is right locally and deployed alike. */
const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/** What the audit log keeps of a connection: never its webhook secret or GitHub token. */
const repositoryState = (r: ConnectedRepositoryView) => ({
  repository: r.repository,
  hasToken: r.hasToken,
  dailyReport: r.dailyReport !== null,
});

/** Repositories a customer connected: where their agents' GitHub events come from and outputs go. */
export const repositoryRoutes = new Hono<AppEnv>()
  .use(customerAuth, idempotency(redactSecret))
  .post("/", async (c) => {
    const connected = await connectRepository(
      c.env.DB,
      c.get("customerId"),
      await jsonBody(c, ConnectRepositoryInput),
      originOf(c),
      fieldCipher(c.env),
    );
    await audit(c, { action: "repository.connect", target: { type: "repository", id: connected.id }, after: repositoryState(connected) });
    return c.json(connected, 201);
  })
  .get("/", async (c) => c.json(await listRepositories(c.env.DB, c.get("customerId"), originOf(c))))
  .get("/:id", async (c) => c.json(await getRepository(c.env.DB, c.get("customerId"), c.req.param("id"), originOf(c))))
  .patch("/:id", async (c) => {
    const input = await jsonBody(c, UpdateRepositoryInput);
    const updated = await updateRepository(c.env.DB, c.get("customerId"), c.req.param("id"), input, originOf(c), fieldCipher(c.env));
    await audit(c, { action: "repository.update", target: { type: "repository", id: updated.id }, after: repositoryState(updated) });
    return c.json(updated);
  })
  .post("/:id/secret", async (c) => {
    const rotated = await rotateSecret(c.env.DB, c.get("customerId"), c.req.param("id"), originOf(c), fieldCipher(c.env));
    await audit(c, { action: "repository.secret.rotate", target: { type: "repository", id: rotated.id }, after: repositoryState(rotated) });
    return c.json(rotated);
  })
  .delete("/:id", async (c) => {
    await disconnectRepository(c.env.DB, c.get("customerId"), c.req.param("id"));
    await audit(c, { action: "repository.disconnect", target: { type: "repository", id: c.req.param("id") } });
    return c.body(null, 204);
  });

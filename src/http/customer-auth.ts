import type { MiddlewareHandler } from "hono";
import { UnauthorizedError } from "../errors";
import { looksLikeApiKey } from "../marketplace/api-keys";
import { customerForKey } from "../marketplace/customers";
import type { AppEnv } from "../types";
import { waitUntilOf } from "./wait-until";
import { parseScope, requireScope } from "./key-scope";
import { noteKeyUse } from "./key-usage";

/** The API key from `Authorization: Bearer wk_…`, if the header carries one. */
export function bearerApiKey(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1] && looksLikeApiKey(match[1]) ? match[1] : undefined;
}

async function taskHire(d1: D1Database, customerId: string, taskId: string): Promise<string | undefined> {
  const row = await d1
    .prepare(`SELECT hire_id FROM tasks WHERE id = ? AND customer_id = ?`)
    .bind(taskId, customerId)
    .first<{ hire_id: string }>();
  return row?.hire_id;
}

/**
 * Requires a customer API key and puts the customer on the context. Every customer route
 * reads `c.var.customerId` and scopes its queries by it. An expired key is a 401 `key_expired`;
 * a key whose scope does not cover the request is a 403 `key_scope` (src/http/key-scope.ts).
 * The key's use is recorded, coalesced (src/http/key-usage.ts).
 */
export const customerAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = bearerApiKey(c.req.header("authorization"));
  const found = key ? await customerForKey(c.env.DB, key) : undefined;
  if (!found) throw new UnauthorizedError("a valid customer API key is required (Authorization: Bearer wk_…)");
  // Whose key it is, before any refusal below, so the audit log files an expired or out-of-scope
  // key's refusal under its customer (who then sees it in their own trail).
  c.set("customerId", found.customerId);
  c.set("caller", `customer:${found.customerId}`);
  c.set("customerKey", { id: found.keyId, expiresAt: found.expiresAt });
  if (found.expiresAt !== null && found.expiresAt <= Date.now()) {
    throw new UnauthorizedError("this API key has expired: create a new one", "key_expired");
  }
  await requireScope(parseScope(found.scope), c.req.method, c.req.path, (taskId) => taskHire(c.env.DB, found.customerId, taskId));
  await noteKeyUse(c.env.DB, found, waitUntilOf(c));
  await next();
};

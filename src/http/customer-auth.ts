import type { MiddlewareHandler } from "hono";
import { UnauthorizedError } from "../errors";
import { looksLikeApiKey } from "../marketplace/api-keys";
import { customerForKey } from "../marketplace/customers";
import type { AppEnv } from "../types";

/** The API key from `Authorization: Bearer wk_…`, if the header carries one. */
export function bearerApiKey(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1] && looksLikeApiKey(match[1]) ? match[1] : undefined;
}

/**
 * Requires a customer API key and puts the customer on the context. Every customer route
 * reads `c.var.customerId` and scopes its queries by it.
 */
export const customerAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = bearerApiKey(c.req.header("authorization"));
  const found = key ? await customerForKey(c.env.DB, key) : undefined;
  if (!found) throw new UnauthorizedError("a valid customer API key is required (Authorization: Bearer wk_…)");
  c.set("customerId", found.customerId);
  c.set("caller", `customer:${found.customerId}`);
  await next();
};

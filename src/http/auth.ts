import type { MiddlewareHandler } from "hono";
import { UnauthorizedError } from "../errors";
import type { AppEnv } from "../types";

const encoder = new TextEncoder();

async function digest(value: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(value));
}

/**
 * Compares two secrets in constant time. Hashing first makes both sides the same length, so
 * neither the content nor the length of the token leaks through timing.
 */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([digest(a), digest(b)]);
  return crypto.subtle.timingSafeEqual(da, db);
}

/** Requires `Authorization: Bearer <ADMIN_TOKEN>`. Fails closed when no token is configured. */
export const operatorAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  if (!expected) throw new UnauthorizedError("operator access is disabled: ADMIN_TOKEN is not configured");
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1] || !(await secretsEqual(match[1].trim(), expected))) throw new UnauthorizedError();
  c.set("caller", "operator");
  await next();
};

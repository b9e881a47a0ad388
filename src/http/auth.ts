import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { ForbiddenError, UnauthorizedError } from "../errors";
import type { AppEnv, Operator } from "../types";
import { type JwtSetup, jwtSetupOf, looksLikeJwt, verifyOperatorJwt } from "./operator-jwt";
import { type OperatorRole, openApiPath, requiredRole, roleAllows } from "./operator-roles";

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

/** The subject the bootstrap ADMIN_TOKEN acts as (`caller` = `operator:admin-token`). */
export const ADMIN_TOKEN_SUBJECT = "admin-token";

// Parsed once per env object (an isolate's bindings), like the other settings; a bad one is logged once.
const setups = new WeakMap<object, JwtSetup>();
function jwtSetup(env: Env): JwtSetup {
  let setup = setups.get(env);
  if (!setup) {
    setup = jwtSetupOf(env);
    if (setup.kind === "misconfigured") console.error(`operator JWTs are refused: ${setup.reason}`);
    setups.set(env, setup);
  }
  return setup;
}

/**
 * Who holds this bearer token. A JWT-shaped value is verified as an operator JWT, anything else
 * is compared with ADMIN_TOKEN (the bootstrap admin); both refuse when they are not configured.
 */
async function authenticate(env: Env, token: string): Promise<Operator> {
  const setup = jwtSetup(env);
  if (!env.ADMIN_TOKEN && setup.kind === "off")
    throw new UnauthorizedError("operator access is disabled: set ADMIN_TOKEN, OPERATOR_JWKS_URL or OPERATOR_JWT_SECRET");
  if (looksLikeJwt(token)) {
    if (setup.kind === "off")
      throw new UnauthorizedError("operator JWTs are not accepted: neither OPERATOR_JWKS_URL nor OPERATOR_JWT_SECRET is set");
    if (setup.kind === "misconfigured") throw new UnauthorizedError(`operator JWTs are not accepted: ${setup.reason}`);
    return { ...(await verifyOperatorJwt(token, setup.config)), via: "jwt" };
  }
  if (!env.ADMIN_TOKEN) throw new UnauthorizedError("the operator token is not accepted: ADMIN_TOKEN is not configured");
  if (!(await secretsEqual(token, env.ADMIN_TOKEN))) throw new UnauthorizedError();
  return { subject: ADMIN_TOKEN_SUBJECT, role: "admin", via: "admin_token" };
}

/** Refuses (403) an authenticated operator whose role is below `role`. Run after operatorAuth. */
export function requireRole(role: OperatorRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const operator = c.get("operator");
    if (!operator) throw new UnauthorizedError();
    if (!roleAllows(operator.role, role))
      throw new ForbiddenError(`this action needs the ${role} role; your operator token has ${operator.role}`);
    await next();
  };
}

/**
 * The role the route answering this request needs (src/http/operator-roles.ts): the first matched
 * route of this method is the handler (HEAD is answered by GET's); none, or no entry, is admin.
 */
export function routeRole(c: Context<AppEnv>): OperatorRole {
  const method = c.req.method === "HEAD" ? "GET" : c.req.method;
  const handler = matchedRoutes(c).find((r) => r.method === method);
  return handler ? requiredRole(method, openApiPath(handler.path)) : "admin";
}

/**
 * Requires `Authorization: Bearer <operator JWT or ADMIN_TOKEN>` and the role the route needs.
 * Fails closed: nothing configured refuses everyone, a route without a role decision needs admin.
 */
export const operatorAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const match = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "");
  const token = match?.[1]?.trim();
  if (!token) throw new UnauthorizedError();
  const operator = await authenticate(c.env, token);
  c.set("operator", operator);
  c.set("caller", `operator:${operator.subject}`);
  await requireRole(routeRole(c))(c, next);
};

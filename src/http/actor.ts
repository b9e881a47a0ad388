import type { Context } from "hono";
import type { AppEnv } from "../types";

/**
 * Who is calling, from what the authentication middleware put on the context: the operator
 * token (the bootstrap admin), a customer's API key, or nobody authenticated yet.
 */
export function actorOf(c: Context<AppEnv>): { kind: "operator" | "customer" | "anonymous"; id: string; role?: string } {
  const caller = c.get("caller") as string | undefined;
  if (caller === "operator") return { kind: "operator", id: "admin-token", role: "admin" };
  if (caller?.startsWith("customer:")) return { kind: "customer", id: caller.slice("customer:".length) };
  return { kind: "anonymous", id: "anonymous" };
}

import type { Context } from "hono";
import type { AppEnv } from "../types";

/** Who made a request, for records such as the audit log. */
export interface Actor {
  kind: "operator" | "customer" | "anonymous";
  id: string;
  role?: string;
}

/** The operator (set by operatorAuth), else the customer (customerAuth), else anonymous. */
export function actorOf(c: Context<AppEnv>): Actor {
  const operator = c.get("operator");
  if (operator) return { kind: "operator", id: operator.subject, role: operator.role };
  const customerId = c.get("customerId");
  if (customerId) return { kind: "customer", id: customerId };
  return { kind: "anonymous", id: "anonymous" };
}

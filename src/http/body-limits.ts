import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ValidationError } from "../errors";
import { GITHUB_MAX_PAYLOAD_BYTES } from "../github/webhooks/body";
import type { AppEnv } from "../types";
import { MAX_BODY_BYTES } from "./validate";

/**
 * The largest request body each class of route reads, enforced before any handler runs (a
 * declared Content-Length is refused at once; a streamed body is cut off at the limit). Above
 * it: 413 `payload_too_large`.
 *
 * - customer routes (sign-up, /v1/customers/me, hires, trials, tasks, outputs): 256 KiB; the
 *   largest customer body, a task, is 20,000 characters of instructions and 32 KB of inputs.
 * - webhooks: 25 MiB, GitHub's own cap on a delivery (nothing larger comes from GitHub).
 * - everything else (operators' API: events, definitions, admin): 1 MiB.
 */
export const BODY_LIMITS = {
  customer: 256 * 1024,
  webhook: GITHUB_MAX_PAYLOAD_BYTES,
  api: MAX_BODY_BYTES,
} as const;
export type BodyLimitClass = keyof typeof BODY_LIMITS;

const CUSTOMER_PREFIXES = ["/v1/customers", "/v1/hires", "/v1/trials", "/v1/tasks", "/v1/outputs", "/v1/repositories", "/v1/coordinators"];

/** The class of route a path belongs to. */
export function bodyLimitClass(path: string): BodyLimitClass {
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  if (under("/v1/webhooks")) return "webhook";
  if (CUSTOMER_PREFIXES.some(under)) return "customer";
  return "api";
}

const limiters = Object.fromEntries(
  Object.entries(BODY_LIMITS).map(([name, maxSize]) => [
    name,
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ValidationError(`body is larger than ${maxSize} bytes, the limit of this route`, "body", [], "payload_too_large");
      },
    }),
  ]),
) as Record<BodyLimitClass, MiddlewareHandler>;

/** Applies the body limit of the request's route class. */
export const bodyLimits: MiddlewareHandler<AppEnv> = (c, next) => limiters[bodyLimitClass(c.req.path)](c, next);

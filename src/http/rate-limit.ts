import type { Context, MiddlewareHandler } from "hono";
import { addressBucket } from "../abuse/address-bucket";
import { type ExactLimitName, exactLimit } from "../abuse/limits";
import { RateLimitedError } from "../errors";
import { hashApiKey } from "../marketplace/api-keys";
import type { AppEnv } from "../types";
import { bearerApiKey } from "./customer-auth";

/**
 * What per-address limits count the caller against: the address Cloudflare saw (never a header
 * the caller sets), an IPv6 one by its /64. Local runs have none.
 */
export function clientIp(c: Context): string {
  const address = c.req.header("cf-connecting-ip");
  return address ? addressBucket(address) : "unknown";
}

/** The rate-limiting bindings' window (wrangler.toml's `simple.period`): the retry-after we answer. */
const BINDING_PERIOD_SECONDS = 60;

/**
 * Approximate limits for ordinary customer and public routes, through the Workers rate-limiting
 * binding (counted per Cloudflare location, so cheap and close enough): per IP address always,
 * and per API key when the request carries one (keyed by the key's hash, so the limit holds
 * before, and whether or not, the key is valid). Limits: wrangler.toml's [[ratelimits]].
 */
export const approximateLimits: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ip = await c.env.IP_RATE_LIMIT.limit({ key: `ip:${clientIp(c)}` });
  if (!ip.success)
    throw new RateLimitedError(BINDING_PERIOD_SECONDS, "too many requests from your address: retry after the retry-after header's seconds");
  const key = bearerApiKey(c.req.header("authorization"));
  if (key) {
    const perKey = await c.env.API_KEY_RATE_LIMIT.limit({ key: `key:${hashApiKey(key)}` });
    if (!perKey.success)
      throw new RateLimitedError(
        BINDING_PERIOD_SECONDS,
        "too many requests with this API key: retry after the retry-after header's seconds",
      );
  }
  await next();
};

/** Counts one hit against the exact limit `name` for `subject`; throws RateLimitedError when it does not fit. */
export async function takeExact(env: Env, name: ExactLimitName, subject: string): Promise<void> {
  const limit = exactLimit(env as unknown as Record<string, unknown>, name);
  const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`${name}:${subject}`));
  const { allowed, retryAfterMs } = await stub.hit(limit);
  if (!allowed)
    throw new RateLimitedError(
      retryAfterMs / 1000,
      `too many ${name} requests: retry after the retry-after header's seconds`,
      "rate_limited",
    );
}

/**
 * An exact limit (RateLimiterDO) where money or trust is at stake: per IP for sign-up
 * (`by: "ip"`), per customer for trials, hires and ratings (`by: "customer"`, after customerAuth).
 */
export function exactRateLimit(name: ExactLimitName, by: "ip" | "customer"): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await takeExact(c.env, name, by === "ip" ? `ip:${clientIp(c)}` : `customer:${c.get("customerId")}`);
    await next();
  };
}

import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import { errorText, ForbiddenError, UnauthorizedError } from "../errors";
import { highestRole, type OperatorRole } from "./operator-roles";

/**
 * Operator JWTs (jose). Two key sources, either or both: an identity provider's JWKS by URL
 * (asymmetric only) or a shared secret (HS256 only). Each source has its own algorithm
 * allow-list, so a token can never pick its verification key by its header: an HS256 token is
 * only ever checked against the shared secret, never against a public key from the JWKS.
 */
export const ASYMMETRIC_ALGORITHMS = ["RS256", "ES256", "EdDSA"] as const;
export const SYMMETRIC_ALGORITHMS = ["HS256"] as const;
/** Clock skew between the identity provider and the edge that is tolerated on exp/nbf/iat. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** The longest an operator token may still be valid for: a leaked token must not live for ever. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** The bootstrap token's subject (src/http/auth.ts): no JWT may take it, so the audit log tells them apart. */
const RESERVED_SUBJECT = "admin-token";
/** Shorter shared secrets are refused: HS256 wants at least 256 bits of key. */
export const MIN_SECRET_LENGTH = 32;
const MAX_SUBJECT_LENGTH = 256;

export interface JwtConfig {
  jwksUrl?: URL;
  secret?: Uint8Array;
  issuer: string;
  audience: string;
}

/** Nothing configured (`off`), a usable configuration, or why the one given cannot be used. */
export type JwtSetup = { kind: "off" } | { kind: "ready"; config: JwtConfig } | { kind: "misconfigured"; reason: string };

type JwtEnv = Pick<Env, "OPERATOR_JWKS_URL" | "OPERATOR_JWT_SECRET" | "OPERATOR_JWT_ISSUER" | "OPERATOR_JWT_AUDIENCE">;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Reads the four variables; a JWKS URL must be https (plain http only on loopback, for local IdPs and tests). */
export function jwtSetupOf(env: JwtEnv): JwtSetup {
  const jwks = env.OPERATOR_JWKS_URL?.trim();
  const secret = env.OPERATOR_JWT_SECRET;
  if (!jwks && !secret) return { kind: "off" };
  const issuer = env.OPERATOR_JWT_ISSUER?.trim();
  if (!issuer) return { kind: "misconfigured", reason: "OPERATOR_JWT_ISSUER is not set" };
  let jwksUrl: URL | undefined;
  if (jwks) {
    jwksUrl = URL.canParse(jwks) ? new URL(jwks) : undefined;
    if (!jwksUrl || !(jwksUrl.protocol === "https:" || (jwksUrl.protocol === "http:" && LOOPBACK.has(jwksUrl.hostname))))
      return { kind: "misconfigured", reason: "OPERATOR_JWKS_URL must be an https URL" };
  }
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH)
    return { kind: "misconfigured", reason: `OPERATOR_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters` };
  return {
    kind: "ready",
    config: {
      ...(jwksUrl ? { jwksUrl } : {}),
      ...(secret ? { secret: new TextEncoder().encode(secret) } : {}),
      issuer,
      audience: env.OPERATOR_JWT_AUDIENCE?.trim() || "waooaw",
    },
  };
}

// One remote key set per URL and isolate: jose caches the fetched keys and refetches on an unknown kid.
const remoteKeySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function remoteKeys(url: URL): ReturnType<typeof createRemoteJWKSet> {
  let keys = remoteKeySets.get(url.href);
  if (!keys) {
    keys = createRemoteJWKSet(url, { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    remoteKeySets.set(url.href, keys);
  }
  return keys;
}

/** Compact JWS shape: three base64url parts (the last empty for `alg: none`). */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

export interface VerifiedOperator {
  subject: string;
  role: OperatorRole;
}

function includes(list: readonly string[], value: string | undefined): value is string {
  return value !== undefined && list.includes(value);
}

/** Why a token was refused, in words that name the claim but never repeat the token. */
function refusal(error: unknown): UnauthorizedError {
  if (error instanceof errors.JWTExpired) return new UnauthorizedError("the operator token has expired");
  if (error instanceof errors.JWTClaimValidationFailed) {
    const what = error.reason === "missing" ? "is missing its required" : "has an unacceptable";
    return new UnauthorizedError(`the operator token ${what} "${error.claim}" claim`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new UnauthorizedError("the operator token's signature does not verify");
  if (error instanceof errors.JWKSNoMatchingKey) return new UnauthorizedError("no key of the identity provider matches the operator token");
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported)
    return new UnauthorizedError("the operator token is not a valid JWT");
  // Not the token's fault (the key set unreachable, timing out or malformed): logged for whoever runs the platform.
  console.error(`operator JWT verification failed: ${errorText(error)}`);
  return new UnauthorizedError(
    "the operator token could not be verified now (the identity provider's keys could not be read): try again shortly",
  );
}

/**
 * Verifies signature, algorithm, issuer, audience and expiry (exp is required), then reads the
 * subject and the highest known role of the `role` / `roles` claims. A bad token is a 401; a good
 * one without a known role a 403.
 */
export async function verifyOperatorJwt(token: string, config: JwtConfig): Promise<VerifiedOperator> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new UnauthorizedError("the operator token is not a valid JWT");
  }
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ["exp", "sub"],
  };
  let payload: JWTPayload;
  try {
    if (config.secret && includes(SYMMETRIC_ALGORITHMS, alg)) {
      ({ payload } = await jwtVerify(token, config.secret, { ...options, algorithms: [...SYMMETRIC_ALGORITHMS] }));
    } else if (config.jwksUrl && includes(ASYMMETRIC_ALGORITHMS, alg)) {
      ({ payload } = await jwtVerify(token, remoteKeys(config.jwksUrl), { ...options, algorithms: [...ASYMMETRIC_ALGORITHMS] }));
    } else {
      const accepted = [...(config.secret ? SYMMETRIC_ALGORITHMS : []), ...(config.jwksUrl ? ASYMMETRIC_ALGORITHMS : [])];
      throw new UnauthorizedError(`the operator token's algorithm is not accepted (accepted: ${accepted.join(", ")})`);
    }
  } catch (error) {
    if (error instanceof UnauthorizedError) throw error;
    throw refusal(error);
  }
  const subject: unknown = payload.sub;
  // The subject names the caller in idempotency keys and the audit log: a short string.
  if (typeof subject !== "string" || !subject || subject.length > MAX_SUBJECT_LENGTH)
    throw new UnauthorizedError(`the operator token's "sub" claim must be a string of 1 to ${MAX_SUBJECT_LENGTH} characters`);
  if (subject === RESERVED_SUBJECT) throw new UnauthorizedError(`the operator token's "sub" claim "${RESERVED_SUBJECT}" is reserved`);
  if ((payload.exp ?? 0) > Date.now() / 1000 + MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS)
    throw new UnauthorizedError(`the operator token is valid for too long: its "exp" may be at most 24 hours ahead`);
  const claimed = [payload.role, ...(Array.isArray(payload.roles) ? payload.roles : [])];
  const role = highestRole(claimed);
  if (!role)
    throw new ForbiddenError('the operator token names no known role: give it a "role" or "roles" claim of viewer, operator or admin');
  return { subject, role };
}

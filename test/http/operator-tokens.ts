// Operator JWTs for tests, signed as the local identity provider (test/servers/jwks-server.ts)
// or with the shared secret vitest.config.ts binds, with whatever claims a test needs.
import { base64url, importJWK, type JWTPayload, SignJWT } from "jose";
import { inject } from "vitest";

export const ISSUER = "https://idp.waooaw.test/";
export const AUDIENCE = "waooaw";
export const JWT_SECRET = "test-operator-jwt-secret-0123456789abcdef";

export type TestAlg = "RS256" | "ES256" | "EdDSA" | "HS256";

export interface TokenOptions {
  alg?: TestAlg;
  /** Claims added to (or, when undefined, removed from) the defaults: sub, iss, aud, exp in 5 min. */
  claims?: Record<string, unknown>;
}

/** A signed operator JWT; `claims: { exp: undefined }` leaves exp out. */
export async function operatorJwt(role: string | undefined, { alg = "RS256", claims = {} }: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    sub: `user-${role ?? "none"}`,
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 300,
    role,
    ...claims,
  };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  const jwt = new SignJWT(payload as JWTPayload);
  if (alg === "HS256") return jwt.setProtectedHeader({ alg, typ: "JWT" }).sign(new TextEncoder().encode(JWT_SECRET));
  const jwk = inject("jwksPrivateKeys")[alg];
  return jwt.setProtectedHeader({ alg, kid: jwk.kid, typ: "JWT" }).sign(await importJWK(jwk, alg));
}

/** An unsigned token (`alg: none`) claiming admin. */
export function unsignedJwt(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: "none", typ: "JWT" })}.${part({ sub: "mallory", iss: ISSUER, aud: AUDIENCE, exp: now + 300, role: "admin", ...claims })}.`;
}

/** Algorithm confusion: HS256 "signed" with the identity provider's RSA public key (PEM) as the HMAC secret. */
export function publicKeyAsSecretJwt(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: "mallory", iss: ISSUER, aud: AUDIENCE, exp: now + 300, role: "admin" })
    .setProtectedHeader({ alg: "HS256", kid: inject("jwksPrivateKeys").RS256.kid, typ: "JWT" })
    .sign(new TextEncoder().encode(inject("jwksRsaPublicPem")));
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

// The operator JWT verifier against the local identity provider's key set (test/servers/jwks-server.ts),
// configured with the JWKS alone, the shared secret alone, or neither.
import { describe, expect, inject, it } from "vitest";
import { ForbiddenError, UnauthorizedError } from "../../src/errors";
import { type JwtConfig, jwtSetupOf, looksLikeJwt, verifyOperatorJwt } from "../../src/http/operator-jwt";
import { AUDIENCE, ISSUER, JWT_SECRET, operatorJwt, publicKeyAsSecretJwt, unsignedJwt } from "./operator-tokens";

const jwksOnly: JwtConfig = { jwksUrl: new URL(inject("jwksUrl")), issuer: ISSUER, audience: AUDIENCE };
const secretOnly: JwtConfig = { secret: new TextEncoder().encode(JWT_SECRET), issuer: ISSUER, audience: AUDIENCE };
const now = () => Math.floor(Date.now() / 1000);

async function refusal(token: Promise<string> | string, config = jwksOnly): Promise<Error> {
  const error = await verifyOperatorJwt(await token, config).then(
    () => new Error("accepted"),
    (e: unknown) => e as Error,
  );
  expect(error.message, "a refusal never repeats the token").not.toContain(await token);
  return error;
}

async function jwksFetches(): Promise<number> {
  const res = await fetch(new URL("/__count", inject("jwksUrl")));
  return ((await res.json()) as { requests: number }).requests;
}

describe("verifyOperatorJwt with an identity provider's JWKS", () => {
  it("accepts RS256, ES256 and EdDSA tokens of the provider, with their subject and role", async () => {
    for (const alg of ["RS256", "ES256", "EdDSA"] as const) {
      const token = await operatorJwt("operator", { alg, claims: { sub: `alice-${alg}` } });
      expect(await verifyOperatorJwt(token, jwksOnly)).toEqual({ subject: `alice-${alg}`, role: "operator" });
    }
  });

  it("fetches the key set once per isolate, not per token", async () => {
    await verifyOperatorJwt(await operatorJwt("viewer"), jwksOnly);
    const before = await jwksFetches();
    for (let i = 0; i < 3; i++) await verifyOperatorJwt(await operatorJwt("viewer", { alg: "ES256" }), jwksOnly);
    expect(await jwksFetches()).toBe(before);
  });

  it("picks the highest known role of `role` and `roles`, ignoring unknown names", async () => {
    const token = await operatorJwt(undefined, { claims: { roles: ["billing", "viewer", "admin", "operator"] } });
    expect((await verifyOperatorJwt(token, jwksOnly)).role).toBe("admin");
    const both = await operatorJwt("viewer", { claims: { roles: ["operator"] } });
    expect((await verifyOperatorJwt(both, jwksOnly)).role).toBe("operator");
  });

  it("refuses a valid token without a known role with a 403", async () => {
    for (const token of [operatorJwt(undefined), operatorJwt("superuser"), operatorJwt(undefined, { claims: { roles: ["root"] } })]) {
      const error = await refusal(token);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.message).toMatch(/viewer, operator or admin/);
    }
  });

  it("refuses alg none, a wrong issuer or audience, an expired token and one without exp or sub", async () => {
    const cases: [string, Promise<string> | string, RegExp][] = [
      ["alg none", unsignedJwt(), /algorithm is not accepted/],
      ["wrong issuer", operatorJwt("admin", { claims: { iss: "https://evil.example/" } }), /"iss" claim/],
      ["wrong audience", operatorJwt("admin", { claims: { aud: "someone-else" } }), /"aud" claim/],
      ["expired", operatorJwt("admin", { claims: { exp: now() - 120 } }), /expired/],
      ["no exp", operatorJwt("admin", { claims: { exp: undefined } }), /missing its required "exp"/],
      ["no sub", operatorJwt("admin", { claims: { sub: undefined } }), /missing its required "sub"/],
      ["empty sub", operatorJwt("admin", { claims: { sub: "" } }), /"sub" claim must be a string/],
      ["a number as sub", operatorJwt("admin", { claims: { sub: 42 } }), /"sub" claim must be a string/],
      ["the bootstrap token's subject", operatorJwt("viewer", { claims: { sub: "admin-token" } }), /is reserved/],
      ["valid for a week", operatorJwt("admin", { claims: { exp: now() + 7 * 86_400 } }), /at most 24 hours ahead/],
      ["tampered payload", operatorJwt("viewer").then((t) => tamper(t)), /signature does not verify/],
      ["not a JWT", "a.b.c", /not a valid JWT/],
    ];
    for (const [what, token, message] of cases) {
      const error = await refusal(token);
      expect(error, what).toBeInstanceOf(UnauthorizedError);
      expect(error.message, what).toMatch(message);
    }
  });

  it("tolerates a little clock skew, not more", async () => {
    expect((await verifyOperatorJwt(await operatorJwt("viewer", { claims: { exp: now() - 10 } }), jwksOnly)).role).toBe("viewer");
    expect((await verifyOperatorJwt(await operatorJwt("viewer", { claims: { nbf: now() + 10 } }), jwksOnly)).role).toBe("viewer");
    expect((await refusal(operatorJwt("viewer", { claims: { exp: now() - 120 } }))).message).toMatch(/expired/);
    expect((await refusal(operatorJwt("viewer", { claims: { nbf: now() + 600 } }))).message).toMatch(/"nbf" claim/);
  });

  it("refuses HS256 tokens, including one signed with the provider's public key (algorithm confusion)", async () => {
    const error = await refusal(publicKeyAsSecretJwt());
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toMatch(/algorithm is not accepted \(accepted: RS256, ES256, EdDSA\)/);
    expect(await refusal(operatorJwt("admin", { alg: "HS256" }))).toBeInstanceOf(UnauthorizedError);
  });

  it("refuses, asking to retry, when the key set cannot be read", async () => {
    const error = await refusal(operatorJwt("admin"), { ...jwksOnly, jwksUrl: new URL("/no-such-jwks.json", inject("jwksUrl")) });
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toMatch(/could not be verified now .*try again shortly/);
  });
});

describe("verifyOperatorJwt with a shared secret", () => {
  it("accepts HS256 with the secret and nothing else", async () => {
    expect(await verifyOperatorJwt(await operatorJwt("admin", { alg: "HS256" }), secretOnly)).toEqual({
      subject: "user-admin",
      role: "admin",
    });
    expect((await refusal(operatorJwt("admin", { alg: "RS256" }), secretOnly)).message).toMatch(/accepted: HS256\)/);
    expect((await refusal(publicKeyAsSecretJwt(), secretOnly)).message).toMatch(/signature does not verify/);
    expect((await refusal(unsignedJwt(), secretOnly)).message).toMatch(/algorithm is not accepted/);
  });
});

describe("jwtSetupOf", () => {
  it("is off without a key source, and names what is wrong with a bad configuration", () => {
    expect(jwtSetupOf({}).kind).toBe("off");
    expect(jwtSetupOf({ OPERATOR_JWT_SECRET: JWT_SECRET })).toEqual({ kind: "misconfigured", reason: "OPERATOR_JWT_ISSUER is not set" });
    expect(jwtSetupOf({ OPERATOR_JWT_SECRET: "short", OPERATOR_JWT_ISSUER: ISSUER })).toMatchObject({ reason: /at least 32 characters/ });
    expect(jwtSetupOf({ OPERATOR_JWKS_URL: "http://idp.example/jwks", OPERATOR_JWT_ISSUER: ISSUER })).toMatchObject({ reason: /https/ });
    expect(jwtSetupOf({ OPERATOR_JWKS_URL: "not a url", OPERATOR_JWT_ISSUER: ISSUER })).toMatchObject({ reason: /https/ });
  });

  it("defaults the audience to waooaw", () => {
    const setup = jwtSetupOf({ OPERATOR_JWKS_URL: "https://idp.example/jwks", OPERATOR_JWT_ISSUER: ISSUER });
    expect(setup).toMatchObject({ kind: "ready", config: { audience: "waooaw", issuer: ISSUER } });
    expect(jwtSetupOf({ OPERATOR_JWT_SECRET: JWT_SECRET, OPERATOR_JWT_ISSUER: ISSUER, OPERATOR_JWT_AUDIENCE: "ops" })).toMatchObject({
      config: { audience: "ops" },
    });
  });
});

describe("looksLikeJwt", () => {
  it("tells compact JWS apart from other bearer values", async () => {
    expect(looksLikeJwt(await operatorJwt("viewer"))).toBe(true);
    expect(looksLikeJwt(unsignedJwt())).toBe(true);
    for (const other of ["test-admin-token", "wk_abc.def", "a.b", "a.b.c.d", "a b.c.d"]) expect(looksLikeJwt(other), other).toBe(false);
  });
});

/** The same token with its payload's role changed to admin, signature kept. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/"))) as Record<string, unknown>;
  const forged = btoa(JSON.stringify({ ...claims, role: "admin" }))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
  return `${header}.${forged}.${signature}`;
}

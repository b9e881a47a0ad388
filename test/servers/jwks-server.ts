// A local identity provider's key endpoint, as OpenID Connect providers publish it:
//   GET /.well-known/jwks.json  {"keys": [public JWK, …]} (RFC 7517), each with `kid`, `alg` and
//                               `use: "sig"`: one RS256 (RSA 2048), one ES256 (P-256), one EdDSA (Ed25519) key.
// The key pairs are generated when the server starts; the private halves are handed to the tests
// (through vitest's `inject`, see global-setup.ts) so they can sign operator JWTs as the provider would.
// Control endpoint (not part of the protocol):
//   GET /__count  {"requests": n} key-set fetches so far (the Worker caches the set per isolate)
// Runs in Node only (vitest globalSetup).
import http from "node:http";
import { exportJWK, exportSPKI, generateKeyPair, type JWK } from "jose";
import { listen } from "./listen";

export const JWKS_PATH = "/.well-known/jwks.json";
export type SigningAlg = "RS256" | "ES256" | "EdDSA";

export interface JwksServer {
  /** The key set's URL (what OPERATOR_JWKS_URL is set to). */
  url: string;
  /** Private JWKs by algorithm, each with its kid and alg. */
  privateKeys: Record<SigningAlg, JWK>;
  /** The RS256 public key as SPKI PEM: what an algorithm-confusion attacker would use as an HS256 secret. */
  rsaPublicPem: string;
  close(): Promise<void>;
}

export async function startJwksServer(): Promise<JwksServer> {
  const algs: SigningAlg[] = ["RS256", "ES256", "EdDSA"];
  const pairs = await Promise.all(algs.map((alg) => generateKeyPair(alg, { extractable: true })));
  const publicKeys: JWK[] = [];
  const privateKeys = {} as Record<SigningAlg, JWK>;
  for (const [i, alg] of algs.entries()) {
    const pair = pairs[i];
    if (!pair) throw new Error(`no key pair for ${alg}`);
    const kid = `test-${alg.toLowerCase()}`;
    publicKeys.push({ ...(await exportJWK(pair.publicKey)), kid, alg, use: "sig" });
    privateKeys[alg] = { ...(await exportJWK(pair.privateKey)), kid, alg };
  }
  const rsa = pairs[0];
  if (!rsa) throw new Error("no RSA key pair");
  const rsaPublicPem = await exportSPKI(rsa.publicKey);
  let requests = 0;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method === "GET" && path === JWKS_PATH) {
      requests++;
      res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=300" });
      res.end(JSON.stringify({ keys: publicKeys }));
    } else if (req.method === "GET" && path === "/__count") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ requests }));
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "not_found" }));
    }
  });
  const listening = await listen(server, "127.0.0.1", 0);
  return { url: `${listening.url}${JWKS_PATH}`, privateKeys, rsaPublicPem, close: listening.close };
}

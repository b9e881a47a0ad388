import { verify } from "@octokit/webhooks-methods";

const SHAPE = /^sha256=[0-9a-f]{64}$/i;

/**
 * Whether `X-Hub-Signature-256` is the HMAC-SHA256 of the exact body with the repository's
 * secret. `verify` (Octokit's, Web Crypto underneath) compares in constant time; a header of
 * the wrong shape is refused before it, since Octokit's hex parser throws on one.
 */
export async function signatureMatches(secret: string, body: string, header: string | undefined): Promise<boolean> {
  if (!header || !SHAPE.test(header) || !body) return false;
  return verify(secret, body, header.toLowerCase());
}

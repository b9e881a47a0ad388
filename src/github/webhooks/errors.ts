import { UnauthorizedError } from "../../errors";

/**
 * A webhook whose `X-Hub-Signature-256` is missing or does not match its repository's secret:
 * a 401, and nothing is stored. Its own code, so a customer setting up a webhook can tell a
 * wrong secret from a wrong API key.
 */
export class InvalidSignatureError extends UnauthorizedError {
  override readonly code = "invalid_signature";
}

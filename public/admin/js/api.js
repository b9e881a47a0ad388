// The dashboard's API calls: the operator routes through @waooaw/client (the same typed client
// customers use, so an API change that breaks it breaks this page's type check too), with the
// operator token as the bearer key. Failures become AdminError: what the page tells the operator.

import { createClient, WaooawApiError } from "@waooaw/client";
import { isAbort } from "../../js/abortable.js";
import { operatorToken } from "./session.js";

/** @import { CallOptions, Input, OperationId, Output, WaooawClient } from "@waooaw/client" */

/** A failed call: status 0 when the server could not be reached. */
export class AdminError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** What the page says when the token is refused, wherever that happens. */
export const TOKEN_REFUSED =
  "The operator token was not accepted. Check ADMIN_TOKEN (in .dev.vars locally, a Worker secret when deployed) or get a fresh operator JWT, and sign in again.";

/** @type {{ token: string, client: WaooawClient } | undefined} */
let current;

/** @param {string} token */
function clientFor(token) {
  if (!current || current.token !== token) {
    // One retry at most: a person is waiting, and can press the button again.
    current = { token, client: createClient({ baseUrl: location.origin, apiKey: token, retry: { retries: 1, maxDelayMs: 2_000 } }) };
  }
  return current.client;
}

/**
 * @param {unknown} error
 * @returns {never}
 */
function rethrow(error) {
  if (isAbort(error)) throw error;
  if (error instanceof WaooawApiError) {
    if (error.status === 401) throw new AdminError(401, error.code, TOKEN_REFUSED);
    throw new AdminError(error.status, error.code, `${error.message}${error.field ? ` (field: ${error.field})` : ""}`);
  }
  throw new AdminError(0, "network_error", "Could not reach the server. Is it running?");
}

/**
 * One operator call by its operationId, typed by the client.
 * @template {OperationId} K
 * @param {K} operationId
 * @param {Input<K>} input
 * @param {{ signal?: AbortSignal, token?: string }} [options]  `token`: one to try instead of the stored one
 * @returns {Promise<Output<K>>}
 */
export async function call(operationId, input, { signal, token } = {}) {
  const key = token ?? operatorToken();
  if (!key) throw new AdminError(401, "signed_out", "Sign in with the operator token first.");
  /** @type {CallOptions} */
  const options = { signal };
  try {
    // The client's rest parameters are typed per operation; this wrapper always passes both.
    const invoke = /** @type {(id: K, input: Input<K>, options: CallOptions) => Promise<Output<K>>} */ (
      /** @type {unknown} */ (clientFor(key).call)
    );
    return await invoke(operationId, input, options);
  } catch (error) {
    return rethrow(error);
  }
}

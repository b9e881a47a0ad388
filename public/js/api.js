// The page's API calls, through @waooaw/client (packages/client, served from /vendor by the
// import map in index.html): the same typed client customers use, so an API change that breaks
// the client breaks this page's type check and tests too. Here: its errors as the page shows
// them, the Idempotency-Key a retried action reuses, and where the customer's API key is kept.

import { createClient, WaooawApiError } from "@waooaw/client";
import { isAbort } from "./abortable.js";

/** @import { CallOptions, Input, OperationId, Output, WaooawClient } from "@waooaw/client" */
/** @import { FieldIssue } from "./api-types.js" */

const KEY_STORE = "waooaw.apiKey";

/** A failed call: the API's `{error:{code,message,field,issues}}`, or status 0 when it could not be reached. */
export class ApiError extends Error {
  /**
   * @param {number} status  the HTTP status; 0 for a network error or a check made in the page
   * @param {string} code
   * @param {string} message
   * @param {string} [field]  the first field at fault
   * @param {readonly FieldIssue[]} [issues]  every field at fault
   */
  constructor(status, code, message, field, issues) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.issues = issues;
  }
}

export { newIdempotencyKey } from "@waooaw/client";

// The API key: in sessionStorage (this tab) or, if the customer asked, localStorage (this device).

/** The customer's API key, or null when signed out (or storage is disabled). */
export function storedKey() {
  try {
    return sessionStorage.getItem(KEY_STORE) ?? localStorage.getItem(KEY_STORE);
  } catch {
    return null;
  }
}
/** Whether the key is kept on this device (localStorage) rather than in this tab only. */
export function keyRemembered() {
  try {
    return localStorage.getItem(KEY_STORE) !== null;
  } catch {
    return false;
  }
}
/**
 * @param {string} key
 * @param {boolean} remember  keep it on this device, not just in this tab
 */
export function storeKey(key, remember) {
  forgetKey();
  (remember ? localStorage : sessionStorage).setItem(KEY_STORE, key);
}
export function forgetKey() {
  sessionStorage.removeItem(KEY_STORE);
  localStorage.removeItem(KEY_STORE);
}

/** @type {{ apiKey: string | undefined, client: WaooawClient } | undefined} */
let current;

/**
 * The client for this key (or none), made once and kept while the key stays the same.
 * @param {string | undefined} apiKey
 * @returns {WaooawClient}
 */
function clientFor(apiKey) {
  if (!current || current.apiKey !== apiKey) {
    // One retry at most, and no long waits: a person is looking at a busy button, and the page lets
    // them try the same action again (same Idempotency-Key) when it fails.
    const client = createClient({
      baseUrl: location.origin,
      apiKey,
      headers: { accept: "application/json" },
      retry: { retries: 1, maxDelayMs: 3_000 },
    });
    current = { apiKey, client };
  }
  return current.client;
}

/**
 * @typedef {object} ApiOptions
 * @property {boolean} [auth]  send the customer's key as a bearer token
 * @property {string} [key]  a key to send instead of the stored one (checking a pasted key)
 * @property {string} [idempotencyKey]  the action's key (POST), reused when the same action is retried
 * @property {AbortSignal} [signal]
 */

/**
 * One API call by its operation (`"getHire"`, `"createTask"`, … the OpenAPI document's
 * operationIds), typed by the client: resolves with the operation's answer; rejects with an
 * ApiError, or an AbortError when `signal` aborts. Customer calls send the bearer key; every POST
 * sends an Idempotency-Key (the caller's, so a retry of the same action creates nothing twice).
 * The client retries once (a 429 after its `retry-after` when that is short).
 * @template {OperationId} K
 * @param {K} operationId
 * @param {Input<K>} input  path parameters, query and body, as the operation has them
 * @param {ApiOptions} [options]
 * @returns {Promise<Output<K>>}
 */
export async function api(operationId, input, { auth = false, key, idempotencyKey, signal } = {}) {
  /** @type {string | undefined} */
  let apiKey;
  if (auth) {
    apiKey = key ?? storedKey() ?? undefined;
    if (!apiKey) throw new ApiError(401, "signed_out", "Sign up or paste your API key first (Account).");
  }
  const client = clientFor(apiKey);
  /** @type {CallOptions} */
  const options = { signal, idempotencyKey };
  try {
    // The client's rest parameters are typed per operation; this wrapper always passes both.
    return await /** @type {(id: K, input: Input<K>, options: CallOptions) => Promise<Output<K>>} */ (/** @type {unknown} */ (client.call))(
      operationId,
      input,
      options,
    );
  } catch (error) {
    if (isAbort(error)) throw error;
    if (error instanceof WaooawApiError) {
      // Not the API's own error (a proxy's page, a body that is not JSON): say what the server answered, not its HTML.
      const message = error.body === undefined ? error.message : `The server answered ${error.message.replace(/^HTTP /, "")}.`;
      throw new ApiError(error.status, error.code, message, error.field, error.issues);
    }
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
}

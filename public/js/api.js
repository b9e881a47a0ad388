// The API client: one call to the JSON API on the same origin (/v1/…), its errors, the
// Idempotency-Key every POST carries, and where the customer's API key is kept.

import { isAbort } from "./abortable.js";

/** @import { ErrorDetail, FieldIssue } from "./api-types.js" */

const KEY_STORE = "waooaw.apiKey";

/** A failed call: the API's `{error:{code,message,field,issues}}`, or status 0 when it could not be reached. */
export class ApiError extends Error {
  /**
   * @param {number} status  the HTTP status; 0 for a network error or a check made in the page
   * @param {string} code
   * @param {string} message
   * @param {string} [field]  the first field at fault
   * @param {FieldIssue[]} [issues]  every field at fault
   */
  constructor(status, code, message, field, issues) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.issues = issues;
  }
}

/** A v4 UUID for the Idempotency-Key header. */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Not a secure context (e.g. plain http on a LAN address): same shape from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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

/**
 * @typedef {object} ApiOptions
 * @property {"GET" | "POST"} [method]
 * @property {unknown} [body]  sent as JSON
 * @property {boolean} [auth]  send the customer's key as a bearer token
 * @property {string} [key]  a key to send instead of the stored one (checking a pasted key)
 * @property {string} [idempotencyKey]  the action's key, reused when the same action is retried
 * @property {AbortSignal} [signal]
 */

/**
 * One API call. Resolves with the parsed JSON body (callers state its shape from
 * api-types.js); rejects with an ApiError, or an AbortError when `signal` aborts. Customer calls
 * send the bearer key; every POST sends an Idempotency-Key (the caller's, so a retry of the same
 * action reuses it and creates nothing twice).
 * @param {string} path
 * @param {ApiOptions} [options]
 * @returns {Promise<unknown>}
 */
export async function api(path, { method = "GET", body, auth = false, key, idempotencyKey, signal } = {}) {
  /** @type {Record<string, string>} */
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (auth) {
    const bearer = key ?? storedKey();
    if (!bearer) throw new ApiError(401, "signed_out", "Sign up or paste your API key first (Account).");
    headers["authorization"] = `Bearer ${bearer}`;
  }
  if (method === "POST") headers["idempotency-key"] = idempotencyKey ?? newIdempotencyKey();
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  const data = parseJson(await res.text());
  if (!res.ok) {
    const e = errorDetail(data);
    throw new ApiError(
      res.status,
      e?.code ?? `http_${res.status}`,
      e?.message ?? `The server answered ${res.status} ${res.statusText}`.trim(),
      e?.field,
      e?.issues,
    );
  }
  return data;
}

/**
 * @param {string} text
 * @returns {unknown} the JSON value, or null for an empty or malformed body
 */
function parseJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The `error` member of an error body, if it has one.
 * @param {unknown} data
 * @returns {ErrorDetail | undefined}
 */
function errorDetail(data) {
  if (typeof data !== "object" || data === null || !("error" in data)) return undefined;
  const e = data.error;
  // Trusted shape: every error the API answers is built by src/http/errors.ts.
  return typeof e === "object" && e !== null ? /** @type {ErrorDetail} */ (e) : undefined;
}

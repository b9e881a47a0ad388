// @waooaw/client: a typed client for the WAOOAW API, generated from its OpenAPI document
// (openapi.json in this package). Runs on any standard fetch: Node 20+, browsers, Workers.
export { type ClientOptions, createClient, type FetchLike, type SettledTask, type WaitOptions, type WaooawClient } from "./client.js";
export { type ApiIssue, WaooawApiError, WaooawNetworkError, WaooawTimeoutError } from "./errors.js";
export { OPERATIONS } from "./generated/operations.js";
export type { components, operations, paths } from "./generated/schema.js";
export { newIdempotencyKey } from "./idempotency.js";
export { DEFAULT_RETRY, type RetryPolicy } from "./retry.js";
export type { CallArgs, CallOptions, Input, Item, OperationId, OperationMethods, Output, PaginatedOperationId, Schema } from "./types.js";

import type { components, operations } from "./generated/schema.js";

/** Every operation's name: `listAgents`, `createTrial`, `getTask`, … (the document's operationIds). */
export type OperationId = keyof operations;
/** A schema of the API by name: `Schema<"Error">`, `Schema<"TaskDetail">`, … */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

type Defined<T> = Exclude<T, undefined>;
type ParameterOf<K extends OperationId, In extends "path" | "query"> = In extends keyof operations[K]["parameters"]
  ? Defined<operations[K]["parameters"][In]>
  : never;
type PathInput<K extends OperationId> = [ParameterOf<K, "path">] extends [never] ? unknown : { path: ParameterOf<K, "path"> };
type QueryInput<K extends OperationId> = [ParameterOf<K, "query">] extends [never]
  ? unknown
  : Record<string, never> extends ParameterOf<K, "query">
    ? { query?: ParameterOf<K, "query"> }
    : { query: ParameterOf<K, "query"> };
type BodyInput<K extends OperationId> = operations[K] extends { requestBody: { content: { "application/json": infer B } } }
  ? { body: B }
  : unknown;

/** What an operation takes: `path` parameters, `query` and the JSON `body`, each where it has them. */
export type Input<K extends OperationId> = PathInput<K> & QueryInput<K> & BodyInput<K>;

type JsonOf<R> = R extends { content: { "application/json": infer T } }
  ? T
  : R extends { content: { "text/plain": infer T } }
    ? T
    : undefined;
type Responses<K extends OperationId> = operations[K]["responses"];
/** What an operation answers on success (its 2xx JSON body, or text for `adminGetMetrics`; `undefined` for 204). */
export type Output<K extends OperationId> = JsonOf<Responses<K>[Extract<keyof Responses<K>, 200 | 201 | 202 | 204>]>;

/** Per call: cancel it, name its Idempotency-Key (POST; generated when not given), add headers. */
export interface CallOptions {
  signal?: AbortSignal;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

/** The arguments of an operation's method: the input may be left out when nothing in it is required. */
export type CallArgs<K extends OperationId> =
  Record<string, never> extends Input<K> ? [input?: Input<K>, options?: CallOptions] : [input: Input<K>, options?: CallOptions];

/** Operations whose answer is a cursor page: `{ items, nextCursor }`. */
export type PaginatedOperationId = {
  [K in OperationId]: Output<K> extends { items: readonly unknown[]; nextCursor: unknown } ? K : never;
}[OperationId];
/** One item of a paginated operation's pages. */
export type Item<K extends PaginatedOperationId> = Output<K> extends { items: readonly (infer T)[] } ? T : never;

/** A method per operation: `client.listAgents({ query: { q: "seo" } })`. */
export type OperationMethods = { [K in OperationId]: (...args: CallArgs<K>) => Promise<Output<K>> };

import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { version } from "../../../package.json";
import { ErrorBody } from "../../schemas/errors";
import { requiredRole } from "../operator-roles";
import { bodyLimitClass } from "../body-limits";

/**
 * The OpenAPI document is built from the same zod schemas the routes validate with. Each route
 * is described once with {@link describeRoute} (src/http/openapi/*-routes.ts, imported by
 * ./index.ts); a test (test/http/openapi.test.ts) fails when a hono route is not described, or
 * a described one does not exist. Give a schema `.meta({ id: "Name" })` where it is defined and
 * it becomes a reusable component (`#/components/schemas/Name`) instead of being inlined.
 */
export const registry = new OpenAPIRegistry();

/** Who may call a route. */
export type Auth = "operator" | "customer" | "none";
export type SuccessStatus = 200 | 201 | 202 | 204;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export interface RouteDoc {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI style, the full path: `/v1/agents/{id}` (not hono's `:id`). */
  path: `/${string}`;
  /**
   * The operation's stable name, camelCase (`listAgents`, `createTrial`; operator routes start
   * with `admin`): generated clients name their methods after it (`client.listAgents()`), so
   * renaming one breaks customers' code. Unique across the document.
   */
  operationId: string;
  summary: string;
  /** Longer text (CommonMark) shown under the summary. */
  description?: string;
  /** Still served, but replaced: the description names the successor. */
  deprecated?: boolean;
  tags: readonly [string, ...string[]];
  /**
   * `operator`: `Authorization: Bearer <operator JWT or $ADMIN_TOKEN>`, with the role
   * src/http/operator-roles.ts gives the route (documented as `x-required-role`); `customer`: `Authorization: Bearer wk_…`
   * (a customer API key); `none`: public. An array: any one of them is accepted.
   */
  auth: Auth | readonly Exclude<Auth, "none">[];
  /** Path parameters. Any `{name}` in `path` not described here is documented as a string. */
  params?: z.ZodObject;
  /** Query parameters: the schema the handler passes to `queryOf` (an object, or an object piped on). */
  query?: z.ZodObject | z.ZodPipe<z.ZodObject>;
  /**
   * Request headers the route reads, e.g. `z.object({ "x-github-event": z.string() })`. A POST
   * gets `Idempotency-Key` added (the platform honours it on every POST but the two below).
   */
  headers?: z.ZodObject;
  /** `false`: this POST ignores `Idempotency-Key` (GitHub's webhook; the daily-report trigger). */
  idempotencyKey?: false;
  /** The JSON request body: the schema the handler passes to `jsonBody`. */
  body?: z.ZodType;
  /** The body may be left out (the handler passes `{ optional: true }` to `jsonBody`). */
  bodyOptional?: true;
  /**
   * A realistic request body, shown in /docs and generated SDKs' docs. Required with `body`;
   * it must parse with `body` (test/client/generated.node.test.ts checks every one, so a stale
   * example fails the tests without costing every isolate a parse at start-up).
   */
  example?: unknown;
  /**
   * Success responses by status; leave out `schema` for a response without a body. `contentType`
   * is `application/json` unless given (`text/plain` for `GET /metrics`, whose schema is a string).
   */
  responses: Partial<Record<SuccessStatus, { description: string; schema?: z.ZodType; contentType?: string }>>;
  /**
   * Error responses besides the automatic ones, with what they mean for this route, e.g.
   * `{ 404: "no such agent" }`. Automatic: 401 unless `auth` is `none`; 400 when there are
   * params, a query or a body; 413 with a body. Giving one of those here rewords it.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
}

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: "Invalid request: `field` names the first problem, `issues` lists them all",
  401: "Missing or wrong bearer token",
  403: "Authenticated, but not allowed to do this",
  404: "Not found",
  409: "Conflicts with the current state",
  422: "Well-formed but refused as it stands",
  413: "Body larger than 1 MB (events: 64 KB)",
  429: "Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again",
  500: "An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key",
  503: "A dependency is unavailable; safe to retry",
};

const KEY_SCOPE_403 = "The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`)";
const CUSTOMER_413 = "Body larger than 256 KB (`payload_too_large`)";

const SECURITY: Record<Exclude<Auth, "none">, string> = { operator: "operatorToken", customer: "customerKey" };

registry.registerComponent("securitySchemes", "operatorToken", {
  type: "http",
  scheme: "bearer",
  description:
    "An operator credential: `Authorization: Bearer <token>` where the token is an operator JWT (signed by the identity " +
    "provider of `OPERATOR_JWKS_URL` with RS256, ES256 or EdDSA, or with the shared `OPERATOR_JWT_SECRET` using HS256; " +
    "`iss` must be `OPERATOR_JWT_ISSUER`, `aud` `OPERATOR_JWT_AUDIENCE` (default `waooaw`), `exp` and `sub` are required, " +
    "and the `role` claim or `roles` array names `viewer`, `operator` or `admin`) or the bootstrap admin token `$ADMIN_TOKEN`. " +
    "Each operation needs a role (`x-required-role`): reads `viewer` (but reads that show customer content, and the audit trail, `operator`), operating the platform `operator`, configuration `admin`; " +
    "a lower role gets `403 forbidden`.",
});
registry.registerComponent("securitySchemes", "customerKey", {
  type: "http",
  scheme: "bearer",
  description: "A customer API key, `Authorization: Bearer wk_…` (shown once, when the key is created).",
});

/** What every POST that honours it says about `Idempotency-Key` (src/http/idempotency.ts). */
const IDEMPOTENCY_KEY = z
  .string()
  .max(255)
  .optional()
  .meta({
    description:
      "Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice " +
      "(kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST.",
  });

const IDEMPOTENCY_409 = "A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly";
const IDEMPOTENCY_422 = "This Idempotency-Key was used with a different request (`idempotency_key_reused`)";

/** A route's own wording for a status, with the idempotency middleware's reason added unless it already says it. */
function withReason(own: string | undefined, reason: string, code: string): string {
  if (!own) return reason;
  return own.includes(code) ? own : `${own}; or: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

function withIdempotencyKey(doc: RouteDoc): z.ZodObject | undefined {
  if (doc.method !== "post" || doc.idempotencyKey === false) return doc.headers;
  if (doc.headers?.shape["idempotency-key"]) return doc.headers;
  return (doc.headers ?? z.object({})).extend({ "idempotency-key": IDEMPOTENCY_KEY });
}

const PATH_PARAM = /\{([^}/]+)\}/g;
const OPERATION_ID = /^[a-z][A-Za-z0-9]*$/;
const operationIds = new Set<string>();

/** What one described route may answer: a schema per status (null: no body). */
export type DocumentedResponses = ReadonlyMap<number, z.ZodType | null>;
const described = new Map<string, DocumentedResponses>();

/**
 * Every described route (`GET /v1/hires/{id}`) with the body schema of each status it may
 * answer, errors included. Tests parse real responses with these, so a response that drifts
 * from its documentation, or a status that is not documented, fails.
 */
export function documentedResponses(): ReadonlyMap<string, DocumentedResponses> {
  return described;
}

const examples = new Map<string, { body: z.ZodType; example: unknown }>();
const docs = new Map<string, RouteDoc>();

/** Every described route as it was described: the hostile-input test walks their params, queries and bodies. */
export function describedRoutes(): ReadonlyMap<string, RouteDoc> {
  return docs;
}

/** Every described route with a body: its schema and its documented example (a test parses one with the other). */
export function documentedExamples(): ReadonlyMap<string, { body: z.ZodType; example: unknown }> {
  return examples;
}

function pathParams(path: string, given: z.ZodObject | undefined): z.ZodObject | undefined {
  if (/\/:/.test(path)) throw new Error(`describeRoute: write ${path} OpenAPI style, /x/{id}, not /x/:id`);
  const names = [...path.matchAll(PATH_PARAM)].map((m) => m[1] as string);
  const shape: Record<string, z.ZodType> = {};
  for (const name of names) shape[name] = given?.shape[name] ?? z.string();
  const extra = Object.keys(given?.shape ?? {}).filter((k) => !names.includes(k));
  if (extra.length) throw new Error(`describeRoute: ${path} has no {${extra.join("}, {")}}`);
  return names.length ? z.object(shape) : undefined;
}

/** The role an operator operation needs (src/http/operator-roles.ts), or undefined when operators cannot call it. */
function operatorRoleOf(doc: RouteDoc): string | undefined {
  const auth = typeof doc.auth === "string" ? [doc.auth] : doc.auth;
  return auth.includes("operator") ? requiredRole(doc.method, doc.path) : undefined;
}

function withRole(description: string | undefined, role: string | undefined): string {
  const needs = role ? `Operator role: \`${role}\` or higher.` : "";
  return [description, needs].filter(Boolean).join("\n\n");
}

function errorResponse(description: string): ResponseConfig {
  return { description, content: { "application/json": { schema: ErrorBody } } };
}

/**
 * Documents one route in /openapi.json. Describe every route you add (the drift test in
 * test/http/openapi.test.ts lists the ones that are not), with the schemas the handler uses:
 *
 * ```ts
 * describeRoute({
 *   method: "post",
 *   path: "/v1/hires/{id}/tasks",
 *   summary: "Give a hired agent a task",
 *   tags: ["hires"],
 *   auth: "customer",
 *   body: CreateTask, // the schema passed to jsonBody
 *   responses: { 201: { description: "The task, queued for the agent", schema: Task } },
 *   errors: { 404: "No such hire (or not yours)", 409: "The hire has ended" },
 * });
 * ```
 *
 * `{id}` is documented as a string unless `params` says more; 400, 401 and 413 are added
 * where they apply (see {@link RouteDoc.errors}).
 */
export function describeRoute(doc: RouteDoc): void {
  const route = `${doc.method.toUpperCase()} ${doc.path}`;
  if (described.has(route)) throw new Error(`describeRoute: ${route} is described twice`);
  if (!OPERATION_ID.test(doc.operationId)) throw new Error(`describeRoute: ${route}: operationId "${doc.operationId}" is not camelCase`);
  if (operationIds.has(doc.operationId)) throw new Error(`describeRoute: ${route}: operationId ${doc.operationId} is taken`);
  operationIds.add(doc.operationId);
  if (doc.body && doc.example === undefined) throw new Error(`describeRoute: ${route} has a body but no example`);
  if (doc.body) examples.set(route, { body: doc.body, example: doc.example });
  docs.set(route, doc);
  const params = pathParams(doc.path, doc.params);
  const responses: RouteConfig["responses"] = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    responses[status] = r.schema
      ? { description: r.description, content: { [r.contentType ?? "application/json"]: { schema: r.schema } } }
      : { description: r.description };
  }
  const headers = withIdempotencyKey(doc);
  const idempotent = headers?.shape["idempotency-key"] !== undefined;
  const errors: Partial<Record<ErrorStatus, string>> = {};
  if (params || doc.query || doc.body || headers) errors[400] = ERROR_TEXT[400];
  if (doc.auth !== "none") errors[401] = ERROR_TEXT[401];
  // Every customer route goes through customerAuth, which refuses a key whose scope does not cover it.
  const auth = doc.auth === "none" ? [] : typeof doc.auth === "string" ? [doc.auth] : doc.auth;
  if (auth.includes("customer")) {
    errors[401] = `${ERROR_TEXT[401]}; or the API key has expired (\`key_expired\`)`;
    errors[403] = KEY_SCOPE_403;
  }
  if (doc.body) errors[413] = bodyLimitClass(doc.path) === "customer" ? CUSTOMER_413 : ERROR_TEXT[413];
  // The approximate per-IP and per-key limits on every customer and catalogue route (src/http/rate-limit.ts).
  if (bodyLimitClass(doc.path) === "customer" || doc.path.startsWith("/v1/agents")) errors[429] = ERROR_TEXT[429];
  Object.assign(errors, doc.errors);
  const role = operatorRoleOf(doc);
  if (role) errors[403] = withReason(doc.errors?.[403], `Your operator role is below \`${role}\` (\`forbidden\`)`, "forbidden");
  // What src/http/idempotency.ts answers, besides what the route itself may.
  if (idempotent) {
    errors[409] = withReason(errors[409], IDEMPOTENCY_409, "request_in_progress");
    errors[422] = withReason(errors[422], IDEMPOTENCY_422, "idempotency_key_reused");
  }
  errors[500] ??= ERROR_TEXT[500];
  for (const [status, text] of Object.entries(errors)) responses[status] = errorResponse(text);
  described.set(
    route,
    new Map<number, z.ZodType | null>([
      ...Object.entries(doc.responses).map(([status, r]) => [Number(status), r.schema ?? null] as const),
      ...Object.keys(errors).map((status) => [Number(status), ErrorBody] as const),
    ]),
  );

  registry.registerPath({
    method: doc.method,
    path: doc.path,
    operationId: doc.operationId,
    summary: doc.summary,
    ...(doc.description || role ? { description: withRole(doc.description, role) } : {}),
    ...(role ? { "x-required-role": role } : {}),
    ...(doc.deprecated ? { deprecated: true } : {}),
    tags: [...doc.tags],
    // Public operations say so (`security: []`): generators otherwise assume a key is needed.
    security: auth.map((a) => ({ [SECURITY[a]]: [] })),
    request: {
      ...(params ? { params } : {}),
      ...(doc.query ? { query: doc.query } : {}),
      ...(headers ? { headers } : {}),
      ...(doc.body
        ? { body: { required: !doc.bodyOptional, content: { "application/json": { schema: doc.body, example: doc.example } } } }
        : {}),
    },
    responses,
  });
}

type Document = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

const SERVERS = [
  { url: "http://localhost:8787", description: "Local: `npm start`" },
  {
    url: "https://{host}",
    description: "Deployed: your Worker's host (`wrangler deploy` prints it) or custom domain",
    variables: { host: { default: "waooaw.example.workers.dev", description: "The deployed Worker's host name" } },
  },
];

/** Every tag an operation uses, in the order /docs shows them, each with what it covers. */
const TAGS = [
  { name: "catalogue", description: "Browse and search the agents on offer (public)." },
  { name: "customers", description: "Sign up and manage your account and API keys." },
  { name: "hires", description: "Try an agent, hire it, cancel, and review it." },
  { name: "tasks", description: "Give a hired agent work, message it, and rate the outcome." },
  { name: "memories", description: "What agents remember of you, and deleting it." },
  { name: "learning", description: "Rules agents learned from rated decisions, and revoking them." },
  { name: "organisation", description: "Centres of Excellence, their coordinators and the chains of work they route." },
  { name: "outputs", description: "What agents delivered outside the platform: GitHub issues, comments, daily reports." },
  { name: "repositories", description: "Connect GitHub repositories for agents to watch." },
  { name: "webhooks", description: "Inbound webhooks from GitHub." },
  { name: "definitions", description: "The published agent definitions." },
  { name: "events", description: "Ingest events that wake agents, and follow them (operators)." },
  { name: "agents", description: "Agent instances: state, decisions and their cost (operators)." },
  { name: "admin", description: "Operating the platform: definitions, spawning, lifecycle, budgets, breakers, costs, the DLQ." },
];

/**
 * Path and query parameters arrive as strings, never null; the generator calls a schema nullable
 * when it accepts null, which `z.coerce.number()` does (null → 0). Drop that null.
 */
function withoutNullParameters(document: Document): Document {
  for (const item of Object.values(document.paths ?? {})) {
    for (const op of Object.values(item) as { parameters?: { schema?: { type?: unknown } }[] }[]) {
      for (const schema of (op?.parameters ?? []).map((p) => p.schema)) {
        if (!schema || !Array.isArray(schema.type) || !schema.type.includes("null")) continue;
        const types = schema.type.filter((t) => t !== "null");
        schema.type = types.length === 1 ? types[0] : types;
      }
    }
  }
  return document;
}

/** Builds the document from everything described so far. Use `openApiDocument()` (./index.ts): it is memoized. */
export function generateDocument(): Document {
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "WAOOAW API",
      version,
      description:
        "WAOOAW: a marketplace of specialist AI agents on Cloudflare Workers. Operator routes need an operator JWT or the bootstrap admin token, " +
        "with the role each operation names (`x-required-role`: viewer < operator < admin); " +
        'customer routes a customer API key. Errors are always `{"error":{"code","message","field?","issues?"}}`. ' +
        "A typed client generated from this document is in the repository: `@waooaw/client` (packages/client).",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: SERVERS,
    tags: TAGS,
  });
  return withoutNullParameters(document);
}

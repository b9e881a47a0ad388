import { ForbiddenError } from "../errors";

/**
 * What a customer API key may do. `full`: everything its customer may; `read`: only GET and
 * HEAD; `hire:<id>`: only that hire's routes (`/v1/hires/<id>…`) and its tasks
 * (`/v1/tasks/<taskId>…` of a task of that hire). Checked once, in customerAuth, from the
 * request's method and path, so every customer route is covered without each one opting in
 * (test/http/key-scope.test.ts walks every customer route of the OpenAPI document).
 */
export type KeyScope = { kind: "full" } | { kind: "read" } | { kind: "hire"; hireId: string } | { kind: "unknown"; stored: string };

export function parseScope(stored: string): KeyScope {
  if (stored === "read") return { kind: "read" };
  if (stored.startsWith("hire:")) return { kind: "hire", hireId: stored.slice("hire:".length) };
  if (stored === "full") return { kind: "full" };
  // The API writes only the three forms; anything else (a hand-edited row) allows nothing.
  return { kind: "unknown", stored };
}

export const scopeText = (scope: KeyScope): string =>
  scope.kind === "hire" ? `hire:${scope.hireId}` : scope.kind === "unknown" ? scope.stored : scope.kind;

const HIRE_PATH = /^\/v1\/hires\/([^/]+)(?:\/|$)/;
const TASK_PATH = /^\/v1\/tasks\/([^/]+)(?:\/|$)/;

/**
 * Throws ForbiddenError (403, code `key_scope`) naming the key's scope unless it allows this
 * request. `taskHire` finds the hire a task belongs to (undefined for an unknown task); it is
 * only asked for a hire-scoped key on a task route.
 */
export async function requireScope(
  scope: KeyScope,
  method: string,
  path: string,
  taskHire: (taskId: string) => Promise<string | undefined>,
): Promise<void> {
  if (scope.kind === "full") return;
  const refuse = (why: string) => {
    throw new ForbiddenError(`this API key's scope is '${scopeText(scope)}': ${why}`, "key_scope");
  };
  if (scope.kind === "unknown") return refuse("it is not a scope this platform knows, so it allows nothing");
  if (scope.kind === "read") {
    if (method !== "GET" && method !== "HEAD") refuse(`${method} is not allowed (read-only key)`);
    return;
  }
  const hire = HIRE_PATH.exec(path)?.[1];
  if (hire !== undefined) {
    if (decodeURIComponent(hire) !== scope.hireId) refuse("only its own hire's routes are allowed");
    return;
  }
  const task = TASK_PATH.exec(path)?.[1];
  if (task !== undefined) {
    // An unknown task or another hire's task are refused alike, so the key learns nothing about either.
    if ((await taskHire(decodeURIComponent(task))) !== scope.hireId) refuse("only its hire's tasks are allowed");
    return;
  }
  refuse("only its hire's routes and tasks are allowed");
}

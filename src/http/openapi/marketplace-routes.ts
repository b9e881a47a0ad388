import { z } from "zod";
import { AgentSnapshot } from "../../schemas/agent-views";
import {
  CatalogueQuery,
  CreateApiKey,
  CreateCustomer,
  CreateHire,
  CreateTask,
  ListQuery,
  RateTask,
  ReviewHire,
  StartTrial,
  TaskMessage,
  VerifyEmail,
} from "../../schemas/marketplace";
import {
  AgentProfile,
  CataloguePage,
  Customer,
  EmailVerified,
  HirePage,
  HireView,
  IssuedKey,
  KeyList,
  MessageView,
  ReviewView,
  SignUpResult,
  TaskDetail,
  TaskPage,
  TaskView,
  VerificationSent,
} from "../../schemas/marketplace-views";
import { DeletedMemories, MemoryListQuery, MemoryPage } from "../../schemas/memory-views";
import { CustomerExport } from "../../schemas/customer-data";
import { ErasureSummary } from "../../schemas/customer-erasure";
import { describeRoute } from "./registry";

// The marketplace API (src/routes/{agents,customers,hires,tasks}).

const RATE_429 =
  "Too many requests (`rate_limited`): past this route's exact limit per address or customer, or the approximate per-address and per-key limits; `retry-after` says when to try again";
const HIRE_404 = "No such hire, or not yours (indistinguishable)";
const TASK_404 = "No such task, or not yours (indistinguishable)";

describeRoute({
  method: "get",
  path: "/v1/agents",
  operationId: "listAgents",
  summary: "Search the catalogue",
  description:
    "Full-text search over persona and specialization, filters, sorting and a keyset cursor. Cached at the edge; `x-cache: hit|miss`.",
  tags: ["catalogue"],
  auth: "none",
  query: CatalogueQuery,
  responses: { 200: { description: "One page of listings", schema: CataloguePage } },
});

describeRoute({
  method: "get",
  path: "/v1/agents/{ref}",
  operationId: "getAgent",
  summary: "An agent's profile (or, deprecated, an agent instance for operators)",
  description:
    "`ref` is a listing slug: the public profile. Deprecated: for an operator token, a `ref` that is no listed slug reads the agent instance of that id instead " +
    "(use `GET /v1/admin/agents/{id}`; answered until the next minor version, with `Deprecation` and `Link` headers).",
  tags: ["catalogue", "agents"],
  auth: "none",
  responses: { 200: { description: "The profile, or an instance snapshot for operators", schema: z.union([AgentProfile, AgentSnapshot]) } },
  errors: { 401: "An operator token was sent and is wrong", 404: "No listed agent (nor, for operators, instance) with this ref" },
});

describeRoute({
  method: "post",
  path: "/v1/customers",
  operationId: "signUp",
  summary: "Sign up",
  description:
    "Creates a customer and its first API key. The key is in this response only; only its SHA-256 is stored. " +
    "The e-mail address starts unverified: a link to verify it is sent there (trials need it verified). " +
    "At most `RATE_LIMIT_SIGNUPS_PER_IP` sign-ups per address (5 an hour by default).",
  tags: ["customers"],
  auth: "none",
  body: CreateCustomer,
  example: { name: "Acme Ltd", email: "ops@acme.example" },
  responses: { 201: { description: "The customer and its key", schema: SignUpResult } },
  errors: { 429: RATE_429 },
});

describeRoute({
  method: "post",
  path: "/v1/customers/verify",
  operationId: "verifyEmail",
  summary: "Verify an e-mail address with the link's token",
  description:
    "The token from the link sent at sign-up (`…/v1/customers/verify?token=ev_…`). Works once, within 24 hours. " +
    "The link's page posts the same field as a form (`application/x-www-form-urlencoded`) and gets an HTML page back " +
    "(200 verified, 400 unknown, used or expired) instead of JSON.",
  tags: ["customers"],
  auth: "none",
  body: VerifyEmail,
  example: { token: "ev_3q2-7wAbCdEfGhIjKlMnOpQrStUvWxYz0123456789A" },
  responses: { 200: { description: "The customer whose address is now verified", schema: EmailVerified } },
  errors: { 400: "Invalid request, or the token is unknown, used or expired (`invalid_token`)" },
});
describeRoute({
  method: "get",
  path: "/v1/customers/verify",
  operationId: "followVerificationLink",
  summary: "The verification link itself (answers a small HTML page; changes nothing)",
  description:
    "Opening the link verifies nothing (mail scanners open links before people do): the page has a button whose form posts " +
    "the token to `POST /v1/customers/verify`.",
  tags: ["customers"],
  auth: "none",
  query: VerifyEmail,
  responses: { 200: { description: "A page with a button that verifies the address", schema: z.string(), contentType: "text/html" } },
  errors: { 400: "Without a valid-looking `token`: a JSON error" },
});
describeRoute({
  method: "post",
  path: "/v1/customers/me/verification",
  operationId: "resendVerification",
  summary: "Send a new verification link",
  description: "The previous link stops working. `sent: logged` means no e-mail service is configured: the link is in the server's log.",
  tags: ["customers"],
  auth: "customer",
  responses: { 202: { description: "How the link went out", schema: VerificationSent } },
  errors: { 409: "Your address is verified already (`already_verified`)", 429: RATE_429 },
});

describeRoute({
  method: "get",
  path: "/v1/customers/me",
  operationId: "getMe",
  summary: "The calling customer",
  tags: ["customers"],
  auth: "customer",
  responses: { 200: { description: "The customer", schema: Customer } },
});
describeRoute({
  method: "delete",
  path: "/v1/customers/me",
  operationId: "eraseMe",
  summary: "Erase your account and all of your data",
  description:
    "Cancels your active hires and trials first (their agents retire as with any cancellation), then erases your data everywhere it lives: " +
    "your agents' storage and memories (vectors too), decision caches, budgets, events, tasks with their history and messages, handoffs, outputs " +
    "(those not yet posted are cancelled), reviews and ratings (the agents' trust scores are recomputed without them), learned rules, " +
    "repositories, idempotency keys, and every API key. Answers what was erased per store. If a store is unavailable it answers 503 " +
    "`erase_incomplete` with nothing of the account removed yet: retry with the same key to finish.",
  tags: ["customers"],
  auth: "customer",
  responses: { 200: { description: "Erased: what went, store by store", schema: ErasureSummary } },
  errors: { 503: "A store could not be erased yet (`erase_incomplete`): retry" },
});
describeRoute({
  method: "get",
  path: "/v1/customers/me/export",
  operationId: "exportMyData",
  summary: "Everything we hold about you, as one JSON document",
  description:
    "Your account, API keys (metadata only), hires and trials, tasks with their history, messages and deliverables, reviews, outputs, " +
    "what your agents remember of you, rules they learned from your feedback, handoffs between agents about your tasks, and connected repositories " +
    "(never secrets). Bounded: each collection holds at most `limit` items, newest first; `truncated` names those that had more " +
    "(read the rest through their paged routes).",
  tags: ["customers"],
  auth: "customer",
  responses: { 200: { description: "The export", schema: CustomerExport } },
});
describeRoute({
  method: "get",
  path: "/v1/customers/me/keys",
  operationId: "listApiKeys",
  summary: "The caller's API keys (never the keys themselves)",
  tags: ["customers"],
  auth: "customer",
  responses: { 200: { description: "Keys", schema: KeyList } },
});
describeRoute({
  method: "post",
  path: "/v1/customers/me/keys",
  operationId: "createApiKey",
  summary: "Create another API key",
  description:
    "`scope`: `full` (default), `read` (GET and HEAD only) or `hire:<hireId>` (only that hire's routes and its tasks; anything else answers 403 `key_scope`). " +
    "`expiresAt` (ms since the epoch) or `expiresInDays`: after it the key answers 401 `key_expired`.",
  tags: ["customers"],
  auth: "customer",
  body: CreateApiKey,
  example: { label: "ci", scope: "read", expiresInDays: 90 },
  responses: { 201: { description: "The new key, shown once", schema: IssuedKey } },
  errors: { 404: "The scope names a hire that does not exist or is not yours" },
});
describeRoute({
  method: "delete",
  path: "/v1/customers/me/keys/{id}",
  operationId: "revokeApiKey",
  summary: "Revoke an API key",
  tags: ["customers"],
  auth: "customer",
  responses: { 204: { description: "Revoked" } },
  errors: { 404: "No such active key of yours" },
});

const HIRE_409 =
  "Already trialled, by you (`trial_used`) or by someone with the same e-mail domain, or address at a public provider (`trial_used_by_identity`)";
describeRoute({
  method: "post",
  path: "/v1/trials",
  operationId: "createTrial",
  summary: "Start a trial",
  description:
    "Spawns an agent bound to you, limited in days, tasks and LLM spend by the listing's trial terms. Needs a verified e-mail address. " +
    "One trial per agent per customer and per e-mail domain (per address at public providers such as gmail.com).",
  tags: ["hires"],
  auth: "customer",
  body: StartTrial,
  example: { agent: "marketing-seo" },
  responses: { 201: { description: "The trial", schema: HireView } },
  errors: { 403: "Your e-mail address is not verified yet (`email_unverified`)", 409: HIRE_409, 429: RATE_429 },
});
describeRoute({
  method: "post",
  path: "/v1/hires",
  operationId: "createHire",
  summary: "Hire an agent",
  tags: ["hires"],
  auth: "customer",
  body: CreateHire,
  example: { agent: "marketing-seo" },
  description: "Needs a verified e-mail address, like a trial: a hire makes its customer's ratings count towards the agent's trust score.",
  responses: { 201: { description: "The hire", schema: HireView } },
  errors: {
    403: "Your e-mail address is not verified yet (`email_unverified`), or the API key's scope does not allow this",
    429: RATE_429,
  },
});
describeRoute({
  method: "get",
  path: "/v1/hires",
  operationId: "listHires",
  summary: "Your hires and trials, newest first",
  tags: ["hires"],
  auth: "customer",
  query: ListQuery,
  responses: { 200: { description: "A page of hires", schema: HirePage } },
});
describeRoute({
  method: "get",
  path: "/v1/hires/{id}",
  operationId: "getHire",
  summary: "A hire or trial",
  tags: ["hires"],
  auth: "customer",
  responses: { 200: { description: "The hire, with tasks used", schema: HireView } },
  errors: { 404: HIRE_404 },
});
describeRoute({
  method: "post",
  path: "/v1/hires/{id}/convert",
  operationId: "convertTrial",
  summary: "Convert a trial into a hire",
  description: "Same agent, same context; the trial's limits are lifted.",
  tags: ["hires"],
  auth: "customer",
  responses: { 200: { description: "The hire", schema: HireView } },
  errors: { 404: HIRE_404, 409: "Not a trial, or no longer active" },
});
describeRoute({
  method: "post",
  path: "/v1/hires/{id}/cancel",
  operationId: "cancelHire",
  summary: "Cancel a hire or end a trial",
  description: "The agent is retired and takes no more of your work; outputs are kept.",
  tags: ["hires"],
  auth: "customer",
  responses: { 200: { description: "The ended hire", schema: HireView } },
  errors: { 404: HIRE_404 },
});
describeRoute({
  method: "post",
  path: "/v1/hires/{id}/tasks",
  operationId: "createTask",
  summary: "Give the agent a task",
  description: "Becomes a `task.assigned` event for this hire's agent; poll `GET /v1/tasks/{id}` for the outcome.",
  tags: ["tasks"],
  auth: "customer",
  body: CreateTask,
  example: {
    title: "Audit our pricing page",
    instructions: "Check https://acme.example/pricing for on-page SEO problems and list the fixes by impact.",
    inputs: { url: "https://acme.example/pricing" },
  },
  responses: { 202: { description: "The task, queued", schema: TaskView } },
  errors: {
    404: HIRE_404,
    409: "The hire has ended (`hire_not_active`) or the trial's task limit is reached (`trial_task_limit`)",
  },
});
describeRoute({
  method: "get",
  path: "/v1/hires/{id}/tasks",
  operationId: "listTasks",
  summary: "A hire's tasks, newest first",
  tags: ["tasks"],
  auth: "customer",
  query: ListQuery.omit({ active: true }),
  responses: { 200: { description: "A page of tasks", schema: TaskPage } },
  errors: { 404: HIRE_404 },
});
describeRoute({
  method: "post",
  path: "/v1/hires/{id}/review",
  operationId: "reviewHire",
  summary: "Review a hire or trial you had",
  tags: ["hires"],
  auth: "customer",
  body: ReviewHire,
  example: { stars: 5, text: "Found three problems our agency missed." },
  responses: { 201: { description: "The review", schema: ReviewView } },
  errors: { 404: HIRE_404, 409: "Already reviewed (`already_reviewed`)", 429: RATE_429 },
});
describeRoute({
  method: "get",
  path: "/v1/tasks/{id}",
  operationId: "getTask",
  summary: "A task: status, output, messages, history",
  tags: ["tasks"],
  auth: "customer",
  responses: { 200: { description: "The task", schema: TaskDetail } },
  errors: { 404: TASK_404 },
});
describeRoute({
  method: "post",
  path: "/v1/tasks/{id}/messages",
  operationId: "sendTaskMessage",
  summary: "Message the agent about a task",
  description: "Answered in order; a message sent while the agent is busy waits its turn.",
  tags: ["tasks"],
  auth: "customer",
  body: TaskMessage,
  example: { text: "Please include the meta descriptions too." },
  responses: { 202: { description: "The message, queued", schema: MessageView } },
  errors: { 404: TASK_404, 409: "The hire has ended" },
});
describeRoute({
  method: "post",
  path: "/v1/tasks/{id}/rating",
  operationId: "rateTask",
  summary: "Rate a finished task",
  tags: ["tasks"],
  auth: "customer",
  body: RateTask,
  example: { stars: 4, comment: "Useful; the second fix was already done." },
  responses: { 200: { description: "The task with its rating", schema: TaskView } },
  errors: { 404: TASK_404, 409: "The task is still queued (`task_not_finished`)", 429: RATE_429 },
});

// What a hired agent remembers of the customer (src/routes/hires: memories)

describeRoute({
  method: "get",
  path: "/v1/hires/{id}/memories",
  operationId: "listMemories",
  summary: "What this hire's agent remembers of you, newest first",
  description:
    "Task briefs, deliverables, facts you stated about yourself in messages (`we are a dental clinic in Ohio`), rated decisions and corrections. Only your own memories in this hire's agent.",
  tags: ["memories"],
  auth: "customer",
  query: MemoryListQuery,
  responses: { 200: { description: "A page of memories", schema: MemoryPage } },
  errors: { 404: HIRE_404 },
});
describeRoute({
  method: "delete",
  path: "/v1/hires/{id}/memories/{memoryId}",
  operationId: "deleteMemory",
  summary: "Delete one memory",
  description: "The memory and its vector (in the agent's storage or in Pinecone) are removed; it is never recalled again.",
  tags: ["memories"],
  auth: "customer",
  responses: { 204: { description: "Deleted" } },
  errors: { 404: `${HIRE_404}, or no such memory of yours` },
});
describeRoute({
  method: "delete",
  path: "/v1/hires/{id}/memories",
  operationId: "deleteAllMemories",
  summary: "Delete everything this hire's agent remembers of you",
  tags: ["memories"],
  auth: "customer",
  responses: { 200: { description: "How many memories were deleted", schema: DeletedMemories } },
  errors: { 404: HIRE_404 },
});

describeRoute({
  method: "post",
  path: "/v1/admin/customers/{id}/verify-email",
  operationId: "adminVerifyCustomerEmail",
  summary: "Mark a customer's e-mail address verified without the link",
  description: "For support (a customer whose mail never arrives) and local development. Any pending link stops working.",
  tags: ["admin"],
  auth: "operator",
  responses: { 200: { description: "The customer", schema: Customer } },
  errors: { 404: "No such customer" },
});

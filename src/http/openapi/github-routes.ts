import { z } from "zod";
import { ConnectedRepositoryCreated, ConnectedRepositoryView, ConnectRepositoryInput, UpdateRepositoryInput } from "../../schemas/github";
import { ConnectedRepositoryList, WebhookDuplicate, WebhookIgnored, WebhookIngested, WebhookPong } from "../../schemas/github-views";
import { describeRoute } from "./registry";

// GitHub in: connected repositories (src/routes/repositories) and their webhooks (src/routes/webhooks).

// The registry documents Idempotency-Key on every POST that honours it; here it says what a replay leaves out.
const Idempotency = z.object({
  "idempotency-key": z.string().max(255).optional().meta({
    description:
      "Retries with the same key and body return the first response (its webhook secret blanked: it is shown once) and create nothing twice",
  }),
});
const REPO_404 = "No such connected repository, or not yours (indistinguishable)";

describeRoute({
  method: "post",
  path: "/v1/repositories",
  operationId: "connectRepository",
  summary: "Connect a GitHub repository",
  description:
    "Generates the repository's webhook secret and answers it with the webhook URL: on GitHub, add a webhook (Settings → Webhooks) with that " +
    "Payload URL, content type `application/json` (form-encoded works too), that Secret, and the events Pushes, Pull requests, Issues and " +
    "Issue comments. The secret is in this response only. `token` (optional) lets outputs be posted as issues and comments; without one " +
    "they are kept with status `stored`. `visionRules` default to a few safe checks (private keys, AWS keys, a README).",
  tags: ["repositories"],
  auth: "customer",
  headers: Idempotency,
  body: ConnectRepositoryInput,
  example: { repository: "acme/website", token: "github_pat_…", dailyReport: { as: "issue" } },
  responses: { 201: { description: "The connected repository and its webhook secret, shown once", schema: ConnectedRepositoryCreated } },
  errors: {
    400: "Invalid body: `field` names the first problem (an invalid regular expression: `visionRules.forbiddenPatterns[0].pattern`)",
    409: "The repository is connected already, by you or another customer (`repository_connected`)",
  },
});
describeRoute({
  method: "get",
  path: "/v1/repositories",
  operationId: "listRepositories",
  summary: "Your connected repositories",
  tags: ["repositories"],
  auth: "customer",
  responses: { 200: { description: "Oldest first; never the secrets or tokens", schema: ConnectedRepositoryList } },
});
describeRoute({
  method: "get",
  path: "/v1/repositories/{id}",
  operationId: "getRepository",
  summary: "One connected repository",
  tags: ["repositories"],
  auth: "customer",
  responses: { 200: { description: "The repository (never its secret or token)", schema: ConnectedRepositoryView } },
  errors: { 404: REPO_404 },
});
describeRoute({
  method: "patch",
  path: "/v1/repositories/{id}",
  operationId: "updateRepository",
  summary: "Change a connected repository's token, vision rules or daily report",
  description:
    "Fields left out stay as they are; `token: null` forgets the token. Setting a token makes the outputs kept for want of one due for posting now.",
  tags: ["repositories"],
  auth: "customer",
  body: UpdateRepositoryInput,
  example: { dailyReport: { as: "comment", issueNumber: 42 } },
  responses: { 200: { description: "The repository as changed", schema: ConnectedRepositoryView } },
  errors: { 404: REPO_404 },
});
describeRoute({
  method: "post",
  path: "/v1/repositories/{id}/secret",
  operationId: "rotateRepositorySecret",
  summary: "Rotate the webhook secret",
  description: "The old secret stops working at once: paste the new one into the webhook's Secret field on GitHub.",
  tags: ["repositories"],
  auth: "customer",
  headers: Idempotency,
  responses: { 200: { description: "The repository and its new secret, shown once", schema: ConnectedRepositoryCreated } },
  errors: { 404: REPO_404 },
});
describeRoute({
  method: "delete",
  path: "/v1/repositories/{id}",
  operationId: "disconnectRepository",
  summary: "Disconnect a repository",
  description: "Its webhooks are refused from now on (404); its outputs stay readable.",
  tags: ["repositories"],
  auth: "customer",
  responses: { 204: { description: "Disconnected" } },
  errors: { 404: REPO_404 },
});

describeRoute({
  method: "post",
  path: "/v1/webhooks/github",
  idempotencyKey: false,
  operationId: "receiveGithubWebhook",
  summary: "Receive a GitHub webhook",
  description:
    "Called by GitHub, not with an API key: the body (`application/json`, or `application/x-www-form-urlencoded` with the JSON in `payload`) " +
    "must be signed with the connected repository's secret (`X-Hub-Signature-256`). `push`, `pull_request` (opened, synchronize, reopened), " +
    "`issues` (opened, edited, closed, reopened) and `issue_comment` (created, edited) become one `github.*` wake event each, for the " +
    "repository's owner; other events and actions, and payloads above GitHub's 25 MB cap, are acknowledged and ignored. A redelivery " +
    "(same `X-GitHub-Delivery`) changes nothing.",
  tags: ["webhooks"],
  auth: "none",
  headers: z.object({
    "x-github-event": z.string().meta({ description: "The event: `push`, `pull_request`, `issues`, `issue_comment`, `ping`, …" }),
    "x-github-delivery": z.string().meta({ description: "The delivery's GUID; a redelivery repeats it" }),
    "x-hub-signature-256": z.string().meta({ description: "`sha256=` and the HMAC-SHA256 of the body with the webhook secret" }),
  }),
  responses: {
    200: { description: "A `ping` (the webhook works), or a delivery seen before", schema: z.union([WebhookPong, WebhookDuplicate]) },
    202: {
      description: "Became a wake event, or was acknowledged and ignored (with why)",
      schema: z.union([WebhookIngested, WebhookIgnored]),
    },
  },
  errors: {
    400: "The body is not JSON (`invalid_json`), lacks a field its event needs, or a header is missing (`missing_header`, `field` names it)",
    401: "`X-Hub-Signature-256` is missing or does not match the repository's secret (`invalid_signature`); nothing is stored",
    404: "The payload names no connected repository (`unknown_repository`); nothing is stored",
    503: "The wake queue refused the event: it is recorded and the cron sends it; a redelivery is safe (`queue_unavailable`)",
  },
});

// Generated from openapi.json by scripts/generate.mjs (`npm run client:generate`). Do not edit.
export interface paths {
    "/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit log entries, newest first, with filters
         * @description Who did what to what, when, from where: admin changes with their state before and after, hires, keys, sign-ups, and every refused authentication or authorization. Append-only; no route edits or deletes an entry.
         *
         *     Operator role: `operator` or higher.
         */
        get: operations["adminListAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit log's hash chain
         * @description Recomputes every entry's SHA-256 from its fields and its predecessor's hash, from the first entry. `ok: false` names the first broken entry (`firstBrokenSeq`) and why. Keep `headHash` elsewhere to detect a truncated tail later.
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["adminVerifyAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/me/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log of the caller's account, newest first
         * @description Sign-up, keys, hires and trials, operator changes concerning the account, and refused requests made with its keys.
         */
        get: operations["listOwnAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your connected repositories */
        get: operations["listRepositories"];
        put?: never;
        /**
         * Connect a GitHub repository
         * @description Generates the repository's webhook secret and answers it with the webhook URL: on GitHub, add a webhook (Settings → Webhooks) with that Payload URL, content type `application/json` (form-encoded works too), that Secret, and the events Pushes, Pull requests, Issues and Issue comments. The secret is in this response only. `token` (optional) lets outputs be posted as issues and comments; without one they are kept with status `stored`. `visionRules` default to a few safe checks (private keys, AWS keys, a README).
         */
        post: operations["connectRepository"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/repositories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One connected repository */
        get: operations["getRepository"];
        put?: never;
        post?: never;
        /**
         * Disconnect a repository
         * @description Its webhooks are refused from now on (404); its outputs stay readable.
         */
        delete: operations["disconnectRepository"];
        options?: never;
        head?: never;
        /**
         * Change a connected repository's token, vision rules or daily report
         * @description Fields left out stay as they are; `token: null` forgets the token. Setting a token makes the outputs kept for want of one due for posting now.
         */
        patch: operations["updateRepository"];
        trace?: never;
    };
    "/v1/repositories/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the webhook secret
         * @description The old secret stops working at once: paste the new one into the webhook's Secret field on GitHub.
         */
        post: operations["rotateRepositorySecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a GitHub webhook
         * @description Called by GitHub, not with an API key: the body (`application/json`, or `application/x-www-form-urlencoded` with the JSON in `payload`) must be signed with the connected repository's secret (`X-Hub-Signature-256`). `push`, `pull_request` (opened, synchronize, reopened), `issues` (opened, edited, closed, reopened) and `issue_comment` (created, edited) become one `github.*` wake event each, for the repository's owner; other events and actions, and payloads above GitHub's 25 MB cap, are acknowledged and ignored. A redelivery (same `X-GitHub-Delivery`) changes nothing.
         */
        post: operations["receiveGithubWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/learned-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rules agents learned from rated model decisions
         * @description A situation the model decided the same way at least `LEARN_MIN_EVIDENCE` times (distinct events), every rating good and none bad, becomes a rule that decides it with no model call (tier `learned`). Oldest first; `nextCursor` goes in `?cursor=`.
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["adminListLearnedRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/learned-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A learned rule and its provenance
         * @description Operator role: `viewer` or higher.
         */
        get: operations["adminGetLearnedRule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/learned-rules/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a learned rule
         * @description Takes effect at once: after the revocation is stored, up to 100 agents of the rule's scope (its definition, for its customer) drop it and the cached answers it was learned from; any others within `LEARNED_RULES_REFRESH_SECONDS`. The situation must then earn a rule again with new good ratings. Revoking a revoked rule changes nothing.
         *
         *     Operator role: `admin` or higher.
         */
        post: operations["adminRevokeLearnedRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}/learned-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What your hired agent learned from your ratings
         * @description Rules of this hire's agent, for you only; each names the rated decisions it was learned from.
         */
        get: operations["listLearnedRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}/learned-rules/{ruleId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a rule your hired agent learned
         * @description Takes effect at once: after the revocation is stored, up to 100 agents of the rule's scope (its definition, for its customer) drop it and the cached answers it was learned from; any others within `LEARNED_RULES_REFRESH_SECONDS`. The situation must then earn a rule again with new good ratings. Revoking a revoked rule changes nothing.
         */
        post: operations["revokeLearnedRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the catalogue
         * @description Full-text search over persona and specialization, filters, sorting and a keyset cursor. Cached at the edge; `x-cache: hit|miss`.
         */
        get: operations["listAgents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent's profile (or, deprecated, an agent instance for operators)
         * @description `ref` is a listing slug: the public profile. Deprecated: for an operator token, a `ref` that is no listed slug reads the agent instance of that id instead (use `GET /v1/admin/agents/{id}`; answered until the next minor version, with `Deprecation` and `Link` headers).
         */
        get: operations["getAgent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up
         * @description Creates a customer and its first API key. The key is in this response only; only its SHA-256 is stored. The e-mail address starts unverified: a link to verify it is sent there (trials need it verified). At most `RATE_LIMIT_SIGNUPS_PER_IP` sign-ups per address (5 an hour by default).
         */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The verification link itself (answers a small HTML page; changes nothing)
         * @description Opening the link verifies nothing (mail scanners open links before people do): the page has a button whose form posts the token to `POST /v1/customers/verify`.
         */
        get: operations["followVerificationLink"];
        put?: never;
        /**
         * Verify an e-mail address with the link's token
         * @description The token from the link sent at sign-up (`…/v1/customers/verify?token=ev_…`). Works once, within 24 hours. The link's page posts the same field as a form (`application/x-www-form-urlencoded`) and gets an HTML page back (200 verified, 400 unknown, used or expired) instead of JSON.
         */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/me/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a new verification link
         * @description The previous link stops working. `sent: logged` means no e-mail service is configured: the link is in the server's log.
         */
        post: operations["resendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling customer */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Erase your account and all of your data
         * @description Cancels your active hires and trials first (their agents retire as with any cancellation), then erases your data everywhere it lives: your agents' storage and memories (vectors too), decision caches, budgets, events, tasks with their history and messages, handoffs, outputs (those not yet posted are cancelled), reviews and ratings (the agents' trust scores are recomputed without them), learned rules, repositories, idempotency keys, and every API key. Answers what was erased per store. If a store is unavailable it answers 503 `erase_incomplete` with nothing of the account removed yet: retry with the same key to finish.
         */
        delete: operations["eraseMe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything we hold about you, as one JSON document
         * @description Your account, API keys (metadata only), hires and trials, tasks with their history, messages and deliverables, reviews, outputs, what your agents remember of you, rules they learned from your feedback, handoffs between agents about your tasks, and connected repositories (never secrets). Bounded: each collection holds at most `limit` items, newest first; `truncated` names those that had more (read the rest through their paged routes).
         */
        get: operations["exportMyData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/me/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's API keys (never the keys themselves) */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create another API key
         * @description `scope`: `full` (default), `read` (GET and HEAD only) or `hire:<hireId>` (only that hire's routes and its tasks; anything else answers 403 `key_scope`). `expiresAt` (ms since the epoch) or `expiresInDays`: after it the key answers 401 `key_expired`.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/me/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a trial
         * @description Spawns an agent bound to you, limited in days, tasks and LLM spend by the listing's trial terms. Needs a verified e-mail address. One trial per agent per customer and per e-mail domain (per address at public providers such as gmail.com).
         */
        post: operations["createTrial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your hires and trials, newest first */
        get: operations["listHires"];
        put?: never;
        /**
         * Hire an agent
         * @description Needs a verified e-mail address, like a trial: a hire makes its customer's ratings count towards the agent's trust score.
         */
        post: operations["createHire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A hire or trial */
        get: operations["getHire"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}/convert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Convert a trial into a hire
         * @description Same agent, same context; the trial's limits are lifted.
         */
        post: operations["convertTrial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a hire or end a trial
         * @description The agent is retired and takes no more of your work; outputs are kept.
         */
        post: operations["cancelHire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A hire's tasks, newest first */
        get: operations["listTasks"];
        put?: never;
        /**
         * Give the agent a task
         * @description Becomes a `task.assigned` event for this hire's agent; poll `GET /v1/tasks/{id}` for the outcome.
         */
        post: operations["createTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Review a hire or trial you had */
        post: operations["reviewHire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task: status, output, messages, history */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Message the agent about a task
         * @description Answered in order; a message sent while the agent is busy waits its turn.
         */
        post: operations["sendTaskMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rate a finished task */
        post: operations["rateTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}/memories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What this hire's agent remembers of you, newest first
         * @description Task briefs, deliverables, facts you stated about yourself in messages (`we are a dental clinic in Ohio`), rated decisions and corrections. Only your own memories in this hire's agent.
         */
        get: operations["listMemories"];
        put?: never;
        post?: never;
        /** Delete everything this hire's agent remembers of you */
        delete: operations["deleteAllMemories"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hires/{id}/memories/{memoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete one memory
         * @description The memory and its vector (in the agent's storage or in Pinecone) are removed; it is never recalled again.
         */
        delete: operations["deleteMemory"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/customers/{id}/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a customer's e-mail address verified without the link
         * @description For support (a customer whose mail never arrives) and local development. Any pending link stops working.
         *
         *     Operator role: `operator` or higher.
         */
        post: operations["adminVerifyCustomerEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest one event
         * @description Wakes every agent subscribed to it. A repeated producer-supplied `id` is not enqueued again (`200 duplicate`).
         *
         *     Operator role: `operator` or higher.
         */
        post: operations["ingestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest up to 100 events
         * @description Operator role: `operator` or higher.
         */
        post: operations["ingestEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An event: its status, attempts, last error and wakes
         * @description Operator role: `operator` or higher.
         */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent events, oldest first, and where to poll for more
         * @description Without `cursor`, the newest `limit` events; with the `cursor` of a previous answer, the events received after it (what `waooaw events tail` polls). Items are oldest first; `cursor` is always set, so a follower passes it back whether or not anything arrived. Events are ordered by when the platform received them, to the millisecond, then by id.
         *
         *     Operator role: `operator` or higher.
         */
        get: operations["adminListEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent instance: identity, state, inbox size, counters, context
         * @description Operator role: `operator` or higher.
         */
        get: operations["adminGetAgent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents/{id}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent's decisions, newest first
         * @description Operator role: `operator` or higher.
         */
        get: operations["adminListAgentDecisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents/{id}/decisions/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tier mix, cache hit rate, tokens, cost and escalations of an agent
         * @description Operator role: `viewer` or higher.
         */
        get: operations["adminGetAgentDecisionSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{id}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent's decisions, newest first
         * @deprecated
         * @description Deprecated: use `GET /v1/admin/agents/{id}/decisions`. Answered as documented until the next minor version, with `Deprecation` and `Link: <successor>; rel="successor-version"` headers.
         *
         *     Operator role: `operator` or higher.
         */
        get: operations["listAgentDecisionsDeprecated"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{id}/decisions/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tier mix, cache hit rate, tokens, cost and escalations of an agent
         * @deprecated
         * @description Deprecated: use `GET /v1/admin/agents/{id}/decisions/summary`. Answered as documented until the next minor version, with `Deprecation` and `Link: <successor>; rel="successor-version"` headers.
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["getAgentDecisionSummaryDeprecated"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents/{id}/memories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add memories to an agent (1–500)
         * @description Each memory belongs to a customer (`customerId`) or to none. With the local defaults they are embedded at once, so a search right after finds them; with a remote embedder or Pinecone they are pending until the agent's background work embeds them.
         *
         *     Operator role: `operator` or higher.
         */
        post: operations["adminImportMemories"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents/{id}/memories/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search an agent's memories of one customer by relevance
         * @description The recall the agent uses, measured: `tookMs` is the time inside the agent (embedding the query and searching), `searched` the vectors compared (local backend; null for Pinecone). Without `customerId`, memories tied to no customer.
         *
         *     Operator role: `operator` or higher.
         */
        get: operations["adminSearchMemories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public catalogue of agent definitions */
        get: operations["listDefinitions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish or update an agent definition
         * @description Running instances keep the version they were spawned from.
         *
         *     Operator role: `admin` or higher.
         */
        post: operations["adminPublishDefinition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/seed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish the demo catalogue and spawn one agent of each (idempotent)
         * @description Operator role: `admin` or higher.
         */
        post: operations["adminSeed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List agent instances
         * @description Operator role: `viewer` or higher.
         */
        get: operations["adminListAgents"];
        put?: never;
        /**
         * Spawn an agent instance from a definition
         * @description Operator role: `operator` or higher.
         */
        post: operations["adminSpawnAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause an agent: events are buffered until it resumes
         * @description Operator role: `operator` or higher.
         */
        post: operations["adminPauseAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume an agent; it works through what was buffered
         * @description Operator role: `operator` or higher.
         */
        post: operations["adminResumeAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/agents/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire an agent for good, after it finishes or hands back its work in flight
         * @description Without work in flight it is `retired` at once (buffered events are recorded as discarded). With work in flight (a customer's queued task or message, a handoff awaiting its ack) it is `retiring`: a coordinator re-routes what a peer in its role can take, it finishes what it holds and takes no new work (new tasks for it are a 409 `agent_retired`), and after `drainSeconds` (default `RETIRE_DRAIN_SECONDS`) what is left is handed back: re-routed, or a customer's task cancelled with a reason. `drain` in the answer, and in `GET /v1/admin/agents/{id}`, shows the progress.
         *
         *     Operator role: `operator` or higher.
         */
        post: operations["adminRetireAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/budgets/{kind}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A budget: limits and usage per window
         * @description Operator role: `viewer` or higher.
         */
        get: operations["adminGetBudget"];
        /**
         * Override a budget's limits
         * @description Operator role: `admin` or higher.
         */
        put: operations["adminSetBudget"];
        post?: never;
        /**
         * Drop the override: the defaults apply again
         * @description Operator role: `admin` or higher.
         */
        delete: operations["adminResetBudget"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/breakers/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The shared circuit breaker of an LLM provider
         * @description Operator role: `viewer` or higher.
         */
        get: operations["adminGetBreaker"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/breakers/{provider}/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a circuit breaker by hand
         * @description Operator role: `operator` or higher.
         */
        post: operations["adminResetBreaker"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Spend and tier mix per agent, CoE or customer (default: this month)
         * @description Operator role: `viewer` or higher.
         */
        get: operations["adminGetCosts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dlq": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Dead letters, newest first, with their errors
         * @description Operator role: `operator` or higher.
         */
        get: operations["adminListDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dlq/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a dead letter's event to the wake queue again
         * @description Safe to repeat: agents that already handled the event answer as duplicates.
         *
         *     Operator role: `operator` or higher.
         */
        post: operations["adminReplayDeadLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every event since a moment accounted for exactly once, from the records alone
         * @description Each event received since `since` in exactly one class (decided, dead-lettered with its reason, deliberately ignored: no subscriber, retired, discarded, or held by a paused agent); decisions taken twice for one (event, agent) and what they cost; dead letters and their replays; tasks stuck queued; GitHub webhook deliveries (each recorded once per repository and delivery id), any ingested without its event or still in flight, and their GitHub outputs by state (counts only). `ok` is false and `discrepancies` names each problem otherwise. Set-based aggregates: safe to call in production.
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["adminGetReconciliation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/traces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent traces, newest first, with their event, decision and error counts
         * @description A trace starts at the first event that carries its id (ingest assigns one unless the producer passed `traceId`).
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["adminListTraces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/traces/{traceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One trace's span tree: ingest, queue, wakes, decisions, model calls, handoffs, outputs
         * @description Spans in tree order (depth-first, children by start time), each naming its parent. Built from the records, so it is complete for any trace still in D1, sampled for export or not.
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["adminGetTrace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pipeline health: event statuses, wake outcomes, latency p50/p99
         * @description Operator role: `viewer` or higher.
         */
        get: operations["adminGetStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/stats/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Throughput, tier mix and cost over time, per bucket
         * @description Events ingested, agent wakes, decisions per tier and their cost in fixed buckets of `step` ms from `since` to `until` (default: the last 24 hours by hour), empty buckets included, at most 500. What the dashboard's charts draw.
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["adminGetStatsTimeseries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Metrics in the Prometheus text exposition format
         * @description Counters and latency histograms per agent, CoE and customer (events ingested, wakes by outcome, decisions by tier, decision latency, tokens, cost, errors, queue lag, handoffs, outputs posted), summed over every isolate's flushes, and gauges read at scrape time (DLQ depth, breaker state, the busiest budgets' usage). Point a Prometheus scrape job at it with the operator token (README, Operators: Metrics).
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["adminGetMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coordinators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Centres of Excellence's RACI matrices
         * @description For each CoE and task type: the role that does the work, answers for it, is consulted and is informed.
         */
        get: operations["listCoordinators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coordinators/{coe}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One CoE's RACI matrix */
        get: operations["getCoordinator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coordinators/{coe}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a task to a Centre of Excellence
         * @description The CoE's coordinator looks the task type up in its RACI matrix and gives the task to your least loaded hired agent in the Responsible role (paused and ended ones are skipped). Poll `GET /v1/tasks/{taskId}` and its chain.
         */
        post: operations["createCoeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who held a task, when and why, with every message between agents */
        get: operations["getTaskChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/escalations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Chains handed to a person, newest first
         * @description Operator role: `operator` or higher.
         */
        get: operations["adminListEscalations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/outputs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your agents' outputs, newest first
         * @description Documents (deliverables), GitHub issues, comments, reviews and daily reports, each with its status (`stored`, `posted` with its URL, `failed`) and the reason. Filter by `task`, `hire`, `kind`, `status`; a task or hire that is not yours gives an empty page. `body` is Markdown written by an agent (and may quote webhook content): render it as untrusted text, never as HTML.
         */
        get: operations["listOutputs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/outputs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of your outputs
         * @description `body` is Markdown written by an agent (and may quote webhook content): render it as untrusted text, never as HTML.
         */
        get: operations["getOutput"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/outputs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every customer's outputs, newest first
         * @description Operator role: `operator` or higher.
         */
        get: operations["adminListOutputs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/outputs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One output
         * @description Operator role: `operator` or higher.
         */
        get: operations["adminGetOutput"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/reports/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Write the daily reports now
         * @description What the 06:00 UTC Cron Trigger does for the day that has just ended: a Markdown report per customer with a hire that day, covering the whole UTC day from 00:00 to 24:00 (per agent: tasks, decisions by tier, spend, handoffs; per repository, violations found and fixed, counted from the issue outputs written that day), as a `report` output posted where the customer configured `dailyReport` on a connected repository, kept on the platform otherwise. The body is optional: without `date` it reports on yesterday; `date` may name any finished day, and today or a later day is a 400 on `date` (the day is not over). Once per customer and day: repeating it writes nothing new.
         *
         *     Operator role: `operator` or higher.
         */
        post: operations["adminWriteDailyReports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/cron/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run what a Cron Trigger runs, now
         * @description Emits the trigger's schedule tick, re-sends events that never reached the queue (refused at ingest, or `pending` for more than five minutes), and runs the housekeeping jobs of that trigger and of every trigger. Each step reports its own outcome; a failed step stops none of the others. Locally nothing fires Cron Triggers: this is how to run them.
         *
         *     Operator role: `operator` or higher.
         */
        post: operations["adminRunCron"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/encryption": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Encryption at rest: the current key, the key ring, values by key per table
         * @description Counts scan the tables: call it to check that no value is left under a key before removing that key.
         *
         *     Operator role: `viewer` or higher.
         */
        get: operations["adminGetEncryption"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/encryption/reencrypt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run one bounded re-encryption pass
         * @description Rewrites up to `limit` rows per table, and the storage of up to `agents` agents after `agentCursor`, that are plain or under an older key, under the current key (`ENCRYPTION_KEY_ID`). Idempotent; the cron runs the same pass. Repeat until every `remaining` is 0 and `agents.nextCursor` is null.
         *
         *     Operator role: `admin` or higher.
         */
        post: operations["adminReencrypt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            nextCursor: string | null;
        };
        AuditEntry: {
            seq: number;
            id: string;
            /** Format: date-time */
            at: string;
            actor: components["schemas"]["AuditActor"];
            action: string;
            target: {
                type: string;
                id: string | null;
            };
            /** @enum {string} */
            outcome: "success" | "denied" | "failure";
            reason: string | null;
            method: string | null;
            path: string | null;
            ip: string | null;
            userAgent: string | null;
            customerId: string | null;
            before?: unknown;
            after?: unknown;
            prevHash: string;
            hash: string;
        };
        AuditActor: {
            /** @enum {string} */
            kind: "operator" | "customer" | "anonymous" | "system";
            id: string;
            role?: string;
        };
        Error: {
            error: {
                /**
                 * @description Stable and machine-readable: `invalid_request`, `invalid_json`, `payload_too_large`, `unauthorized`, `not_found`, …
                 * @example invalid_request
                 */
                code: string;
                /**
                 * @description For people; may change.
                 * @example occurredAt: Invalid ISO datetime
                 */
                message: string;
                /**
                 * @description The offending field, as a path: `events[0].type`.
                 * @example occurredAt
                 */
                field?: string;
                /** @description Every problem found, when there is more than one. */
                issues?: {
                    field: string;
                    message: string;
                }[];
            };
        };
        AuditVerifyResult: {
            ok: boolean;
            checked: number;
            headSeq: number;
            headHash: string | null;
            firstBrokenSeq?: number;
            reason?: string;
        };
        ConnectedRepositoryCreated: {
            id: string;
            repository: string;
            hasToken: boolean;
            visionRules: components["schemas"]["VisionRules"];
            dailyReport: components["schemas"]["ReportDestination"];
            webhookUrl: string;
            createdAt: number;
            updatedAt: number;
            /** @description Paste it into the webhook's Secret field on GitHub; it is not shown again. */
            webhookSecret: string;
        };
        VisionRules: {
            /** @default [] */
            forbiddenPatterns: {
                id: string;
                /** @description A JavaScript regular expression (u flag). Patterns run on lines anyone can add, so their shape is limited: no backreferences; no repetition of something that itself repeats without bound or holds alternatives (`(a+)+`, `(.*a){12}`, `(a|b)*`) unless each repetition starts with a character the inner ones cannot match (`(-[a-z0-9]+)*`); no two unbounded repetitions in a row that can match the same characters (`\s*\s*`, `.*a.*b`); at most 4 unbounded repetitions in all. */
                pattern: string;
                message: string;
                paths?: string[];
            }[];
            /** @default [] */
            forbiddenTerms: string[];
            /** @default [] */
            requiredFiles: string[];
            /** @default [] */
            naming: {
                id: string;
                paths: string;
                /** @description A JavaScript regular expression (u flag). Patterns run on lines anyone can add, so their shape is limited: no backreferences; no repetition of something that itself repeats without bound or holds alternatives (`(a+)+`, `(.*a){12}`, `(a|b)*`) unless each repetition starts with a character the inner ones cannot match (`(-[a-z0-9]+)*`); no two unbounded repetitions in a row that can match the same characters (`\s*\s*`, `.*a.*b`); at most 4 unbounded repetitions in all. */
                pattern: string;
                message: string;
            }[];
            /** @default {} */
            brand: {
                /** @default [] */
                banned: string[];
                /** @default [] */
                preferred: {
                    use: string;
                    insteadOf: string[];
                }[];
            };
            /** @default {} */
            fileSize: {
                maxFileBytes?: number;
                maxChangedLines?: number;
            };
        };
        ReportDestination: {
            /** @enum {string} */
            as: "issue";
        } | {
            /** @enum {string} */
            as: "comment";
            issueNumber: number;
        } | null;
        ConnectRepositoryInput: {
            repository: string;
            token?: string;
            visionRules?: components["schemas"]["VisionRules"];
            dailyReport?: components["schemas"]["ReportDestination"];
        };
        ConnectedRepositoryList: {
            items: components["schemas"]["ConnectedRepository"][];
        };
        ConnectedRepository: {
            id: string;
            repository: string;
            hasToken: boolean;
            visionRules: components["schemas"]["VisionRules"];
            dailyReport: components["schemas"]["ReportDestination"];
            webhookUrl: string;
            createdAt: number;
            updatedAt: number;
        };
        UpdateRepositoryInput: {
            token?: string | null;
            visionRules?: components["schemas"]["VisionRules"];
            dailyReport?: components["schemas"]["ReportDestination"];
        };
        WebhookPong: {
            /** @enum {boolean} */
            pong: true;
            repository: string;
        };
        WebhookDuplicate: {
            /** @enum {boolean} */
            duplicate: true;
            delivery: string;
            /** @enum {string} */
            outcome: "ingested" | "ignored";
            eventId: string | null;
        };
        WebhookIngested: {
            delivery: string;
            eventId: string;
            /** @enum {string} */
            status: "queued" | "duplicate";
        };
        WebhookIgnored: {
            delivery?: string;
            ignored: string;
        };
        LearnedRulePage: {
            items: components["schemas"]["LearnedRule"][];
            nextCursor: string | null;
        };
        LearnedRule: {
            id: string;
            scope: string;
            situationKey: string;
            situation: string;
            eventType: string;
            definition: string;
            customerId: string | null;
            /** @enum {string} */
            action: "act" | "ignore" | "escalate" | "delegate";
            delegateTo: string | null;
            reason: string;
            note: string | null;
            provenance: components["schemas"]["LearnedRuleProvenance"];
            /** @enum {string} */
            status: "active" | "revoked";
            createdAt: number;
            revokedAt: number | null;
            revokedBy: string | null;
            revokeReason: string | null;
        };
        LearnedRuleProvenance: {
            decisionIds: string[];
            instances: string[];
            ratings: number;
            firstSeen: number;
            lastSeen: number;
        };
        CataloguePage: {
            items: components["schemas"]["ListingCard"][];
            nextCursor: string | null;
            sort: string;
        };
        ListingCard: {
            slug: string;
            displayName: string;
            tagline: string;
            /** @enum {string} */
            coe: "marketing" | "sales" | "support";
            role: string;
            priceUsdPerMonth: number;
            industries: string[];
            languages: string[];
            skills: string[];
            rating: {
                average: number | null;
                count: number;
                bayesian: number;
            };
            /** @description 0–100: 60% Bayesian rating, 25% task success, 15% on time */
            trustScore: number;
            stats: {
                tasksFinished: number;
                successRate: number | null;
                onTimeRate: number | null;
                medianResponseMs: number | null;
            };
        };
        AgentProfile: {
            slug: string;
            displayName: string;
            tagline: string;
            /** @enum {string} */
            coe: "marketing" | "sales" | "support";
            role: string;
            priceUsdPerMonth: number;
            industries: string[];
            languages: string[];
            skills: string[];
            rating: {
                average: number | null;
                count: number;
                bayesian: number;
            };
            /** @description 0–100: 60% Bayesian rating, 25% task success, 15% on time */
            trustScore: number;
            stats: {
                tasksFinished: number;
                successRate: number | null;
                onTimeRate: number | null;
                medianResponseMs: number | null;
            };
            description: string;
            persona: {
                tone: string;
                avatar: string | null;
            };
            capabilities: string[];
            sampleOutputs: {
                title: string;
                body: string;
            }[];
            trial: {
                days: number;
                budgetUsd: number;
                maxTasks: number;
            };
            responseTargetSeconds: number;
            reviews: {
                stars: number;
                text: string;
                createdAt: number;
            }[];
            trustExplained: string;
        };
        AgentSnapshot: {
            id: string;
            definition: {
                slug: string;
                version: number;
            };
            specialization: components["schemas"]["Specialization"];
            personality: components["schemas"]["Personality"];
            defaults: {
                /** @default claude-haiku-4-5 */
                model: string;
                /** @default {} */
                budget: {
                    /** @default 5 */
                    usdPerMonth: number;
                    /** @default 200000 */
                    tokensPerDay: number;
                    /** @default 60 */
                    llmCallsPerMinute: number;
                };
                semanticThreshold?: number;
                contextTokens?: number;
                promptVariants?: components["schemas"]["PromptVariant"][];
            };
            customerId: string | null;
            subscriptions: components["schemas"]["Subscription"][];
            /** @enum {string} */
            state: "spawning" | "active" | "paused" | "retiring" | "retired";
            inboxSize: number;
            counters: {
                [key: string]: number;
            };
            context: {
                recentEvents: {
                    eventId: string;
                    type: string;
                    subject: string;
                    receivedAt: number;
                }[];
                notes: {
                    text: string;
                    createdAt: number;
                }[];
                openTasks: {
                    taskId: string;
                    title: string;
                    openedAt: number;
                }[];
            };
            createdAt: number;
            drain: components["schemas"]["DrainProgress"];
        };
        Specialization: {
            /** @enum {string} */
            coe: "marketing" | "sales" | "support";
            role: string;
            capabilities: string[];
            /** @default [] */
            rules: components["schemas"]["Rule"][];
            subscriptions: components["schemas"]["Subscription"][];
        };
        Rule: {
            id: string;
            when: {
                type?: string;
                subject?: string;
                /** @default [] */
                conditions: {
                    path: string;
                    /** @enum {string} */
                    op: "eq" | "neq" | "in" | "contains" | "exists" | "gt" | "gte" | "lt" | "lte" | "matches";
                    value?: unknown;
                }[];
            };
            then: {
                /** @enum {string} */
                action: "act" | "ignore" | "escalate" | "delegate";
                reason: string;
                delegateTo?: string;
                handoff?: {
                    /**
                     * @default handoff
                     * @enum {string}
                     */
                    type: "handoff" | "request";
                    kind?: string;
                };
                delegateWhen?: {
                    path: string;
                    /** @enum {string} */
                    op: "eq" | "neq" | "in" | "contains" | "exists" | "gt" | "gte" | "lt" | "lte" | "matches";
                    value?: unknown;
                }[];
                note?: string;
                skill?: string;
                input?: string;
            };
        };
        Subscription: {
            event: string;
            subject?: string;
            customerId?: string | "*";
        };
        Personality: {
            displayName: string;
            tagline: string;
            tone: string;
            /** @default [] */
            industries: string[];
            languages: string[];
            /** Format: uri */
            avatar?: string;
        };
        PromptVariant: {
            /** @description names the variant in decisions and in the decision summary */
            id: string;
            /**
             * @description relative share of events asked with this variant
             * @default 1
             */
            weight: number;
            /**
             * @description appended to the system prompt
             * @default
             */
            instructions: string;
        };
        DrainProgress: {
            startedAt: number;
            remaining: number;
            finished: number;
            handedBack: number;
            rerouted: number;
            endedAt: number | null;
        } | null;
        SignUpResult: {
            customer: components["schemas"]["Customer"];
            apiKey: components["schemas"]["IssuedKey"];
        };
        Customer: {
            id: string;
            name: string;
            email: string;
            createdAt: number;
            /** @description When the e-mail address was verified (the link sent at sign-up); null until then. Trials need it. */
            emailVerifiedAt: number | null;
        };
        IssuedKey: {
            id: string;
            label: string;
            prefix: string;
            /** @description The key itself, in this response only (null when a retried request is replayed) */
            key: string | null;
            /** @description `full`, `read` or `hire:<hireId>` */
            scope: string;
            expiresAt: number | null;
            createdAt: number;
        };
        EmailVerified: {
            customerId: string;
            emailVerifiedAt: number;
        };
        VerificationSent: {
            /** @enum {string} */
            sent: "sent" | "logged" | "failed";
        };
        ErasureSummary: {
            customerId: string;
            erasedAt: number;
            /** @description Active hires and trials cancelled first */
            cancelled: {
                hires: number;
                trials: number;
            };
            /** @description Durable Object storage */
            agents: {
                /** @description Agents whose Durable Object storage was erased */
                erased: number;
                /** @description Memories deleted, with their vectors (local or Pinecone) */
                memories: number;
                /** @description Shared decision-cache answers of your agents' scopes */
                decisionCacheEntries: number;
                /** @description Budget ledgers (yours and your agents') forgotten */
                budgets: number;
            };
            /** @description Rows deleted per D1 table */
            d1: {
                [key: string]: number;
            };
            /** @description Outputs not yet posted, cancelled (deleted before any channel posted them) */
            outputsCancelled: number;
            apiKeysRevoked: number;
            /** @description What the erase could not reach, and why */
            notes: string[];
        };
        CustomerExport: {
            exportedAt: number;
            /** @description The most items of each collection in one export, newest first */
            limit: number;
            /** @description Collections that held more than `limit` items: read the rest through their paged routes */
            truncated: ("hires" | "tasks" | "reviews" | "outputs" | "memories" | "learnedRules" | "handoffs")[];
            account: components["schemas"]["Customer"];
            /** @description Key metadata; never the keys (only their hashes are stored) */
            apiKeys: {
                id: string;
                label: string;
                prefix: string;
                /** @description `full`, `read` or `hire:<hireId>` */
                scope: string;
                expiresAt: number | null;
                createdAt: number;
                /** @description Last use, to within five minutes (written at most that often) */
                lastUsedAt: number | null;
                revokedAt: number | null;
            }[];
            /** @description Hires and trials (`kind`) */
            hires: components["schemas"]["Hire"][];
            /** @description Tasks with their history, messages, deliverables and ratings */
            tasks: components["schemas"]["TaskDetail"][];
            reviews: components["schemas"]["Review"][];
            outputs: components["schemas"]["Output"][];
            /** @description What each hire's agent remembers of you */
            memories: {
                hireId: string;
                items: components["schemas"]["Memory"][];
            }[];
            /** @description Rules your agents learned from your feedback */
            learnedRules: components["schemas"]["LearnedRule"][];
            /** @description Messages between agents about your tasks */
            handoffs: components["schemas"]["AgentMessage"][];
            /** @description Connected repositories (never their secrets or tokens) */
            repositories: components["schemas"]["ConnectedRepository"][];
        };
        Hire: {
            id: string;
            agent: string;
            agentName?: string | null;
            /** @enum {string} */
            kind: "trial" | "hire";
            /** @enum {string} */
            status: "active" | "ended" | "cancelled";
            startedAt: number;
            endsAt: number | null;
            taskLimit: number | null;
            tasksUsed?: number;
            reviewed?: boolean;
            convertedAt: number | null;
            endedAt: number | null;
            endReason: string | null;
        };
        TaskDetail: {
            id: string;
            hireId: string;
            agent: string;
            title: string;
            instructions: string;
            inputs?: unknown;
            /** @enum {string} */
            status: "queued" | "done" | "needs_human" | "needs_hire" | "delegated" | "declined" | "failed" | "cancelled";
            output: components["schemas"]["TaskOutput"];
            createdAt: number;
            finishedAt: number | null;
            rating: {
                stars: number;
                comment: string | null;
            } | null;
            messages: components["schemas"]["TaskMessage"][];
            history: {
                at: number;
                kind: string;
                detail?: unknown;
            }[];
        };
        TaskOutput: {
            action: string | null;
            summary: string;
            deliverable?: string | null;
            delegateTo?: string | null;
            tier?: string;
            decisionId?: string;
            decidedAt?: number;
            needsHire?: {
                role: string;
                listing: string | null;
            };
        } | null;
        TaskMessage: {
            id: string;
            taskId?: string;
            text: string;
            /** @enum {string} */
            status: "queued" | "answered" | "cancelled" | "failed";
            reply: components["schemas"]["TaskOutput"];
            createdAt: number;
            answeredAt: number | null;
        };
        Review: {
            id: string;
            hireId: string;
            agent: string;
            stars: number;
            text: string;
            createdAt: number;
        };
        Output: {
            id: string;
            customerId: string;
            instanceId: string | null;
            /** @description The hire of the agent that produced it. */
            hireId: string | null;
            taskId: string | null;
            decisionId: string | null;
            /** @enum {string} */
            kind: "document" | "issue" | "comment" | "review" | "report";
            /** @enum {string} */
            channel: "none" | "github";
            target: {
                repository?: string;
                number?: number;
            } | null;
            key: string;
            /** @description What it is about (a file path), when it says. */
            subject: string | null;
            /** @enum {string} */
            state: "open" | "closed";
            title: string;
            /** @description Markdown, as written by the agent: render it as untrusted text. */
            body: string;
            /** @enum {string} */
            status: "stored" | "posted" | "failed";
            statusReason: string | null;
            externalUrl: string | null;
            attempts: number;
            createdAt: number;
            updatedAt: number;
            postedAt: number | null;
        };
        Memory: {
            id: string;
            customerId: string | null;
            /** @enum {string} */
            kind: "task" | "deliverable" | "fact" | "rated_decision" | "correction";
            text: string;
            source: {
                eventId?: string;
                decisionId?: string;
                taskId?: string;
            };
            model: string | null;
            createdAt: number;
        };
        AgentMessage: {
            id: string;
            /** @enum {string} */
            type: "request" | "inform" | "handoff" | "ack" | "result" | "escalate";
            from: {
                role: string;
                instanceId: string | null;
            };
            to: {
                role: string;
                instanceId: string | null;
            };
            taskId: string;
            correlationId: string;
            traceId: string;
            customerId: string;
            payload: {
                [key: string]: unknown;
            };
            deadline: number | null;
            /** @enum {string} */
            status: "routing" | "sent" | "done" | "needs_hire" | "escalated" | "recorded";
            attempt: number;
            reason: string | null;
            createdAt: number;
            updatedAt: number;
        };
        /**
         * @description `full` (default), `read` (GET and HEAD only) or `hire:<hireId>` (that hire's routes and tasks only)
         * @default full
         */
        KeyScope: ("full" | "read") | string;
        Task: {
            id: string;
            hireId: string;
            agent: string;
            title: string;
            instructions: string;
            inputs?: unknown;
            /** @enum {string} */
            status: "queued" | "done" | "needs_human" | "needs_hire" | "delegated" | "declined" | "failed" | "cancelled";
            output: components["schemas"]["TaskOutput"];
            createdAt: number;
            finishedAt: number | null;
            rating: {
                stars: number;
                comment: string | null;
            } | null;
        };
        MemoryPage: {
            items: components["schemas"]["Memory"][];
            nextCursor: string | null;
        };
        DeletedMemories: {
            deleted: number;
        };
        IngestResult: {
            id: string;
            traceId: string;
            /** @enum {string} */
            status: "queued" | "duplicate";
        };
        EventInput: {
            id?: string;
            /** @enum {string} */
            type: "github.push" | "github.pull_request.opened" | "github.pull_request.synchronize" | "github.pull_request.reopened" | "github.issue.opened" | "github.issue.edited" | "github.issue.closed" | "github.issue.reopened" | "github.issue_comment.created" | "github.issue_comment.edited" | "task.assigned" | "task.updated" | "handoff.requested" | "handoff.completed" | "schedule.tick" | "feedback.received" | "budget.exceeded" | "budget.warning" | "agent.lifecycle" | "customer.message" | "report.requested";
            source: string;
            subject: string;
            /** @default {} */
            payload: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            occurredAt: string;
            traceId?: string;
            customerId?: string;
        };
        EventView: {
            id: string;
            /** @enum {string} */
            type: "github.push" | "github.pull_request.opened" | "github.pull_request.synchronize" | "github.pull_request.reopened" | "github.issue.opened" | "github.issue.edited" | "github.issue.closed" | "github.issue.reopened" | "github.issue_comment.created" | "github.issue_comment.edited" | "task.assigned" | "task.updated" | "handoff.requested" | "handoff.completed" | "schedule.tick" | "feedback.received" | "budget.exceeded" | "budget.warning" | "agent.lifecycle" | "customer.message" | "report.requested";
            source: string;
            subject: string;
            customerId: string | null;
            traceId: string;
            occurredAt: string;
            receivedAt: number;
            payload: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "pending" | "queued" | "delivered" | "dead" | "enqueue_failed";
            attempts: number;
            lastError: string | null;
            matchedCount: number | null;
            deliveredAt: number | null;
            wakes: {
                instanceId: string;
                /** @enum {string} */
                outcome: "decided" | "buffered" | "discarded" | "refused";
                recordedAt: number;
                decision: {
                    id: string;
                    /** @enum {string} */
                    action: "act" | "ignore" | "escalate" | "delegate";
                    reason: string;
                    /** @enum {string} */
                    tier: "rules" | "learned" | "cache" | "semantic" | "llm" | "fallback";
                    ruleId: string | null;
                } | null;
            }[];
        };
        EventList: {
            items: components["schemas"]["EventSummary"][];
            cursor: string;
        };
        EventSummary: {
            id: string;
            /** @enum {string} */
            type: "github.push" | "github.pull_request.opened" | "github.pull_request.synchronize" | "github.pull_request.reopened" | "github.issue.opened" | "github.issue.edited" | "github.issue.closed" | "github.issue.reopened" | "github.issue_comment.created" | "github.issue_comment.edited" | "task.assigned" | "task.updated" | "handoff.requested" | "handoff.completed" | "schedule.tick" | "feedback.received" | "budget.exceeded" | "budget.warning" | "agent.lifecycle" | "customer.message" | "report.requested";
            source: string;
            subject: string;
            customerId: string | null;
            traceId: string;
            occurredAt: string;
            receivedAt: number;
            payload: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "pending" | "queued" | "delivered" | "dead" | "enqueue_failed";
            attempts: number;
            lastError: string | null;
            matchedCount: number | null;
            deliveredAt: number | null;
        };
        Decision: {
            id: string;
            instanceId: string;
            eventId: string;
            traceId: string;
            /** @enum {string} */
            action: "act" | "ignore" | "escalate" | "delegate";
            reason: string;
            /** @enum {string} */
            tier: "rules" | "learned" | "cache" | "semantic" | "llm" | "fallback";
            ruleId: string | null;
            delegateTo: string | null;
            handoff?: {
                /** @enum {string} */
                type: "handoff" | "request";
                kind?: string;
            };
            latencyMs: number;
            decidedAt: number;
            model: string | null;
            inputTokens: number;
            outputTokens: number;
            costUsd: number;
            /** @enum {string|null} */
            cache: "hit" | "miss" | null;
            output: string | null;
            publications?: components["schemas"]["Publication"][];
            situationKey?: string;
            context?: components["schemas"]["DecisionContextUse"];
            promptVariant?: string;
        };
        Publication: {
            /** @enum {string} */
            kind: "document" | "issue" | "comment" | "review" | "report";
            key: string;
            title: string;
            body: string;
            target?: {
                repository?: string;
                number?: number;
            };
            subject?: string;
            resolves?: {
                keyPrefix: string;
                subjects: string[];
            };
        };
        DecisionContextUse: {
            tokens: number;
            budget: number;
            memoryIds: string[];
            sections: string[];
        };
        DecisionSummary: {
            total: number;
            tiers: {
                [key: string]: {
                    count: number;
                    share: number;
                    avgLatencyMs: number;
                };
            };
            cache: {
                hits: number;
                misses: number;
                hitRate: number | null;
            };
            llm: {
                decisions: number;
                inputTokens: number;
                outputTokens: number;
                costUsd: number;
            };
            escalations: {
                [key: string]: number;
            };
            promptVariants?: {
                [key: string]: {
                    decisions: number;
                    costUsd: number;
                    avgLatencyMs: number;
                    escalations: number;
                    ratedGood: number;
                    ratedBad: number;
                };
            };
            learning: {
                rulesActive: number;
                decisionsByLearnedRules: number;
                ratings: {
                    good: number;
                    bad: number;
                    neutral: number;
                };
            };
        };
        ImportedMemories: {
            created: number;
            ids: string[];
        };
        MemorySearchResult: {
            matches: {
                id: string;
                /** @enum {string} */
                kind: "task" | "deliverable" | "fact" | "rated_decision" | "correction";
                text: string;
                score: number;
                createdAt: number;
            }[];
            tookMs: number;
            /** @enum {string} */
            backend: "local" | "pinecone";
            model: string;
            searched: number | null;
        };
        AgentDefinition: {
            slug: string;
            /** @default 1 */
            version: number;
            specialization: components["schemas"]["Specialization"];
            personality: components["schemas"]["Personality"];
            /** @default {} */
            defaults: {
                /** @default claude-haiku-4-5 */
                model: string;
                /** @default {} */
                budget: {
                    /** @default 5 */
                    usdPerMonth: number;
                    /** @default 200000 */
                    tokensPerDay: number;
                    /** @default 60 */
                    llmCallsPerMinute: number;
                };
                semanticThreshold?: number;
                contextTokens?: number;
                promptVariants?: components["schemas"]["PromptVariant"][];
            };
            listing?: {
                description: string;
                priceUsdPerMonth: number;
                /** @default {} */
                trial: {
                    /** @default 7 */
                    days: number;
                    /** @default 2 */
                    budgetUsd: number;
                    /** @default 20 */
                    maxTasks: number;
                };
                /** @default 3600 */
                responseTargetSeconds: number;
                /** @default [] */
                sampleOutputs: {
                    title: string;
                    body: string;
                }[];
            };
        };
        SpawnRequest: {
            definition: string;
            id?: string;
            customerId?: string;
            subscriptions?: components["schemas"]["Subscription"][];
        };
        AgentInstance: {
            id: string;
            definitionSlug: string;
            /** @enum {string} */
            state: "spawning" | "active" | "paused" | "retiring" | "retired";
            customerId: string | null;
            createdAt: number;
            updatedAt: number;
        };
        RetireRequest: {
            drainSeconds?: number;
        };
        BudgetView: {
            /** @enum {string} */
            scope: "agent" | "customer";
            id: string;
            limits: components["schemas"]["BudgetLimits"];
            overridden: boolean;
            windows: {
                /** @enum {string} */
                window: "tokensPerDay" | "usdPerMonth" | "llmCallsPerMinute";
                period: string;
                used: number;
                reserved: number;
                limit: number;
            }[];
        };
        BudgetLimits: {
            tokensPerDay: number;
            usdPerMonth: number;
            llmCallsPerMinute: number;
        };
        BreakerStatus: {
            /** @enum {string} */
            provider: "anthropic";
            /** @enum {string} */
            phase: "closed" | "open" | "half_open";
            consecutiveFailures: number;
            openedAt: number | null;
            probeUntil: number | null;
            lastError: string | null;
        };
        TracePage: {
            items: components["schemas"]["TraceSummary"][];
            nextCursor: string | null;
        };
        TraceSummary: {
            traceId: string;
            startMs: number;
            rootType: string;
            customerId: string | null;
            eventCount: number;
            decisionCount: number;
            errorCount: number;
        };
        Trace: {
            traceId: string;
            startMs: number;
            durationMs: number;
            spanCount: number;
            errorCount: number;
            spans: components["schemas"]["TraceSpan"][];
        };
        TraceSpan: {
            traceId: string;
            spanId: string;
            parentSpanId: string | null;
            depth: number;
            /** @enum {string} */
            kind: "ingest" | "queue" | "wake" | "decision" | "llm" | "coordinator" | "handoff" | "output" | "dead_letter";
            name: string;
            startMs: number;
            durationMs: number | null;
            /** @enum {string} */
            status: "ok" | "error" | "unset";
            error: string | null;
            instanceId: string | null;
            eventId: string | null;
            attributes: {
                [key: string]: string | number | boolean | null;
            };
        };
        StatsTimeseries: {
            since: number;
            until: number;
            step: number;
            buckets: {
                start: number;
                events: number;
                wakes: number;
                decisions: {
                    rules: number;
                    learned: number;
                    cache: number;
                    semantic: number;
                    llm: number;
                    fallback: number;
                };
                costUsd: number;
            }[];
        };
        RaciMatrix: {
            /** @enum {string} */
            coe: "marketing" | "sales" | "support";
            tasks: {
                [key: string]: {
                    responsible: string;
                    accountable: string;
                    consulted: string[];
                    informed: string[];
                    kind?: string;
                };
            };
        };
        CoordinatedTask: {
            /** @enum {string} */
            coe: "marketing" | "sales" | "support";
            type: string;
            raci: {
                responsible: string;
                accountable: string;
                consulted: string[];
                informed: string[];
                kind?: string;
            };
            hireId: string;
            instanceId: string;
            taskId: string;
            status: string;
        };
        TaskChain: {
            taskId: string;
            status: string;
            holders: {
                role: string;
                instanceId: string;
                since: number;
                until: number | null;
                why: string;
            }[];
            messages: components["schemas"]["AgentMessage"][];
        };
        EscalationPage: {
            items: components["schemas"]["AgentMessage"][];
            nextCursor: string | null;
        };
        OutputPage: {
            items: components["schemas"]["Output"][];
            nextCursor: string | null;
        };
        DailyReportRun: {
            date: string;
            written: number;
            existing: number;
        };
        DailyReportRequest: {
            /**
             * Format: date
             * @description YYYY-MM-DD: a UTC day that is over (before today); yesterday by default. The report covers the whole day, 00:00 to 24:00 UTC.
             */
            date?: string;
        };
        CronRunReport: {
            cron: string;
            /** @description the minute the run stands for (epoch ms): a second run in the same minute emits no second tick */
            scheduledTime: number;
            /** @description events that had never reached the queue, re-sent */
            requeued: number;
            /** @description true: the re-send stopped at its time budget (or a refused page) with events left: run it again */
            more: boolean;
            steps: {
                name: string;
                ok: boolean;
                error?: string;
            }[];
        };
        CronRunRequest: {
            /**
             * @description the trigger to run as (its own jobs run, and those of every trigger): one of wrangler.toml's `crons`
             * @default *\/15 * * * *
             * @enum {string}
             */
            cron: "*/15 * * * *" | "0 9 * * 1" | "0 6 * * *";
        };
        EncryptionStatus: {
            encryptionAtRest: boolean;
            currentKeyId: string | null;
            /** @description every key on the ring (each still decrypts) */
            keyIds: string[];
            tables: {
                [key: string]: {
                    [key: string]: number;
                };
            };
        };
        ReencryptReport: {
            /** @description null: encryption at rest is off (no ENCRYPTION_KEYS), nothing to do */
            currentKeyId: string | null;
            tables: {
                table: string;
                rewritten: number;
                remaining: number;
            }[];
            agents: {
                visited: number;
                rewritten: number;
                remaining: number;
                nextCursor: string | null;
            };
        };
        ReencryptRequest: {
            /**
             * @description rows per table rewritten in this pass
             * @default 100
             */
            limit: number;
            /**
             * @description agents whose storage this pass re-encrypts
             * @default 25
             */
            agents: number;
            /** @description `agents.nextCursor` of the previous pass: the agents after it */
            agentCursor?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    adminListAudit: {
        parameters: {
            query?: {
                action?: string;
                since?: string;
                until?: string;
                limit?: number;
                cursor?: string;
                actor?: string;
                targetType?: string;
                targetId?: string;
                customerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminVerifyAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chain's state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerifyResult"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOwnAudit: {
        parameters: {
            query?: {
                action?: string;
                since?: string;
                until?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRepositories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Oldest first; never the secrets or tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectedRepositoryList"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connectRepository: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (its webhook secret blanked: it is shown once) and create nothing twice */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "repository": "acme/website",
                 *       "token": "github_pat_…",
                 *       "dailyReport": {
                 *         "as": "issue"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ConnectRepositoryInput"];
            };
        };
        responses: {
            /** @description The connected repository and its webhook secret, shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectedRepositoryCreated"];
                };
            };
            /** @description Invalid body: `field` names the first problem (an invalid regular expression: `visionRules.forbiddenPatterns[0].pattern`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The repository is connected already, by you or another customer (`repository_connected`); or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRepository: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The repository (never its secret or token) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectedRepository"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such connected repository, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disconnectRepository: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disconnected */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such connected repository, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateRepository: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "dailyReport": {
                 *         "as": "comment",
                 *         "issueNumber": 42
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateRepositoryInput"];
            };
        };
        responses: {
            /** @description The repository as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectedRepository"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such connected repository, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateRepositorySecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (its webhook secret blanked: it is shown once) and create nothing twice */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The repository and its new secret, shown once */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectedRepositoryCreated"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such connected repository, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveGithubWebhook: {
        parameters: {
            query?: never;
            header: {
                /** @description The event: `push`, `pull_request`, `issues`, `issue_comment`, `ping`, … */
                "x-github-event": string;
                /** @description The delivery's GUID; a redelivery repeats it */
                "x-github-delivery": string;
                /** @description `sha256=` and the HMAC-SHA256 of the body with the webhook secret */
                "x-hub-signature-256": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `ping` (the webhook works), or a delivery seen before */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPong"] | components["schemas"]["WebhookDuplicate"];
                };
            };
            /** @description Became a wake event, or was acknowledged and ignored (with why) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookIngested"] | components["schemas"]["WebhookIgnored"];
                };
            };
            /** @description The body is not JSON (`invalid_json`), lacks a field its event needs, or a header is missing (`missing_header`, `field` names it) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `X-Hub-Signature-256` is missing or does not match the repository's secret (`invalid_signature`); nothing is stored */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payload names no connected repository (`unknown_repository`); nothing is stored */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The wake queue refused the event: it is recorded and the cron sends it; a redelivery is safe (`queue_unavailable`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminListLearnedRules: {
        parameters: {
            query?: {
                status?: "active" | "revoked";
                definition?: string;
                customerId?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of learned rules, with provenance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearnedRulePage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetLearnedRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearnedRule"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No learned rule with this id (for a customer: none of this hire's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminRevokeLearnedRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "Escalates refund requests it should answer"
                 *     }
                 */
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The revoked rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearnedRule"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `admin` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No learned rule with this id (for a customer: none of this hire's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listLearnedRules: {
        parameters: {
            query?: {
                status?: "active" | "revoked";
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of learned rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearnedRulePage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeLearnedRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "Our pricing changed; ask me again"
                 *     }
                 */
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The revoked rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearnedRule"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire or rule, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAgents: {
        parameters: {
            query?: {
                q?: string;
                coe?: "marketing" | "sales" | "support";
                role?: string;
                industry?: string;
                skill?: string;
                language?: string;
                minPrice?: number;
                maxPrice?: number;
                minRating?: number;
                sort?: "relevance" | "rating" | "price" | "trust";
                order?: "asc" | "desc";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of listings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CataloguePage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile, or an instance snapshot for operators */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentProfile"] | components["schemas"]["AgentSnapshot"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An operator token was sent and is wrong */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No listed agent (nor, for operators, instance) with this ref */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signUp: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme Ltd",
                 *       "email": "ops@acme.example"
                 *     }
                 */
                "application/json": {
                    name: string;
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description The customer and its key */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignUpResult"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests (`rate_limited`): past this route's exact limit per address or customer, or the approximate per-address and per-key limits; `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    followVerificationLink: {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page with a button that verifies the address */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Without a valid-looking `token`: a JSON error */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "ev_3q2-7wAbCdEfGhIjKlMnOpQrStUvWxYz0123456789A"
                 *     }
                 */
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description The customer whose address is now verified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailVerified"];
                };
            };
            /** @description Invalid request, or the token is unknown, used or expired (`invalid_token`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resendVerification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How the link went out */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationSent"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your address is verified already (`already_verified`); or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests (`rate_limited`): past this route's exact limit per address or customer, or the approximate per-address and per-key limits; `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    eraseMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Erased: what went, store by store */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErasureSummary"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A store could not be erased yet (`erase_incomplete`): retry */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportMyData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerExport"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            label: string;
                            prefix: string;
                            /** @description `full`, `read` or `hire:<hireId>` */
                            scope: string;
                            expiresAt: number | null;
                            createdAt: number;
                            /** @description Last use, to within five minutes (written at most that often) */
                            lastUsedAt: number | null;
                            revokedAt: number | null;
                        }[];
                    };
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "label": "ci",
                 *       "scope": "read",
                 *       "expiresInDays": 90
                 *     }
                 */
                "application/json": {
                    /** @default key */
                    label?: string;
                    scope?: components["schemas"]["KeyScope"];
                    /** @description When the key stops working (ms since the epoch, in the future); or give `expiresInDays` */
                    expiresAt?: number;
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description The new key, shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedKey"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The scope names a hire that does not exist or is not yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such active key of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createTrial: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "agent": "marketing-seo"
                 *     }
                 */
                "application/json": {
                    agent: string;
                };
            };
        };
        responses: {
            /** @description The trial */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hire"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your e-mail address is not verified yet (`email_unverified`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Already trialled, by you (`trial_used`) or by someone with the same e-mail domain, or address at a public provider (`trial_used_by_identity`); or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests (`rate_limited`): past this route's exact limit per address or customer, or the approximate per-address and per-key limits; `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listHires: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                active?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of hires */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Hire"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createHire: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "agent": "marketing-seo"
                 *     }
                 */
                "application/json": {
                    agent: string;
                };
            };
        };
        responses: {
            /** @description The hire */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hire"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your e-mail address is not verified yet (`email_unverified`), or the API key's scope does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests (`rate_limited`): past this route's exact limit per address or customer, or the approximate per-address and per-key limits; `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hire, with tasks used */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hire"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    convertTrial: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hire */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hire"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not a trial, or no longer active; or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelHire: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ended hire */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hire"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTasks: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tasks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Task"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Audit our pricing page",
                 *       "instructions": "Check https://acme.example/pricing for on-page SEO problems and list the fixes by impact.",
                 *       "inputs": {
                 *         "url": "https://acme.example/pricing"
                 *       }
                 *     }
                 */
                "application/json": {
                    title: string;
                    instructions: string;
                    /** @default {} */
                    inputs?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description The task, queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The hire has ended (`hire_not_active`) or the trial's task limit is reached (`trial_task_limit`); or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reviewHire: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "stars": 5,
                 *       "text": "Found three problems our agency missed."
                 *     }
                 */
                "application/json": {
                    stars: number;
                    text: string;
                };
            };
        };
        responses: {
            /** @description The review */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Already reviewed (`already_reviewed`); or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests (`rate_limited`): past this route's exact limit per address or customer, or the approximate per-address and per-key limits; `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDetail"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such task, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendTaskMessage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "Please include the meta descriptions too."
                 *     }
                 */
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description The message, queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskMessage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such task, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The hire has ended; or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rateTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "stars": 4,
                 *       "comment": "Useful; the second fix was already done."
                 *     }
                 */
                "application/json": {
                    stars: number;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description The task with its rating */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such task, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The task is still queued (`task_not_finished`); or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests (`rate_limited`): past this route's exact limit per address or customer, or the approximate per-address and per-key limits; `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMemories: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of memories */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryPage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAllMemories: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many memories were deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedMemories"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteMemory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                memoryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such hire, or not yours (indistinguishable), or no such memory of yours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminVerifyCustomerEmail: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such customer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ingestEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description W3C Trace Context (`00-<trace id>-<parent id>-<flags>`): events without their own `traceId` take its trace id, so their spans join the producer's trace */
                traceparent?: string;
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_1",
                 *       "type": "github.issue.opened",
                 *       "source": "github/acme/website",
                 *       "subject": "acme/website#12",
                 *       "payload": {
                 *         "title": "Pricing page is slow"
                 *       },
                 *       "occurredAt": "2026-12-01T09:30:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["EventInput"];
            };
        };
        responses: {
            /** @description This `id` was accepted before: nothing was enqueued */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IngestResult"];
                };
            };
            /** @description Accepted and queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IngestResult"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Event larger than 64 KB (or body larger than 1 MB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The wake queue refused it (`queue_unavailable`); retry with the same id */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ingestEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description W3C Trace Context (`00-<trace id>-<parent id>-<flags>`): events without their own `traceId` take its trace id, so their spans join the producer's trace */
                traceparent?: string;
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         {
                 *           "id": "evt_2",
                 *           "type": "schedule.tick",
                 *           "source": "cron",
                 *           "subject": "daily",
                 *           "occurredAt": "2026-12-01T00:00:00Z"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    events: components["schemas"]["EventInput"][];
                };
            };
        };
        responses: {
            /** @description Accepted; `results` in the order sent */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                        ids: string[];
                        results: components["schemas"]["IngestResult"][];
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The wake queue refused some (`queue_unavailable`); retry with the same ids */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event and every wake it caused */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventView"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No event with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminListEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                type?: "github.push" | "github.pull_request.opened" | "github.pull_request.synchronize" | "github.pull_request.reopened" | "github.issue.opened" | "github.issue.edited" | "github.issue.closed" | "github.issue.reopened" | "github.issue_comment.created" | "github.issue_comment.edited" | "task.assigned" | "task.updated" | "handoff.requested" | "handoff.completed" | "schedule.tick" | "feedback.received" | "budget.exceeded" | "budget.warning" | "agent.lifecycle" | "customer.message" | "report.requested";
                status?: "pending" | "queued" | "delivered" | "dead" | "enqueue_failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events after the cursor, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The instance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentSnapshot"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminListAgentDecisions: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of decisions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Decision"][];
                        nextCursor: number | null;
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetAgentDecisionSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionSummary"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAgentDecisionsDeprecated: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of decisions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Decision"][];
                        nextCursor: number | null;
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAgentDecisionSummaryDeprecated: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionSummary"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminImportMemories: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "memories": [
                 *         {
                 *           "customerId": "cus_123",
                 *           "kind": "fact",
                 *           "text": "We sell to dentists in the UK."
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    memories: {
                        customerId?: string | null;
                        /** @enum {string} */
                        kind: "task" | "deliverable" | "fact" | "rated_decision" | "correction";
                        text: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Created, with their ids */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportedMemories"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminSearchMemories: {
        parameters: {
            query: {
                q: string;
                customerId?: string;
                topK?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The best matches, best first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemorySearchResult"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDefinitions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every published definition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            slug: string;
                            version: number;
                            personality: components["schemas"]["Personality"];
                            /** @enum {string} */
                            coe: "marketing" | "sales" | "support";
                            role: string;
                            capabilities: string[];
                            subscriptions: components["schemas"]["Subscription"][];
                        }[];
                    };
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminPublishDefinition: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "slug": "wowvision-prime",
                 *       "version": 1,
                 *       "specialization": {
                 *         "coe": "marketing",
                 *         "role": "vision-guardian",
                 *         "capabilities": [
                 *           "pull request review",
                 *           "push checks",
                 *           "secret detection",
                 *           "forbidden terms",
                 *           "required files",
                 *           "naming conventions",
                 *           "brand vocabulary",
                 *           "file-size limits"
                 *         ],
                 *         "rules": [
                 *           {
                 *             "id": "deleted-branch",
                 *             "when": {
                 *               "type": "github.push",
                 *               "conditions": [
                 *                 {
                 *                   "path": "payload.push.after",
                 *                   "op": "eq",
                 *                   "value": "0000000000000000000000000000000000000000"
                 *                 }
                 *               ]
                 *             },
                 *             "then": {
                 *               "action": "ignore",
                 *               "reason": "a deleted branch adds nothing to check"
                 *             }
                 *           },
                 *           {
                 *             "id": "check-pull-request",
                 *             "when": {
                 *               "type": "github.pull_request.*",
                 *               "conditions": [
                 *                 {
                 *                   "path": "payload.visionRules",
                 *                   "op": "exists"
                 *                 }
                 *               ]
                 *             },
                 *             "then": {
                 *               "action": "act",
                 *               "reason": "check the pull request against the repository's vision rules",
                 *               "skill": "vision.check-change",
                 *               "input": "payload"
                 *             }
                 *           },
                 *           {
                 *             "id": "check-push",
                 *             "when": {
                 *               "type": "github.push",
                 *               "conditions": [
                 *                 {
                 *                   "path": "payload.visionRules",
                 *                   "op": "exists"
                 *                 }
                 *               ]
                 *             },
                 *             "then": {
                 *               "action": "act",
                 *               "reason": "check the push against the repository's vision rules",
                 *               "skill": "vision.check-change",
                 *               "input": "payload"
                 *             }
                 *           },
                 *           {
                 *             "id": "ignore-issues",
                 *             "when": {
                 *               "type": "github.issue.*",
                 *               "conditions": []
                 *             },
                 *             "then": {
                 *               "action": "ignore",
                 *               "reason": "WowVision checks what changes in the repository; issues are triage's work"
                 *             }
                 *           },
                 *           {
                 *             "id": "ignore-comments",
                 *             "when": {
                 *               "type": "github.issue_comment.*",
                 *               "conditions": []
                 *             },
                 *             "then": {
                 *               "action": "ignore",
                 *               "reason": "WowVision checks what changes in the repository; comments are a conversation, not a change"
                 *             }
                 *           },
                 *           {
                 *             "id": "not-from-a-connected-repository",
                 *             "when": {
                 *               "type": "github.*",
                 *               "conditions": []
                 *             },
                 *             "then": {
                 *               "action": "ignore",
                 *               "reason": "the event did not come through a connected repository's webhook, so there are no vision rules to check it against"
                 *             }
                 *           },
                 *           {
                 *             "id": "vision-check-task",
                 *             "when": {
                 *               "conditions": [
                 *                 {
                 *                   "path": "payload.inputs.kind",
                 *                   "op": "eq",
                 *                   "value": "vision-check"
                 *                 }
                 *               ]
                 *             },
                 *             "then": {
                 *               "action": "act",
                 *               "reason": "check the files against the vision rules",
                 *               "skill": "vision.check-files"
                 *             }
                 *           }
                 *         ],
                 *         "subscriptions": [
                 *           {
                 *             "event": "github.push"
                 *           },
                 *           {
                 *             "event": "github.pull_request.*"
                 *           },
                 *           {
                 *             "event": "task.assigned",
                 *             "subject": "vision:*"
                 *           }
                 *         ]
                 *       },
                 *       "personality": {
                 *         "displayName": "WowVision Prime",
                 *         "tagline": "Guards your repository's vision: no secrets, no forbidden words, no lost files, every name on convention",
                 *         "tone": "vigilant, precise, constructive",
                 *         "industries": [
                 *           "saas",
                 *           "developer tools"
                 *         ],
                 *         "languages": [
                 *           "en"
                 *         ]
                 *       },
                 *       "defaults": {
                 *         "model": "claude-haiku-4-5",
                 *         "budget": {
                 *           "usdPerMonth": 3,
                 *           "tokensPerDay": 100000,
                 *           "llmCallsPerMinute": 60
                 *         }
                 *       },
                 *       "listing": {
                 *         "description": "WowVision Prime watches every pull request and push to your repository and checks it against your vision, written down as rules: lines that must never be committed (private keys, access keys, debugging leftovers), words that must not appear, files you must keep, how files are named, your brand's banned and preferred words, and how big a file or a change may be. Every check is deterministic, so the same change always gets the same answer. Each pull request gets one review comment listing every violation, kept up to date as it is pushed again. Issues track your default branch: each violation pushed to it becomes an issue with the line, the rule and how to fix it, updated rather than duplicated when it is found again and closed once a later push fixes it, so a feature branch or an unmerged pull request never files or closes one. Try it without connecting GitHub: give it files and rules and it reports the same way.",
                 *         "priceUsdPerMonth": 49,
                 *         "trial": {
                 *           "days": 14,
                 *           "budgetUsd": 1,
                 *           "maxTasks": 25
                 *         },
                 *         "responseTargetSeconds": 300,
                 *         "sampleOutputs": [
                 *           {
                 *             "title": "Pull request review: a billing settings page",
                 *             "body": "## WowVision: 7 violations in pull request #42 of acme/web\n\nChecked 5 files, 11 added lines and the pull request's title and body against 14 rules; some of the change could not be checked (below).\n\n| Rule | Where | Found | Why |\n| --- | --- | --- | --- |\n| naming · kebab-case-components | [src/components/BillingForm.tsx](https://github.com/acme/web/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/src/components/BillingForm.tsx) | BillingForm.tsx | component files are named in kebab-case: billing-form.tsx |\n| forbidden-pattern · console-log | [src/components/BillingForm.tsx:5](https://github.com/acme/web/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/src/components/BillingForm.tsx#L5) | console.log(\"plan\", plan); | remove debugging output before merging |\n| forbidden-pattern · aws-access-key | [config/payments.env:2](https://github.com/acme/web/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/config/payments.env#L2) | AWS\\_ACCESS\\_KEY\\_ID=AKIA•••••••• | an AWS access key id must never be committed |\n| brand-preferred · login | [docs/billing.md:3](https://github.com/acme/web/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/docs/billing.md#L3) | Login to change your plan or your card. | use \"sign in\" instead of \"login\" |\n| brand-banned · cheap | [docs/billing.md:4](https://github.com/acme/web/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/docs/billing.md#L4) | Our cheap Starter plan is billed monthly. | \"cheap\" is banned by the brand vocabulary |\n| required-file · license | LICENSE | LICENSE → LICENSE.txt | LICENSE is a required file and was renamed to LICENSE.txt |\n| forbidden-term · whitelist | the pull request's body, line 2 | … LICENSE to LICENSE.txt and adds our IP whitelist for the payment provider. | \"whitelist\" is a forbidden term |\n\n### Not checked\n- the added lines (patterns, terms, brand words, sizes) of public/billing-hero.png: GitHub gives no diff for binary files or very large ones"
                 *           },
                 *           {
                 *             "title": "Vision check: a docs page and a config file",
                 *             "body": "## WowVision: 4 violations in the files given\n\nChecked 2 files and 7 lines against 5 rules.\n\n| Rule | Where | Found | Why |\n| --- | --- | --- | --- |\n| forbidden-term · lorem-ipsum | docs/getting-started.md:3 | Login with your work email. Lorem ipsum: screenshots follow. | \"lorem ipsum\" is a forbidden term |\n| brand-preferred · login | docs/getting-started.md:3 | Login with your work email. Lorem ipsum: scre… | use \"sign in\" instead of \"login\" |\n| forbidden-term · whitelist | docs/getting-started.md:5 | Ask your admin to add you to the whitelist. | \"whitelist\" is a forbidden term |\n| forbidden-pattern · aws-access-key | config/dev.env:2 | AWS\\_ACCESS\\_KEY\\_ID=AKIA•••••••• | an AWS access key id must never be committed |"
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["AgentDefinition"];
            };
        };
        responses: {
            /** @description Published, with defaults applied */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentDefinition"];
                };
            };
            /** @description Invalid definition, or a rule names a skill the platform does not have (`unknown_skill`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `admin` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminSeed: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What was published and spawned */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        definitions: string[];
                        spawned: string[];
                        existing: string[];
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `admin` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminListAgents: {
        parameters: {
            query?: {
                state?: "spawning" | "active" | "paused" | "retiring" | "retired";
                definition?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of instances, by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AgentInstance"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminSpawnAgent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "definition": "marketing-seo",
                 *       "id": "seo-1"
                 *     }
                 */
                "application/json": components["schemas"]["SpawnRequest"];
            };
        };
        responses: {
            /** @description Spawned and active */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentSnapshot"];
                };
            };
            /** @description Invalid request, or no such definition (`unknown_definition`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An agent with this id exists (`agent_exists`); or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminPauseAgent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent after the transition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentSnapshot"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Illegal lifecycle transition (`illegal_transition`), e.g. resuming a retired agent; or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminResumeAgent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent after the transition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentSnapshot"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Illegal lifecycle transition (`illegal_transition`), e.g. resuming a retired agent; or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminRetireAgent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "drainSeconds": 60
                 *     }
                 */
                "application/json": components["schemas"]["RetireRequest"];
            };
        };
        responses: {
            /** @description The agent: `retiring` with its drain's progress, or `retired` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentSnapshot"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Illegal lifecycle transition (`illegal_transition`), e.g. resuming a retired agent; or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetBudget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: "agents" | "customers";
                /** @description An agent instance id or a customer id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The budget */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetView"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminSetBudget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: "agents" | "customers";
                /** @description An agent instance id or a customer id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tokensPerDay": 500000,
                 *       "usdPerMonth": 20,
                 *       "llmCallsPerMinute": 60
                 *     }
                 */
                "application/json": components["schemas"]["BudgetLimits"];
            };
        };
        responses: {
            /** @description The budget */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetView"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `admin` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminResetBudget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: "agents" | "customers";
                /** @description An agent instance id or a customer id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The budget */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetView"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `admin` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No agent instance with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetBreaker: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: "anthropic";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Its state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreakerStatus"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminResetBreaker: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                provider: "anthropic";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Its state after the reset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreakerStatus"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetCosts: {
        parameters: {
            query?: {
                groupBy?: "agent" | "coe" | "customer";
                since?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Groups by spend */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        groupBy: "agent" | "coe" | "customer";
                        since: number;
                        items: {
                            key: string;
                            decisions: number;
                            rules: number;
                            learned: number;
                            cache: number;
                            semantic: number;
                            llm: number;
                            fallback: number;
                            inputTokens: number;
                            outputTokens: number;
                            costUsd: number;
                        }[];
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminListDeadLetters: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of dead letters */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            eventId: string;
                            event: {
                                type: string;
                                subject: string;
                            } | null;
                            error: string;
                            attempts: number;
                            deadAt: number;
                            replayedAt: number | null;
                            replayCount: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminReplayDeadLetter: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Requeued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        eventId: string;
                        eventIds: string[];
                        /** @enum {string} */
                        status: "requeued";
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No dead letter with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not a valid wake message (`not_replayable`); or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetReconciliation: {
        parameters: {
            query?: {
                since?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The accounting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        since: number;
                        events: {
                            total: number;
                            byClass: {
                                decided?: number;
                                dead_lettered?: number;
                                ignored_no_subscriber?: number;
                                ignored_retired?: number;
                                ignored_discarded?: number;
                                held_paused?: number;
                                in_flight?: number;
                                waking?: number;
                                dead_without_reason?: number;
                                wakes_mismatch?: number;
                                unclassified?: number;
                            };
                        };
                        wakes: {
                            total: number;
                            byOutcome: {
                                [key: string]: number;
                            };
                        };
                        decisions: {
                            total: number;
                            duplicatePairs: number;
                            duplicateCostUsd: number;
                            missing: number;
                            orphaned: number;
                        };
                        deadLetters: {
                            total: number;
                            withoutReason: number;
                            replayed: number;
                            replayedNotDelivered: number;
                            replayable: number;
                        };
                        tasks: {
                            total: number;
                            byStatus: {
                                [key: string]: number;
                            };
                            stuck: number;
                        };
                        github: {
                            deliveries: number;
                            byOutcome: {
                                [key: string]: number;
                            };
                            withoutEvent: number;
                            unsettled: number;
                            outputs: {
                                posted?: number;
                                pending?: number;
                                held?: number;
                                failed?: number;
                            };
                        };
                        discrepancies: string[];
                        ok: boolean;
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminListTraces: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                customerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of traces */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TracePage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetTrace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                traceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trace */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Trace"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No event carries this trace id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetStats: {
        parameters: {
            query?: {
                since?: number;
                latency?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Counts since `since` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        since: number;
                        events: {
                            total: number;
                            byStatus: {
                                [key: string]: number;
                            };
                        };
                        wakes: {
                            total: number;
                            byOutcome: {
                                [key: string]: number;
                            };
                        };
                        latencyMs: {
                            count: number;
                            p50: number | null;
                            p99: number | null;
                        };
                    };
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetStatsTimeseries: {
        parameters: {
            query?: {
                since?: number;
                until?: number;
                step?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every bucket, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsTimeseries"];
                };
            };
            /** @description A bad query, or more than 500 buckets (`field`: `step`), or `until` not after `since` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCoordinators: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every CoE's matrix */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["RaciMatrix"][];
                    };
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCoordinator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                coe: "marketing" | "sales" | "support";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matrix */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RaciMatrix"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCoeTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path: {
                coe: "marketing" | "sales" | "support";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "seo-audit",
                 *       "title": "Audit the blog",
                 *       "instructions": "Find the posts losing traffic and say why."
                 *     }
                 */
                "application/json": {
                    type: string;
                    title: string;
                    instructions: string;
                    /** @default {} */
                    inputs?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Where the task went, queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoordinatedTask"];
                };
            };
            /** @description Invalid body, or a task type the matrix does not have (`unknown_task_type`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description You have no hired agent in the Responsible role (`needs_hire`, naming the listing to hire), or its hire has ended; or: a request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 256 KB (`payload_too_large`) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTaskChain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task's chain */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskChain"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such task, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminListEscalations: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of escalations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationPage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOutputs: {
        parameters: {
            query?: {
                task?: string;
                hire?: string;
                kind?: "document" | "issue" | "comment" | "review" | "report";
                status?: "stored" | "posted" | "failed";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of outputs; pass `nextCursor` as `cursor` for the next */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutputPage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOutput: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The output */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Output"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token; or the API key has expired (`key_expired`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The API key's scope (`read`, or `hire:<id>` for another hire or route) does not allow this (`key_scope`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such output, or not yours (indistinguishable) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests from this address or API key (`rate_limited`); `retry-after` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminListOutputs: {
        parameters: {
            query?: {
                task?: string;
                hire?: string;
                kind?: "document" | "issue" | "comment" | "review" | "report";
                status?: "stored" | "posted" | "failed";
                /** @description Operators only: one customer's outputs. */
                customer?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of outputs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutputPage"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetOutput: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The output */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Output"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such output */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminWriteDailyReports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "date": "2026-12-01"
                 *     }
                 */
                "application/json": components["schemas"]["DailyReportRequest"];
            };
        };
        responses: {
            /** @description How many reports were written now, and how many were already there */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyReportRun"];
                };
            };
            /** @description `date` is not a YYYY-MM-DD date, or the day is not over yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminRunCron: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "cron": "*\/15 * * * *"
                 *     }
                 */
                "application/json": components["schemas"]["CronRunRequest"];
            };
        };
        responses: {
            /** @description What the run did, step by step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CronRunReport"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `operator` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminGetEncryption: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EncryptionStatus"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `viewer` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    adminReencrypt: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response (`Idempotent-Replayed: true`) and do nothing twice (kept 24 h per caller); the same key with a different body is a 422. `@waooaw/client` sends one with every POST. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "limit": 100,
                 *       "agents": 25
                 *     }
                 */
                "application/json": components["schemas"]["ReencryptRequest"];
            };
        };
        responses: {
            /** @description What this pass rewrote and what remains */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReencryptReport"];
                };
            };
            /** @description Invalid request: `field` names the first problem, `issues` lists them all */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Your operator role is below `admin` (`forbidden`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A request with this Idempotency-Key is still running (`request_in_progress`): retry shortly */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MB (events: 64 KB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This Idempotency-Key was used with a different request (`idempotency_key_reused`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An unexpected failure on our side (`internal_error`, logged); a read is safe to retry, and so is a POST with the same Idempotency-Key */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}

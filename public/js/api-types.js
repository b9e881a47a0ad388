// Shapes of the API's JSON answers that the page reads, for type checking only (JSDoc; nothing
// here runs). They mirror the server's zod schemas in src/schemas/marketplace-views.ts and the
// error body of src/http/errors.ts, keeping just the fields the page uses.

/**
 * @typedef {object} Rating
 * @property {number | null} average  null until someone rates the agent
 * @property {number} count
 */

/**
 * @typedef {object} AgentStats
 * @property {number} tasksFinished
 * @property {number | null} successRate  0–1
 * @property {number | null} onTimeRate  0–1
 * @property {number | null} medianResponseMs
 */

/**
 * One card of the catalogue (ListingCard).
 * @typedef {object} AgentCard
 * @property {string} slug
 * @property {string} displayName
 * @property {string} tagline
 * @property {string} coe  centre of excellence: marketing, sales or support
 * @property {string} role
 * @property {number} priceUsdPerMonth
 * @property {string[]} industries
 * @property {string[]} languages
 * @property {Rating} rating
 * @property {number} trustScore  0–100
 * @property {AgentStats} stats
 */

/**
 * @typedef {object} CataloguePage
 * @property {AgentCard[]} items
 * @property {string | null} nextCursor
 */

/**
 * An agent's public profile (AgentProfile).
 * @typedef {object} AgentProfileExtras
 * @property {string} description
 * @property {{ tone: string, avatar: string | null }} persona
 * @property {string[]} capabilities
 * @property {{ title: string, body: string }[]} sampleOutputs
 * @property {{ days: number, budgetUsd: number, maxTasks: number }} trial
 * @property {number} responseTargetSeconds
 * @property {{ stars: number, text: string, createdAt: number }[]} reviews
 * @property {string} trustExplained
 * @typedef {AgentCard & AgentProfileExtras} AgentProfile
 */

/**
 * @typedef {object} Customer
 * @property {string} id
 * @property {string} name
 * @property {string} email
 */

/**
 * The answer to a sign-up (SignUpResult): the key itself only the first time, null on a replay.
 * @typedef {object} SignUpResult
 * @property {Customer} customer
 * @property {{ key: string | null }} apiKey
 */

/**
 * A trial or a hire (Hire).
 * @typedef {object} Hire
 * @property {string} id
 * @property {string} agent  the agent's slug
 * @property {"trial" | "hire"} kind
 * @property {"active" | "ended" | "cancelled"} status
 * @property {number} startedAt
 * @property {number | null} endsAt
 * @property {number | null} taskLimit
 * @property {number} [tasksUsed]
 * @property {string | null} endReason
 */

/**
 * @typedef {object} HirePage
 * @property {Hire[]} items
 * @property {string | null} nextCursor
 */

/**
 * What the agent made of a task or a message (TaskOutput).
 * @typedef {object} TaskOutput
 * @property {string} summary
 * @property {string | null} [deliverable]
 * @property {string | null} [delegateTo]
 * @property {string} [tier]  rules, cache, llm or fallback
 * @property {number} [decidedAt]
 * @property {{ role: string, listing: string | null }} [needsHire]  the role the chain needs and the listing that would take it
 */

/** @typedef {"queued" | "done" | "needs_human" | "needs_hire" | "delegated" | "declined" | "failed" | "cancelled"} TaskStatus */

/**
 * One message between agents about a task (AgentMessage).
 * @typedef {object} AgentMessage
 * @property {string} id
 * @property {"request" | "inform" | "handoff" | "ack" | "result" | "escalate"} type
 * @property {{ role: string, instanceId: string | null }} from
 * @property {{ role: string, instanceId: string | null }} to
 * @property {string} status
 * @property {number} attempt
 * @property {string | null} reason
 * @property {number} createdAt
 */

/**
 * Who held a task, and every message of its chain (TaskChain).
 * @typedef {object} TaskChain
 * @property {string} status
 * @property {{ role: string, instanceId: string, since: number, until: number | null, why: string }[]} holders
 * @property {AgentMessage[]} messages
 */

/**
 * @typedef {object} TaskRating
 * @property {number} stars
 * @property {string | null} comment
 */

/**
 * A task as listed for a hire (Task).
 * @typedef {object} TaskSummary
 * @property {string} id
 * @property {string} hireId
 * @property {string} agent
 * @property {string} title
 * @property {string} instructions
 * @property {TaskStatus} status
 * @property {TaskOutput | null} output
 * @property {number} createdAt
 * @property {number | null} finishedAt
 * @property {TaskRating | null} rating
 */

/**
 * @typedef {object} TaskPage
 * @property {TaskSummary[]} items
 */

/**
 * A message to the agent about a task (TaskMessage).
 * @typedef {object} TaskMessage
 * @property {string} text
 * @property {"queued" | "answered" | "cancelled" | "failed"} status
 * @property {TaskOutput | null} reply
 * @property {number} createdAt
 */

/**
 * One task with its conversation and history (TaskDetail).
 * @typedef {object} TaskDetailExtras
 * @property {TaskMessage[]} messages
 * @property {{ at: number, kind: string }[]} history
 * @typedef {TaskSummary & TaskDetailExtras} TaskDetail
 */

/**
 * @typedef {object} RatingResult  the answer to rating a task
 * @property {TaskRating} rating
 */

/**
 * @typedef {object} Review  the answer to reviewing a hire
 * @property {number} stars
 */

/**
 * @typedef {object} FieldIssue
 * @property {string} field
 * @property {string} message
 */

/**
 * Every error the API answers with: `{"error": ErrorDetail}`.
 * @typedef {object} ErrorDetail
 * @property {string} [code]
 * @property {string} [message]
 * @property {string} [field]  the first field at fault
 * @property {FieldIssue[]} [issues]  every field at fault
 */

export {};

/**
 * Something an agent produced (src/schemas/outputs.ts, OutputView). `body` is Markdown written by
 * the agent: untrusted, rendered by markdown.js only.
 * @typedef {object} Output
 * @property {string} id
 * @property {string | null} hireId
 * @property {string | null} taskId
 * @property {"document" | "issue" | "comment" | "review" | "report"} kind
 * @property {"none" | "github"} channel
 * @property {{ repository?: string, number?: number } | null} target
 * @property {string | null} subject
 * @property {"open" | "closed"} state
 * @property {string} title
 * @property {string} body
 * @property {"stored" | "posted" | "failed"} status
 * @property {string | null} statusReason
 * @property {string | null} externalUrl
 * @property {number} createdAt
 * @property {number | null} postedAt
 */

/**
 * @typedef {object} OutputPage
 * @property {Output[]} items
 * @property {string | null} nextCursor
 */

// Shapes of the API's JSON answers that the page reads, for type checking only (JSDoc; nothing
// here runs). Each is the client's type, generated from the OpenAPI document
// (packages/client/src/generated/schema.ts), so a change to the API that the page relies on
// fails `tsc -p public`.

/** @import { Output as Answer, Schema } from "@waooaw/client" */

/** @typedef {Schema<"ListingCard">} AgentCard  one card of the catalogue */
/** @typedef {AgentCard["rating"]} Rating */
/** @typedef {AgentCard["stats"]} AgentStats */
/** @typedef {Schema<"CataloguePage">} CataloguePage */
/** @typedef {Schema<"AgentProfile">} AgentProfile  an agent's public profile */
/** @typedef {Schema<"Customer">} Customer */
/** @typedef {Schema<"SignUpResult">} SignUpResult  the key itself only the first time, null on a replay */
/** @typedef {Schema<"Hire">} Hire  a trial or a hire */
/** @typedef {Answer<"listHires">} HirePage */
/** @typedef {NonNullable<Schema<"TaskOutput">>} TaskOutput  what the agent made of a task or a message */
/** @typedef {Schema<"Task">["status"]} TaskStatus */
/** @typedef {Schema<"AgentMessage">} AgentMessage  one message between agents about a task */
/** @typedef {Schema<"TaskChain">} TaskChain  who held a task, and every message of its chain */
/** @typedef {NonNullable<Schema<"Task">["rating"]>} TaskRating */
/** @typedef {Schema<"Task">} TaskSummary  a task as listed for a hire */
/** @typedef {Answer<"listTasks">} TaskPage */
/** @typedef {Schema<"TaskMessage">} TaskMessage  a message to the agent about a task */
/** @typedef {Schema<"TaskDetail">} TaskDetail  one task with its conversation and history */
/** @typedef {Answer<"rateTask">} RatingResult  the answer to rating a task */
/** @typedef {Schema<"Review">} Review  the answer to reviewing a hire */
/** @typedef {Schema<"Error">["error"]} ErrorDetail  every error the API answers with: `{"error": ErrorDetail}` */
/** @typedef {NonNullable<ErrorDetail["issues"]>[number]} FieldIssue */
/**
 * Something an agent produced. `body` is Markdown written by the agent: untrusted, rendered by
 * markdown.js only.
 * @typedef {Schema<"Output">} Output
 */
/** @typedef {Schema<"OutputPage">} OutputPage */

export {};

/** The `source` of the events the organisation sends: handoffs, requests and their results. */
export const ORGANISATION_SOURCE = "waooaw.organisation";

/** Who a message came from when no agent sent it. */
export const COORDINATOR_ROLE = "coordinator";
/** Who an escalation goes to. */
export const PERSON_ROLE = "person";

/**
 * The subject of a handoff event: under the receiver's hire (`hire:<id>:*`, which only that
 * hire's agent subscribes to), naming the task and the message.
 */
export const handoffSubject = (hireId: string, taskId: string, messageId: string) => `hire:${hireId}:task:${taskId}:msg:${messageId}`;

const SUBJECT = /^hire:([^:]+):task:([^:]+)(?::msg:([^:]+))?$/;

/** The task (and the message, for a handoff) an event's subject names; null for other subjects. */
export function parseWorkSubject(subject: string | undefined): { hireId: string; taskId: string; messageId?: string } | null {
  const m = subject ? SUBJECT.exec(subject) : null;
  if (!m?.[1] || !m[2]) return null;
  return { hireId: m[1], taskId: m[2], ...(m[3] ? { messageId: m[3] } : {}) };
}

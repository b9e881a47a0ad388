import type { EventType } from "../../schemas/event";
import type { GithubEventPayload } from "../../schemas/github";

/** The webhooks agents wake for, by `X-GitHub-Event` and action. */
const ACTIONS = {
  pull_request: {
    opened: "github.pull_request.opened",
    synchronize: "github.pull_request.synchronize",
    reopened: "github.pull_request.reopened",
  },
  issues: {
    opened: "github.issue.opened",
    edited: "github.issue.edited",
    closed: "github.issue.closed",
    reopened: "github.issue.reopened",
  },
  issue_comment: { created: "github.issue_comment.created", edited: "github.issue_comment.edited" },
} as const satisfies Record<string, Record<string, EventType>>;

export type MappedWebhook = { type: EventType; githubEvent: GithubEventPayload["githubEvent"] } | { ignored: string };

/**
 * The wake event type a webhook becomes, or why it is ignored: an event type agents do not
 * handle, or an action of a handled one they do not wake for (a pull request closed or labelled).
 */
export function mapWebhook(githubEvent: string, action: string | undefined): MappedWebhook {
  if (githubEvent === "push") return { type: "github.push", githubEvent };
  if (!Object.hasOwn(ACTIONS, githubEvent)) return { ignored: `event ${githubEvent} is not handled` };
  const known = githubEvent as keyof typeof ACTIONS;
  const actions: Record<string, EventType> = ACTIONS[known];
  const type = action !== undefined && Object.hasOwn(actions, action) ? actions[action] : undefined;
  return type ? { type, githubEvent: known } : { ignored: `${githubEvent} action ${action ?? "(none)"} is not handled` };
}

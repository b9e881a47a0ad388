import type { Situation } from "../../src/decisions/situation";
import type { EventType } from "../../src/schemas/event";

/** Work with these inputs reaching an agent: a customer's task, or a colleague's handoff. */
export function workSituation(inputs: unknown, type: EventType = "task.assigned"): Situation {
  return {
    event: {
      id: "evt_template_test",
      traceId: "trc_template_test",
      receivedAt: 0,
      type,
      source: "marketplace",
      subject: "hire:hir_test:task:tsk_test",
      occurredAt: "2026-12-02T09:00:00Z",
      payload: { taskId: "tsk_test", title: "A task", instructions: "As attached", inputs },
    },
    context: { openTaskCount: 1, recentEventCount: 0, state: "active" },
  };
}

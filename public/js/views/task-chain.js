// A task's path through the organisation (GET /v1/tasks/:id/chain): who held it, when and why,
// and every message between the agents (handoffs, acknowledgements, results, escalations).

import { h } from "../dom.js";
import { when } from "../format.js";

/** @import { Child } from "../dom.js" */
/** @import { AgentMessage, TaskChain } from "../api-types.js" */

/** @type {Record<AgentMessage["type"], string>} */
const VERB = {
  handoff: "handed the task to",
  request: "asked",
  result: "answered",
  ack: "acknowledged",
  inform: "informed",
  escalate: "escalated to",
};

/** The short, readable end of an instance id (`agent-hir_0mx5…9cb` → `…69cb`). */
const shortId = (/** @type {string | null} */ id) => (id ? `…${id.slice(-4)}` : "");

/** @param {AgentMessage} m */
function messageLine(m) {
  const to = m.type === "escalate" ? "a person" : `${m.to.role} ${shortId(m.to.instanceId)}`.trim();
  const from = m.from.role === "coordinator" ? "The coordinator" : `${m.from.role} ${shortId(m.from.instanceId)}`.trim();
  return h(
    "li",
    { "data-type": m.type },
    h("span", { class: "hint" }, `${when(m.createdAt)} `),
    h("strong", null, from),
    ` ${VERB[m.type]} ${to}`,
    m.attempt > 1 ? h("span", { class: "hint" }, ` (attempt ${m.attempt})`) : null,
    m.reason && m.type !== "ack" ? h("span", null, `: ${m.reason}`) : null,
    h("span", { class: "badge" }, m.status.replace("_", " ")),
  );
}

/**
 * @param {TaskChain | null} chain  null while it loads
 * @returns {Child[]}
 */
export function chainView(chain) {
  if (!chain) return [h("p", { class: "hint" }, "Loading who worked on it…")];
  if (!chain.messages.length) return [h("p", { class: "hint" }, "Only the agent you gave it to has worked on this task.")];
  return [
    h(
      "ol",
      { class: "chain-holders", "aria-label": "Who held the task" },
      ...chain.holders.map((holder) =>
        h(
          "li",
          null,
          h("strong", null, holder.role),
          h(
            "span",
            { class: "hint" },
            ` ${shortId(holder.instanceId)} · from ${when(holder.since)}${holder.until ? ` to ${when(holder.until)}` : ", now"}`,
          ),
          h("div", { class: "hint" }, holder.why),
        ),
      ),
    ),
    h("ol", { class: "chain-messages", "aria-label": "Messages between the agents" }, ...chain.messages.map(messageLine)),
  ];
}

// How a task's outcome and its messages read: the agent's deliverable and note, or why a
// person or a colleague has it, or why it was not worked.

import { h } from "../dom.js";
import { tierLabel, when } from "../format.js";

/** @import { Child } from "../dom.js" */
/** @import { TaskDetail } from "../api-types.js" */

/** Summary prefix of a task that needs a person because the server has no AI model configured. */
const LLM_UNCONFIGURED = "llm_unconfigured:";

/**
 * @param {TaskDetail} task
 * @param {string} firstName  the agent's
 * @returns {Child[]}
 */
export function outputView(task, firstName) {
  const out = task.output;
  if (task.status === "queued") {
    return [
      h(
        "p",
        { class: "status-line" },
        h("span", { class: "spinner", "aria-hidden": "true" }),
        `${firstName} is working on it. This page updates by itself.`,
      ),
    ];
  }
  /** @type {Child[]} */
  const parts = [];
  const summary = out?.summary ?? "";
  if (task.status === "needs_human" && summary.startsWith(LLM_UNCONFIGURED)) {
    parts.push(
      h(
        "div",
        { class: "notice warn" },
        h(
          "p",
          null,
          h("strong", null, "Handed to a person. "),
          `No rule of ${firstName}’s covers this task, and this server has no AI model configured (ANTHROPIC_API_KEY is not set), so the task waits for a person. This is a normal outcome, not an error.`,
        ),
        h("p", { class: "hint" }, "Agent’s note: ", summary),
      ),
    );
  } else if (task.status === "needs_human") {
    parts.push(h("div", { class: "notice warn" }, h("p", null, h("strong", null, "Handed to a person. "), summary)));
  } else if (task.status === "failed") {
    parts.push(
      h("div", { class: "notice" }, h("p", null, h("strong", null, "Not worked. "), summary || "The agent could not work this task.")),
    );
  } else if (task.status === "declined") {
    parts.push(h("p", null, h("strong", null, `${firstName} declined: `), summary));
  } else if (task.status === "delegated") {
    parts.push(
      h(
        "p",
        { class: "status-line" },
        h("span", { class: "spinner", "aria-hidden": "true" }),
        h("strong", null, `Passed to your ${out?.delegateTo ?? "colleague"}: `),
        summary,
      ),
    );
  } else if (task.status === "needs_hire") {
    const need = out?.needsHire;
    parts.push(
      h(
        "div",
        { class: "notice warn" },
        h(
          "p",
          null,
          h("strong", null, `This task needs a ${need?.role ?? "specialist"} you have not hired. `),
          "Your agents only hand work to agents you hired.",
        ),
        need?.listing
          ? h("p", null, h("a", { class: "btn", href: `#/agents/${encodeURIComponent(need.listing)}` }, `See the ${need.role} to hire`))
          : null,
      ),
    );
  }
  if (out?.deliverable) {
    parts.push(
      h("h3", null, "Deliverable"),
      h("div", { class: "deliverable", tabindex: "0", role: "region", "aria-label": "Deliverable" }, out.deliverable),
    );
  }
  if (task.status === "done") parts.push(h("p", null, h("strong", null, out?.deliverable ? "Note: " : "Result: "), summary));
  if (out?.tier)
    parts.push(h("p", { class: "hint" }, `Decided by ${tierLabel(out.tier)}${out.decidedAt ? ` at ${when(out.decidedAt)}` : ""}.`));
  return parts;
}

/**
 * The conversation about the task: each message and the agent's reply, or that one is awaited.
 * @param {TaskDetail} task
 * @returns {Child[]}
 */
export function messagesView(task) {
  if (!task.messages.length) return [h("p", { class: "hint" }, "No messages yet.")];
  return [
    h(
      "ol",
      { class: "messages" },
      task.messages.map((m) =>
        h(
          "li",
          null,
          h("p", null, h("strong", null, "You: "), m.text, " ", h("span", { class: "hint" }, when(m.createdAt))),
          m.status === "answered" && m.reply
            ? h(
                "div",
                { class: "reply" },
                m.reply.deliverable ? h("p", { class: "deliverable" }, m.reply.deliverable) : null,
                h("p", { class: m.reply.deliverable ? "hint" : "" }, m.reply.deliverable ? `Note: ${m.reply.summary}` : m.reply.summary),
              )
            : h("p", { class: "hint status-line" }, h("span", { class: "spinner", "aria-hidden": "true" }), "Waiting for a reply…"),
        ),
      ),
    ),
  ];
}

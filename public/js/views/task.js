// One task (#/tasks/:id): its status and output (polled while the agent works or a reply is
// awaited), the instructions, messages with the agent, who worked on it, what the agents
// produced for it, the customer's rating and the history.

import { agentName, forgetProfile } from "../agent-profiles.js";
import { ApiError, api, storedKey } from "../api.js";
import { isAbort, sleep } from "../abortable.js";
import { fill, h } from "../dom.js";
import { clearError, errorBox, showError } from "../errors.js";
import { actionForm, field, starsFieldset, submitButtonOf } from "../forms.js";
import { firstNameOf, taskStatus, when } from "../format.js";
import { announce, setTitle, view } from "../page.js";
import { loading, needKey, taskStatusBadge } from "../widgets.js";
import { outputsSection } from "./outputs.js";
import { chainView } from "./task-chain.js";
import { messagesView, outputView } from "./task-output.js";

/** @import { RatingResult, TaskChain, TaskDetail, TaskMessage } from "../api-types.js" */

/** @param {TaskDetail} task */
const answeredCount = (task) => task.messages.filter((m) => m.status === "answered").length;

/**
 * @param {string} taskId
 * @param {AbortSignal} signal
 */
export async function showTask(taskId, signal) {
  setTitle("Task");
  if (!storedKey()) return void view.append(needKey("see this task"));
  view.append(loading("Loading the task…"));
  const path = { id: taskId };
  let task = await api("getTask", { path }, { auth: true, signal });
  const name = await agentName(task.agent, signal);
  if (signal.aborted) return;
  const firstName = firstNameOf(name);
  setTitle(task.title);

  const statusSlot = h("div", { class: "status-line" });
  const outputSlot = h("div", { "aria-live": "off" });
  const messagesSlot = h("div");
  const pollBox = errorBox();

  // Messages
  const msgBox = errorBox();
  const msgForm = h(
    "form",
    { class: "stack", novalidate: true },
    field(`Message to ${firstName}`, h("textarea", { name: "text", required: true, maxlength: 10000, rows: 3 })),
    msgBox,
    h("div", null, h("button", { type: "submit", class: "btn" }, "Send message")),
  );
  actionForm(msgForm, msgBox, "Sending…", async (data, idem) => {
    const sent = await api(
      "sendTaskMessage",
      { path, body: { text: String(data.get("text") ?? "") } },
      { auth: true, idempotencyKey: idem },
    );
    task = { ...task, messages: [...task.messages, sent] };
    msgForm.reset();
    render();
    announce(`Message sent to ${firstName}.`);
    void startPolling();
  });

  // Rating
  const rateBox = errorBox();
  const rateNote = h("p", { class: "hint" });
  const rateResult = h("div", { role: "status" });
  const rateFieldset = h(
    "fieldset",
    { class: "stack", style: "border:0;padding:0" },
    starsFieldset("Your rating", "stars", task.rating?.stars),
    field("Comment (optional)", h("textarea", { name: "comment", maxlength: 2000, rows: 2 })),
  );
  const rateForm = h(
    "form",
    { class: "stack", novalidate: true },
    rateNote,
    rateFieldset,
    rateBox,
    h("div", null, h("button", { type: "submit", class: "btn" }, "Rate task")),
  );
  const rateSubmit = submitButtonOf(rateForm);
  actionForm(rateForm, rateBox, "Saving rating…", async (data, idem) => {
    const stars = Number(data.get("stars"));
    if (!stars) throw new ApiError(400, "invalid_request", "Choose a rating from 1 to 5 stars.", "stars");
    const comment = String(data.get("comment") ?? "").trim();
    const rated = await api("rateTask", { path, body: comment ? { stars, comment } : { stars } }, { auth: true, idempotencyKey: idem });
    task = { ...task, rating: rated.rating };
    forgetProfile(task.agent);
    render();
    announce(`You rated this task ${rated.rating?.stars ?? stars} out of 5.`);
  });

  // What the agents produced for it (the chain's receivers too), read again once it is worked.
  const outputs = outputsSection("task", taskId, signal);
  outputs.section.classList.add("panel");
  const refreshOutputs = () => outputs.refresh().catch((error) => void (isAbort(error) || showError(pollBox, error)));

  const historyList = h("ol", { class: "history" });
  const chainSlot = h("div", { "aria-live": "off" });
  /** @type {TaskChain | null} */
  let chain = null;
  /** The chain is read with the task while other agents may still be working on it. */
  async function readChain() {
    chain = await api("getTaskChain", { path }, { auth: true, signal });
  }

  /** Draws everything that changes as the task is worked, messaged and rated. */
  function render() {
    fill(
      statusSlot,
      h("span", null, "Status: "),
      taskStatusBadge(task.status),
      task.finishedAt ? h("span", { class: "hint" }, `finished ${when(task.finishedAt)}`) : null,
    );
    fill(outputSlot, ...outputView(task, firstName));
    fill(messagesSlot, ...messagesView(task));
    const worked = task.status !== "queued";
    rateFieldset.disabled = !worked;
    rateNote.textContent = worked
      ? "Ratings shape the agent’s public trust score."
      : `You can rate this task once ${firstName} has worked it.`;
    rateResult.textContent = task.rating
      ? `Your rating: ${task.rating.stars} out of 5${task.rating.comment ? ` — “${task.rating.comment}”` : ""}.`
      : "";
    if (rateSubmit) {
      rateSubmit.disabled = !worked || Boolean(rateForm.dataset["busy"]);
      rateSubmit.textContent = task.rating ? "Update rating" : "Rate task";
    }
    fill(historyList, ...task.history.map((e) => h("li", null, `${when(e.at)} — ${e.kind}`)));
    fill(chainSlot, ...chainView(chain));
  }

  let polling = false;
  /** Reads the task again while it is worked or a reply is awaited, announcing what changed. */
  async function startPolling() {
    if (polling) return;
    polling = true;
    try {
      for (let i = 0; i < 200 && !signal.aborted; i++) {
        const waiting = task.status === "queued" || task.status === "delegated" || task.messages.some((m) => m.status !== "answered");
        if (!waiting) break;
        await sleep(i < 20 ? 1000 : 3000, signal);
        const before = task;
        task = await api("getTask", { path }, { auth: true, signal });
        await readChain();
        clearError(pollBox);
        render();
        if (before.status !== task.status && task.status !== "delegated") void refreshOutputs();
        if (before.status !== task.status && task.status !== "queued")
          announce(
            `Task ${taskStatus(task.status).label.toLowerCase()}${task.status === "delegated" ? "" : `: ${firstName} and your team have worked it`}.`,
          );
        if (answeredCount(task) > answeredCount(before)) {
          announce(`${firstName} replied to your message.`);
          void refreshOutputs(); // the reply is an output too
        }
      }
    } catch (error) {
      if (!isAbort(error)) showError(pollBox, error);
    } finally {
      polling = false;
    }
  }

  fill(
    view,
    h("a", { class: "back", href: `#/hires/${encodeURIComponent(task.hireId)}` }, `← Back to ${name}`),
    h("p", { class: "hint" }, `Given to ${name} on ${when(task.createdAt)}`),
    statusSlot,
    h("section", { "aria-labelledby": "out-h" }, h("h2", { id: "out-h" }, "Output"), outputSlot, pollBox),
    h("details", null, h("summary", null, "Your instructions"), h("p", { class: "deliverable" }, task.instructions)),
    h(
      "section",
      { class: "panel", "aria-labelledby": "msg-h" },
      h("h2", { id: "msg-h" }, `Messages with ${firstName}`),
      messagesSlot,
      msgForm,
    ),
    h("section", { class: "panel", "aria-labelledby": "chain-h" }, h("h2", { id: "chain-h" }, "Who worked on it"), chainSlot),
    outputs.section,
    h("section", { class: "panel", "aria-labelledby": "rate-h" }, h("h2", { id: "rate-h" }, "Rate this task"), rateResult, rateForm),
    h("details", null, h("summary", null, "History"), historyList),
  );
  render();
  void refreshOutputs();
  void readChain()
    .then(render)
    .catch((error) => {
      if (!isAbort(error)) showError(pollBox, error);
    });
  void startPolling();
}

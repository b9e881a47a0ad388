// One trial or hire (#/hires/:id): its terms, convert a trial, end it, give a task, the tasks
// given (kept current while one is being worked), what its agent produced, and the review.

import { agentProfile } from "../agent-profiles.js";
import { ApiError, api, storedKey } from "../api.js";
import { isAbort, sleep } from "../abortable.js";
import { fill, h } from "../dom.js";
import { errorBox, showError } from "../errors.js";
import { actionButton, actionForm, field } from "../forms.js";
import { firstNameOf, money, plural, when } from "../format.js";
import { announce, setTitle, view } from "../page.js";
import { go, parseRoute } from "../router.js";
import { hireStatusBadge, kindBadge, loading, needKey, taskStatusBadge } from "../widgets.js";
import { reviewSection } from "./hire-review.js";
import { outputsSection } from "./outputs.js";

/** @import { AgentProfile, Hire, TaskPage, TaskSummary } from "../api-types.js" */

/**
 * @param {string} hireId
 * @param {AbortSignal} signal
 */
export async function showHire(hireId, signal) {
  setTitle("Your hire");
  if (!storedKey()) return void view.append(needKey("see this hire"));
  view.append(h("a", { class: "back", href: "#/hires" }, "← My hires"), loading("Loading the hire…"));
  const path = { id: hireId };
  const hire = await api("getHire", { path }, { auth: true, signal });
  const agent = await agentProfile(hire.agent, signal).catch(() => null);
  if (signal.aborted) return;
  const name = agent?.displayName ?? hire.agent;
  const firstName = firstNameOf(name);
  /** @type {string | null} "trial" or "hire" right after starting one: a welcome note */
  let started = parseRoute().params.get("started");

  const head = h("div", null);
  const headBox = errorBox();
  const taskSection = giveTaskSection(hireId, firstName);
  taskSection.hidden = hire.status !== "active";

  /** The hire's facts and buttons, drawn again after a convert or cancel. @param {Hire} current */
  function renderHead(current) {
    setTitle(`${current.kind === "trial" ? "Trial" : "Hire"}: ${name}`);
    const buttons = h(
      "div",
      { class: "btn-row" },
      h("a", { class: "btn subtle", href: `#/agents/${encodeURIComponent(hire.agent)}` }, `${firstName}’s profile`),
    );
    if (current.status === "active" && current.kind === "trial") {
      const convert = h("button", { type: "button", class: "btn primary" }, convertLabel(agent));
      actionButton(convert, headBox, "Converting…", async (idem) => {
        const converted = await api("convertTrial", { path }, { auth: true, idempotencyKey: idem });
        started = null;
        renderHead(converted);
        const note = h(
          "p",
          { class: "notice ok", role: "status", tabindex: "-1" },
          `${name} is now hired: same agent, same context, no trial limits.`,
        );
        head.prepend(note);
        announce(`Converted: ${name} is now hired.`);
        note.focus();
      });
      buttons.append(convert);
    }
    if (current.status === "active") {
      const cancel = h("button", { type: "button", class: "btn danger" }, current.kind === "trial" ? "End trial" : "Cancel hire");
      actionButton(cancel, headBox, "Ending…", async (idem) => {
        if (!window.confirm(`End this ${current.kind} of ${name}? The agent stops taking your work; finished outputs stay.`)) return;
        const ended = await api("cancelHire", { path }, { auth: true, idempotencyKey: idem });
        announce(`The ${current.kind} of ${name} has ended.`);
        started = null;
        renderHead(ended);
        taskSection.hidden = true;
      });
      buttons.append(cancel);
    }
    fill(head, started ? welcome(started, name, firstName) : null, hireFacts(current), buttons, headBox);
  }

  const tasksList = h("ul", { class: "list" });
  const tasksStatus = h("p", { class: "results-status" }, "Loading tasks…");
  const tasksBox = errorBox();
  /** Lists the hire's tasks; resolves with whether one is still being worked. */
  async function refreshTasks() {
    const data = await api("listTasks", { path, query: { limit: 100 } }, { auth: true, signal });
    fill(tasksList, ...data.items.map(taskRow));
    tasksStatus.textContent = data.items.length ? `${plural(data.items.length, "task")}.` : "No tasks yet.";
    return data.items.some((t) => t.status === "queued");
  }

  const outputs = outputsSection("hire", hireId, signal);
  const outputsBox = errorBox();
  outputs.section.append(outputsBox);
  /** The outputs, again; a failure shows in their own box. */
  const refreshOutputs = () => outputs.refresh().catch((error) => void (isAbort(error) || showError(outputsBox, error)));
  const review = reviewSection(hireId, hire.agent, firstName);
  renderHead(hire);
  fill(
    view,
    h("a", { class: "back", href: "#/hires" }, "← My hires"),
    head,
    taskSection,
    h("section", { "aria-labelledby": "tasks-h" }, h("h2", { id: "tasks-h" }, "Tasks"), tasksStatus, tasksBox, tasksList),
    outputs.section,
    review,
  );
  void refreshOutputs();
  let pending = false;
  try {
    pending = await refreshTasks();
  } catch (error) {
    if (!isAbort(error)) showError(tasksBox, error);
  }
  // Keep the list's statuses current while any task is still being worked (in the background:
  // the view is ready, and focus moves to it, now).
  void (async () => {
    try {
      for (let i = 0; pending && i < 120 && !signal.aborted; i++) {
        await sleep(i < 10 ? 1500 : 4000, signal);
        pending = await refreshTasks();
        // A task worked may have left a document.
        if (!pending) await refreshOutputs();
      }
    } catch (error) {
      if (!isAbort(error)) showError(tasksBox, error);
    }
  })();
}

/** @param {AgentProfile | null} agent */
function convertLabel(agent) {
  return agent ? `Convert to a hire (${money(agent.priceUsdPerMonth)}/month)` : "Convert to a hire";
}

/**
 * @param {string} started  "trial" or "hire"
 * @param {string} name
 * @param {string} firstName
 */
function welcome(started, name, firstName) {
  return h(
    "p",
    { class: "notice ok", role: "status" },
    started === "trial"
      ? `Your free trial of ${name} has started. Give ${firstName} a first task below.`
      : `${name} is hired. Give ${firstName} a task below.`,
  );
}

/** @param {Hire} hire */
function hireFacts(hire) {
  return h(
    "dl",
    { class: "facts" },
    h("dt", null, "Status"),
    h("dd", null, kindBadge(hire.kind), " ", hireStatusBadge(hire.status)),
    h("dt", null, "Started"),
    h("dd", null, when(hire.startedAt)),
    hire.endsAt ? [h("dt", null, "Trial ends"), h("dd", null, when(hire.endsAt))] : null,
    h("dt", null, "Tasks given"),
    h("dd", null, hire.taskLimit ? `${hire.tasksUsed ?? 0} of ${hire.taskLimit}` : String(hire.tasksUsed ?? 0)),
    hire.endReason ? [h("dt", null, "Ended because"), h("dd", null, hire.endReason)] : null,
  );
}

/**
 * The "Give a task" form; a sent task opens its page.
 * @param {string} hireId
 * @param {string} firstName
 */
function giveTaskSection(hireId, firstName) {
  const box = errorBox();
  const form = h(
    "form",
    { class: "stack", novalidate: true, "aria-labelledby": "give-h" },
    h("h2", { id: "give-h" }, `Give ${firstName} a task`),
    field("Title", h("input", { name: "title", required: true, maxlength: 200, autocomplete: "off" })),
    field(
      "Instructions",
      h("textarea", { name: "instructions", required: true, maxlength: 20000, rows: 5 }),
      "What to do, for whom, and anything the agent should know.",
    ),
    h(
      "details",
      null,
      h("summary", null, "Work inputs (optional)"),
      field(
        "Inputs, as JSON",
        h("textarea", { name: "inputs", maxlength: 32000, rows: 6, spellcheck: "false", class: "mono" }),
        `The material for the work, e.g. {"kind": "score-lead", "lead": {"company": "Nordwind"}}. The "kind" picks a skill ${firstName} runs without an AI model; the profile's samples show what each kind delivers.`,
      ),
    ),
    box,
    h("div", null, h("button", { type: "submit", class: "btn primary" }, "Give task")),
  );
  actionForm(form, box, "Sending task…", async (data, idem) => {
    const raw = String(data.get("inputs") ?? "").trim();
    /** @type {Record<string, unknown>} */
    let inputs = {};
    if (raw) {
      try {
        inputs = /** @type {Record<string, unknown>} */ (JSON.parse(raw)); // checked just below
      } catch {
        throw new ApiError(400, "invalid_json", "The inputs are not valid JSON.", "inputs");
      }
      if (!inputs || typeof inputs !== "object" || Array.isArray(inputs))
        throw new ApiError(400, "invalid_request", 'The inputs must be a JSON object, like {"kind": "…"}.', "inputs");
    }
    const task = await api(
      "createTask",
      {
        path: { id: hireId },
        body: { title: String(data.get("title") ?? ""), instructions: String(data.get("instructions") ?? ""), inputs },
      },
      { auth: true, idempotencyKey: idem },
    );
    announce(`Task sent to ${firstName}.`);
    go(`#/tasks/${encodeURIComponent(task.id)}`);
  });
  return h("section", { class: "panel", "aria-label": "Give a task" }, form);
}

/** @param {TaskSummary} task */
function taskRow(task) {
  return h(
    "li",
    { class: "row-card" },
    h(
      "div",
      null,
      h("a", { class: "title", href: `#/tasks/${encodeURIComponent(task.id)}` }, task.title),
      h("div", { class: "hint" }, `Given ${when(task.createdAt)}`),
    ),
    h(
      "div",
      { class: "status-line" },
      taskStatusBadge(task.status),
      task.rating ? h("span", { class: "hint" }, `Rated ${task.rating.stars}/5`) : null,
    ),
  );
}

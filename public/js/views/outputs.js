// What a hire's agent produced (GET /v1/outputs?hire=…), listed on the hire's page, and one output
// (#/outputs/:id) with its Markdown body rendered safely (markdown.js: DOM nodes from tokens,
// never HTML from the agent).

import { api, storedKey } from "../api.js";
import { fill, h } from "../dom.js";
import { when } from "../format.js";
import { renderMarkdown, safeHref } from "../markdown.js";
import { setTitle, view } from "../page.js";
import { loading, needKey } from "../widgets.js";

/** @import { Output, OutputPage } from "../api-types.js" */

/** @type {Record<Output["kind"], string>} */
const KIND = { document: "Document", issue: "GitHub issue", comment: "Comment", review: "Review comment", report: "Daily report" };

/** @type {Record<Output["status"], { label: string, tone: string }>} */
const STATUS = { stored: { label: "Stored", tone: "" }, posted: { label: "Posted", tone: "ok" }, failed: { label: "Failed", tone: "bad" } };

/** @param {Output} output */
function statusLine(output) {
  const { label, tone } = STATUS[output.status];
  const href = output.externalUrl ? safeHref(output.externalUrl) : null;
  return h(
    "span",
    { class: "status-line" },
    h("span", { class: `badge ${tone}` }, label),
    output.state === "closed" ? h("span", { class: "badge ok" }, "Fixed") : null,
    output.statusReason ? h("span", { class: "hint" }, output.statusReason) : null,
    href ? h("a", { href, rel: "noopener noreferrer", target: "_blank" }, "View on GitHub") : null,
  );
}

/** @param {Output} output */
function where(output) {
  if (!output.target?.repository) return "Kept on WAOOAW";
  return `${output.target.repository}${output.target.number ? ` #${output.target.number}` : ""}`;
}

/** @param {Output} output */
function outputRow(output) {
  return h(
    "li",
    { class: "row-card", "data-kind": output.kind },
    h(
      "div",
      null,
      h("a", { class: "title", href: `#/outputs/${encodeURIComponent(output.id)}` }, output.title),
      h("div", { class: "hint" }, `${KIND[output.kind]} · ${where(output)} · ${when(output.createdAt)}`),
    ),
    statusLine(output),
  );
}

/**
 * A section listing the outputs of a hire or of a task (every agent that worked on it), newest
 * first (the latest 50); `refresh` reads them again, its errors are the caller's to show.
 * @param {"hire" | "task"} of
 * @param {string} id
 * @param {AbortSignal} signal
 */
export function outputsSection(of, id, signal) {
  const headingId = `outputs-${of}-h`;
  const list = h("ul", { class: "list" });
  const status = h("p", { class: "results-status" }, "Loading outputs…");
  const section = h("section", { "aria-labelledby": headingId }, h("h2", { id: headingId }, "Outputs"), status, list);
  async function refresh() {
    const page = await api("listOutputs", { query: { [of]: id, limit: 50 } }, { auth: true, signal });
    if (signal.aborted) return;
    list.replaceChildren(...page.items.map(outputRow));
    status.textContent = page.items.length
      ? `${page.items.length === 1 ? "1 output" : `${page.items.length} outputs`}${page.nextCursor ? " (the latest)" : ""}.`
      : of === "hire"
        ? "Nothing yet: documents, issues and reports the agent produces appear here."
        : "Nothing yet: the deliverables of the agents that work on it appear here.";
  }
  return { section, refresh };
}

/**
 * One output: what, where, its status, and its body.
 * @param {string} outputId
 * @param {AbortSignal} signal
 */
export async function showOutput(outputId, signal) {
  setTitle("Output");
  if (!storedKey()) return void view.append(needKey("see this output"));
  view.append(loading("Loading the output…"));
  const output = await api("getOutput", { path: { id: outputId } }, { auth: true, signal });
  if (signal.aborted) return;
  setTitle(output.title);
  fill(
    view,
    output.hireId ? h("a", { class: "back", href: `#/hires/${encodeURIComponent(output.hireId)}` }, "← The hire") : null,
    h(
      "dl",
      { class: "facts" },
      h("dt", null, "Kind"),
      h("dd", null, KIND[output.kind]),
      h("dt", null, "Where"),
      h("dd", null, where(output)),
      h("dt", null, "Status"),
      h("dd", null, statusLine(output)),
      h("dt", null, "Produced"),
      h("dd", null, when(output.createdAt)),
      output.taskId
        ? [h("dt", null, "Task"), h("dd", null, h("a", { href: `#/tasks/${encodeURIComponent(output.taskId)}` }, "The task"))]
        : null,
    ),
    h("article", { class: "panel output-body", "aria-label": "Output" }, renderMarkdown(output.body)),
  );
}

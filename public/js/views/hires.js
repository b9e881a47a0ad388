// My hires (#/hires): the customer's trials and hires, newest first, 20 at a time.

import { agentName } from "../agent-profiles.js";
import { api, storedKey } from "../api.js";
import { isAbort } from "../abortable.js";
import { h } from "../dom.js";
import { errorBox, showError } from "../errors.js";
import { plural, when } from "../format.js";
import { setTitle, view } from "../page.js";
import { hireStatusBadge, kindBadge, loading, needKey } from "../widgets.js";

/** @import { Hire, HirePage } from "../api-types.js" */

/**
 * @param {Hire} hire
 * @param {string} name  the agent's display name
 */
function hireRow(hire, name) {
  return h(
    "li",
    { class: "row-card" },
    h(
      "div",
      null,
      h("a", { class: "title", href: `#/hires/${encodeURIComponent(hire.id)}` }, name),
      h("div", { class: "hint" }, `Started ${when(hire.startedAt)}${hire.endsAt ? ` · trial ends ${when(hire.endsAt)}` : ""}`),
    ),
    h("div", { class: "status-line" }, kindBadge(hire.kind), hireStatusBadge(hire.status)),
  );
}

/** @param {AbortSignal} signal */
export async function showHires(signal) {
  setTitle("My hires");
  if (!storedKey()) return void view.append(needKey("see your trials and hires"));
  const status = loading("Loading your hires…");
  const list = h("ul", { class: "list", "aria-label": "Your trials and hires" });
  const box = errorBox();
  const more = h("button", { type: "button", class: "btn" }, "Load more");
  more.hidden = true;
  view.append(status, box, list, h("div", { class: "more-row" }, more));
  /** @type {string | null} */
  let cursor = null;
  /** Appends the next page of hires; resolves with how many there were. */
  async function nextPage() {
    const data = await api("listHires", { query: { limit: 20, ...(cursor ? { cursor } : {}) } }, { auth: true, signal });
    const names = await Promise.all(data.items.map((hire) => agentName(hire.agent, signal)));
    list.append(...data.items.map((hire, i) => hireRow(hire, names[i] ?? hire.agent)));
    cursor = data.nextCursor;
    more.hidden = !cursor;
    return data.items.length;
  }
  more.addEventListener("click", () => nextPage().catch((/** @type {unknown} */ e) => showError(box, e)));
  try {
    const n = await nextPage();
    status.replaceWith(
      n
        ? h("p", { class: "results-status" }, `${plural(list.children.length, "hire")} (trials included).`)
        : h(
            "p",
            { class: "notice" },
            "You have no trials or hires yet. ",
            h("a", { href: "#/" }, "Browse agents"),
            " to start a free trial.",
          ),
    );
  } catch (error) {
    if (isAbort(error)) return;
    status.remove();
    showError(box, error);
  }
}

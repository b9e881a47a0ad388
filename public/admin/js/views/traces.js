// #/traces and #/traces/<id>: open a trace by id (decisions link here) and see its waterfall.

import { h } from "../../../js/dom.js";
import { AdminError, getJson } from "../api.js";
import { errorMessage, section, setTitle, view } from "../shell.js";
import { renderWaterfall } from "../waterfall.js";

/** @import { Trace } from "../waterfall.js" */

function traceForm(/** @type {string} */ value = "") {
  const input = h("input", { id: "trace-id", name: "trace", value, required: true, autocomplete: "off", class: "mono" });
  const form = h(
    "form",
    { class: "inline" },
    h("label", { for: "trace-id" }, "Trace id"),
    input,
    h("button", { type: "submit", class: "btn" }, "Show trace"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.value.trim()) location.hash = `#/traces/${encodeURIComponent(input.value.trim())}`;
  });
  return form;
}

/**
 * @param {string | undefined} id
 * @param {AbortSignal} signal
 */
export async function showTrace(id, signal) {
  setTitle(id ? "Trace" : "Traces");
  view.append(traceForm(id));
  if (!id) {
    view.append(h("p", { class: "hint" }, "Every decision on an agent's page links to its trace."));
    return;
  }
  try {
    const trace = /** @type {Trace} */ (await getJson(`/v1/admin/traces/${encodeURIComponent(id)}`, signal));
    view.append(section("Waterfall", renderWaterfall(trace, Date.now())));
  } catch (error) {
    if (error instanceof AdminError && error.status === 404)
      view.append(
        h(
          "div",
          { class: "alert warn", role: "alert", id: "trace-missing" },
          h("p", null, `No trace with id ${id} here: it may be older than the traces kept, or this deployment does not record traces yet.`),
        ),
      );
    else view.append(errorMessage(error));
  }
}

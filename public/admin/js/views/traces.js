// #/traces (the newest traces, and a box to open one by id) and #/traces/<id> (its waterfall).

import { h } from "../../../js/dom.js";
import { AdminError, call } from "../api.js";
import { count, when } from "../format.js";
import { errorMessage, section, setTitle, table, view } from "../shell.js";
import { renderWaterfall } from "../waterfall.js";

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

/** The newest traces, each linked to its waterfall. */
async function recentTraces(/** @type {AbortSignal} */ signal) {
  const page = await call("adminListTraces", { query: { limit: 25 } }, { signal });
  return table(
    "Recent traces, newest first",
    [
      "Trace",
      "Started",
      "First event",
      "Customer",
      { label: "Events", numeric: true },
      { label: "Decisions", numeric: true },
      { label: "Errors", numeric: true },
    ],
    page.items.map((t) => [
      h("a", { href: `#/traces/${encodeURIComponent(t.traceId)}`, class: "mono" }, t.traceId),
      when(t.startMs),
      t.rootType,
      t.customerId ?? "–",
      count(t.eventCount),
      count(t.decisionCount),
      count(t.errorCount),
    ]),
    { id: "traces-table", empty: "No traces yet: ingest an event." },
  );
}

/**
 * @param {string | undefined} id
 * @param {AbortSignal} signal
 */
export async function showTrace(id, signal) {
  setTitle(id ? "Trace" : "Traces");
  view.append(traceForm(id));
  try {
    if (!id) {
      view.append(h("p", { class: "hint" }, "Every decision on an agent's page links to its trace."), await recentTraces(signal));
      return;
    }
    const trace = await call("adminGetTrace", { path: { traceId: id } }, { signal });
    view.append(section("Waterfall", renderWaterfall(trace, Date.now())));
  } catch (error) {
    if (error instanceof AdminError && error.status === 404)
      view.append(
        h(
          "div",
          { class: "alert warn", role: "alert", id: "trace-missing" },
          h("p", null, `No trace with id ${id} here: it may be older than the traces kept, or the id is mistyped.`),
        ),
      );
    else view.append(errorMessage(error));
  }
}

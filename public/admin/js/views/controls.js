// #/controls: the circuit breaker of each LLM provider (close one by hand) and budgets: every
// agent's usage against its limits, and a customer's on request.

import { h } from "../../../js/dom.js";
import { call } from "../api.js";
import { count, when } from "../format.js";
import { announce, badge, errorMessage, section, setTitle, table, view } from "../shell.js";

/** @import { Output } from "@waooaw/client" */

/** @type {Record<string, "ok" | "warn" | "bad">} */
const PHASE_TONE = { closed: "ok", half_open: "warn", open: "bad" };

/** @param {Output<"adminGetBudget">} budget */
export function budgetTable(budget) {
  return table(
    `Budget of ${budget.scope} ${budget.id} (${budget.overridden ? "operator override" : "defaults"})`,
    [
      "Window",
      "Period",
      { label: "Used", numeric: true },
      { label: "Reserved", numeric: true },
      { label: "Limit", numeric: true },
      "Status",
    ],
    budget.windows.map((w) => {
      const share = w.limit > 0 ? (w.used + w.reserved) / w.limit : 0;
      return [
        w.window,
        w.period,
        count(w.used),
        count(w.reserved),
        count(w.limit),
        share >= 1
          ? badge("exhausted", "bad")
          : share >= 0.8
            ? badge(`${Math.round(share * 100)}%`, "warn")
            : badge(`${Math.round(share * 100)}%`, "ok"),
      ];
    }),
  );
}

/** @param {Output<"adminGetBreaker">} b */
function breakerRow(b) {
  const reset = h(
    "button",
    { type: "button", class: "btn", "data-provider": b.provider, disabled: b.phase === "closed" },
    `Close ${b.provider} breaker`,
  );
  return [
    b.provider,
    badge(b.phase.replace("_", "-"), PHASE_TONE[b.phase] ?? "warn"),
    count(b.consecutiveFailures),
    when(b.openedAt),
    b.lastError ?? "—",
    reset,
  ];
}

/** @param {AbortSignal} signal */
export async function showControls(signal) {
  setTitle("Breakers and budgets");
  const [breaker, agents] = await Promise.all([
    call("adminGetBreaker", { path: { provider: "anthropic" } }, { signal }),
    call("adminListAgents", { query: { limit: 500, state: "active" } }, { signal }),
  ]);
  const breakers = h("div", null);
  const drawBreakers = (/** @type {Output<"adminGetBreaker">} */ b) =>
    breakers.replaceChildren(
      table(
        "LLM provider circuit breakers",
        ["Provider", "Phase", { label: "Failures in a row", numeric: true }, "Opened", "Last error", "Action"],
        [breakerRow(b)],
        {
          id: "breakers-table",
        },
      ),
    );
  drawBreakers(breaker);
  breakers.addEventListener("click", async (event) => {
    const button = event.target instanceof HTMLElement ? event.target.closest("button[data-provider]") : null;
    if (!(button instanceof HTMLButtonElement)) return;
    button.disabled = true;
    try {
      drawBreakers(await call("adminResetBreaker", { path: { provider: "anthropic" } }));
      announce("Breaker closed.");
    } catch (error) {
      breakers.append(errorMessage(error));
    }
  });

  const budgets = await Promise.all(agents.items.map((a) => call("adminGetBudget", { path: { kind: "agents", id: a.id } }, { signal })));
  const rows = budgets.flatMap((b) =>
    b.windows.map((w) => [
      b.id,
      w.window,
      count(w.used + w.reserved),
      count(w.limit),
      w.limit > 0 && w.used + w.reserved >= w.limit ? badge("exhausted", "bad") : badge("within", "ok"),
    ]),
  );

  const customerResult = h("div", { id: "customer-budget" });
  const customerInput = h("input", { id: "customer-id", name: "customer", required: true, autocomplete: "off" });
  const customerForm = h(
    "form",
    { class: "inline" },
    h("label", { for: "customer-id" }, "Customer id"),
    customerInput,
    h("button", { type: "submit", class: "btn" }, "Show budget"),
  );
  customerForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const budget = await call("adminGetBudget", { path: { kind: "customers", id: customerInput.value.trim() } });
      customerResult.replaceChildren(budgetTable(budget));
    } catch (error) {
      customerResult.replaceChildren(errorMessage(error));
    }
  });

  view.append(
    section("Circuit breakers", breakers),
    section(
      "Agent budgets",
      table(
        "Active agents' usage against their limits (tokens per day, USD per month, model calls per minute)",
        ["Agent", "Window", { label: "Used and reserved", numeric: true }, { label: "Limit", numeric: true }, "Status"],
        rows,
        {
          id: "budgets-table",
        },
      ),
    ),
    section("A customer's budget", customerForm, customerResult),
  );
}

// #/costs?by=agent|coe|customer: spend and tier mix this month per agent, CoE or customer.

import { h } from "../../../js/dom.js";
import { call } from "../api.js";
import { count, usd, when } from "../format.js";
import { section, setTitle, table, view } from "../shell.js";

const GROUPS = /** @type {const} */ ({ agent: "Agent", coe: "Centre of excellence", customer: "Customer" });

/**
 * @param {URLSearchParams} params
 * @param {AbortSignal} signal
 */
export async function showCosts(params, signal) {
  setTitle("Costs");
  const by = /** @type {keyof typeof GROUPS} */ (Object.hasOwn(GROUPS, params.get("by") ?? "") ? params.get("by") : "agent");
  const report = await call("adminGetCosts", { query: { groupBy: by, limit: 500 } }, { signal });
  const total = report.items.reduce((n, i) => n + i.costUsd, 0);
  view.append(
    h(
      "nav",
      { class: "ranges", "aria-label": "Group costs by" },
      Object.entries(GROUPS).map(([k, label]) =>
        h("a", { href: `#/costs?by=${k}`, "aria-current": k === by ? "page" : null }, `By ${label.toLowerCase()}`),
      ),
    ),
    h(
      "p",
      { class: "lede" },
      `Since ${when(report.since)}: ${usd(total)} over ${count(report.items.reduce((n, i) => n + i.decisions, 0))} decisions.`,
    ),
    section(
      `By ${GROUPS[by].toLowerCase()}`,
      table(
        `Spend by ${GROUPS[by].toLowerCase()}, largest first`,
        [
          GROUPS[by],
          ...["Decisions", "Rules", "Learned", "Cache", "Semantic", "LLM", "Fallback", "Input tokens", "Output tokens", "Cost"].map(
            (label) => ({
              label,
              numeric: true,
            }),
          ),
        ],
        report.items.map((i) => [
          by === "agent" && i.key !== "-"
            ? h("a", { href: `#/agents/${encodeURIComponent(i.key)}` }, i.key)
            : i.key === "-"
              ? "none"
              : i.key,
          count(i.decisions),
          count(i.rules),
          count(i.learned),
          count(i.cache),
          count(i.semantic),
          count(i.llm),
          count(i.fallback),
          count(i.inputTokens),
          count(i.outputTokens),
          usd(i.costUsd),
        ]),
        { id: "costs-table", empty: "No decisions this month." },
      ),
    ),
  );
}

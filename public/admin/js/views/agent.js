// #/agents/<id>: one agent: its state and counters, tier mix and spend, its budget, and its
// decisions with the tier that made each and the trace id that leads to the trace viewer.

import { h } from "../../../js/dom.js";
import { call } from "../api.js";
import { count, duration, usd, when } from "../format.js";
import { badge, section, setTitle, table, view } from "../shell.js";
import { STATE_TONE } from "./agents.js";
import { budgetTable } from "./controls.js";

/**
 * @param {string} id
 * @param {AbortSignal} signal
 */
export async function showAgent(id, signal) {
  setTitle(`Agent ${id}`);
  const path = { path: { id } };
  const [snapshot, summary, decisions, budget] = await Promise.all([
    call("adminGetAgent", path, { signal }),
    call("adminGetAgentDecisionSummary", path, { signal }),
    call("adminListAgentDecisions", { ...path, query: { limit: 50 } }, { signal }),
    call("adminGetBudget", { path: { kind: "agents", id } }, { signal }),
  ]);
  view.append(
    h("p", null, h("a", { href: "#/" }, "← All agents")),
    h(
      "dl",
      { class: "facts" },
      h("dt", null, "State"),
      h("dd", null, badge(snapshot.state, STATE_TONE[snapshot.state] ?? "info")),
      h("dt", null, "Definition"),
      h(
        "dd",
        null,
        `${snapshot.definition.slug} v${snapshot.definition.version} (${snapshot.specialization.coe}, ${snapshot.specialization.role})`,
      ),
      h("dt", null, "Customer"),
      h("dd", null, snapshot.customerId ?? "none (shared)"),
      h("dt", null, "Inbox"),
      h("dd", null, count(snapshot.inboxSize)),
      h("dt", null, "Counters"),
      h(
        "dd",
        null,
        Object.entries(snapshot.counters)
          .map(([k, v]) => `${k} ${count(v)}`)
          .join(", ") || "none yet",
      ),
    ),
    section(
      "Tier mix",
      table(
        `${count(summary.total)} decisions by tier`,
        ["Tier", { label: "Decisions", numeric: true }, { label: "Share", numeric: true }, { label: "Average latency", numeric: true }],
        Object.entries(summary.tiers).map(([tier, t]) => [tier, count(t.count), `${Math.round(t.share * 100)}%`, duration(t.avgLatencyMs)]),
        { id: "agent-tiers" },
      ),
      h(
        "p",
        null,
        `Model: ${count(summary.llm.decisions)} decisions, ${count(summary.llm.inputTokens + summary.llm.outputTokens)} tokens, ${usd(summary.llm.costUsd)}.`,
      ),
    ),
    section("Budget", budgetTable(budget)),
    section(
      "Decisions",
      table(
        `The ${decisions.items.length} newest decisions`,
        ["Decided", "Tier", "Action", "Reason", { label: "Latency", numeric: true }, { label: "Cost", numeric: true }, "Trace"],
        decisions.items.map((d) => [
          when(d.decidedAt),
          h("span", { class: `tier tier-${d.tier}` }, d.tier),
          d.action,
          d.reason,
          duration(d.latencyMs),
          usd(d.costUsd),
          h("a", { href: `#/traces/${encodeURIComponent(d.traceId)}`, class: "mono" }, d.traceId),
        ]),
        { id: "decisions-table", empty: "No decisions yet." },
      ),
    ),
  );
}

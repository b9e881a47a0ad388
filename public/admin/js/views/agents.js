// #/ : every agent instance and its health: state, inbox, last wake, errors (decisions that fell
// back this month: the model or a tier failed), with the pipeline's totals for the last day.

import { h } from "../../../js/dom.js";
import { call } from "../api.js";
import { count, duration, when } from "../format.js";
import { badge, section, setTitle, table, view } from "../shell.js";

/** @import { Output } from "@waooaw/client" */

const DAY_MS = 86_400_000;
/** Snapshots asked for at once: each is a Durable Object call. */
const CONCURRENCY = 6;

/** @type {Record<string, "ok" | "warn" | "bad" | "info">} */
export const STATE_TONE = { active: "ok", paused: "warn", retired: "info" };

/**
 * Runs `work` on every item, `limit` at a time, keeping the order.
 * @template T, R
 * @param {readonly T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<R>} work
 * @returns {Promise<R[]>}
 */
async function mapLimited(items, limit, work) {
  /** @type {R[]} */
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(/** @type {T} */ (items[i]));
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** @param {Output<"adminGetAgent">} snapshot  when it last woke: its newest recent event */
const lastWake = (snapshot) => Math.max(0, ...snapshot.context.recentEvents.map((e) => e.receivedAt)) || null;

/** @param {AbortSignal} signal */
export async function showAgents(signal) {
  setTitle("Agents and their health");
  const since = Date.now() - DAY_MS;
  const [list, stats, costs, dead] = await Promise.all([
    call("adminListAgents", { query: { limit: 500 } }, { signal }),
    call("adminGetStats", { query: { since } }, { signal }),
    call("adminGetCosts", { query: { groupBy: "agent", limit: 500 } }, { signal }),
    call("adminListDeadLetters", { query: { limit: 200 } }, { signal }),
  ]);
  // Of the newest 200: enough to say whether someone should look.
  const waiting = dead.items.filter((l) => l.event !== null && l.replayedAt === null).length;
  const snapshots = await mapLimited(list.items, CONCURRENCY, (a) => call("adminGetAgent", { path: { id: a.id } }, { signal }));
  const fallbacks = new Map(costs.items.map((c) => [c.key, c.fallback]));
  const decisions = new Map(costs.items.map((c) => [c.key, c.decisions]));

  view.append(
    h(
      "dl",
      { class: "tiles", "aria-label": "The last 24 hours" },
      h("div", null, h("dt", null, "Agents"), h("dd", { id: "tile-agents" }, count(snapshots.length))),
      h("div", null, h("dt", null, "Active"), h("dd", null, count(snapshots.filter((s) => s.state === "active").length))),
      h("div", null, h("dt", null, "Events, 24 h"), h("dd", { id: "tile-events" }, count(stats.events.total))),
      h("div", null, h("dt", null, "Wakes, 24 h"), h("dd", null, count(stats.wakes.total))),
      h("div", null, h("dt", null, "Ingest to decision, p50"), h("dd", null, duration(stats.latencyMs.p50))),
      h("div", null, h("dt", null, "p99"), h("dd", null, duration(stats.latencyMs.p99))),
      h(
        "div",
        null,
        h("dt", null, "Dead letters to replay"),
        h("dd", { id: "tile-dead" }, waiting ? h("a", { href: "#/dlq" }, `${count(waiting)}${dead.nextCursor ? "+" : ""}`) : "0"),
      ),
    ),
    section(
      "Agents",
      table(
        `${snapshots.length} agent instance${snapshots.length === 1 ? "" : "s"}`,
        [
          "Agent",
          "Definition",
          "State",
          { label: "Inbox", numeric: true },
          "Last wake",
          { label: "Decisions (month)", numeric: true },
          { label: "Errors (fallbacks, month)", numeric: true },
          { label: "Refused", numeric: true },
        ],
        snapshots.map((s) => {
          const errors = fallbacks.get(s.id) ?? 0;
          return [
            h("a", { href: `#/agents/${encodeURIComponent(s.id)}` }, s.id),
            `${s.definition.slug} v${s.definition.version}`,
            badge(s.state, STATE_TONE[s.state] ?? "info"),
            count(s.inboxSize),
            when(lastWake(s)),
            count(decisions.get(s.id) ?? 0),
            errors ? badge(count(errors), "bad") : "0",
            count(s.counters["refused"] ?? 0),
          ];
        }),
        { id: "agents-table", empty: "No agents yet: spawn one (POST /v1/admin/agents) or seed the demo catalogue." },
      ),
    ),
  );
}

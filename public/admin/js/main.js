// The operator dashboard (/admin): plain ES modules, no framework, no build step, like the
// marketplace page (public/js), whose DOM and route helpers it shares. Hash routes:
//   #/login            the operator token (kept in this tab's sessionStorage only)
//   #/                 agents and their health
//   #/agents/:id       one agent: tier mix, budget, decisions with their trace ids
//   #/activity         throughput and tier mix over time (charts and a table)
//   #/costs            spend by agent, CoE or customer
//   #/dlq              dead letters: replay one or all
//   #/controls         circuit breakers and budgets
//   #/traces/:id       a trace's waterfall
// Every view reads the operator API (/v1/admin/…) with the token; nothing the API returns is
// parsed as HTML.

import { isAbort } from "../../js/abortable.js";
import { h } from "../../js/dom.js";
import { parseRoute } from "../../js/hash-route.js";
import { operatorToken } from "./session.js";
import { errorMessage, pageTitle, setTitle, view } from "./shell.js";
import { showActivity } from "./views/activity.js";
import { showAgent } from "./views/agent.js";
import { showAgents } from "./views/agents.js";
import { showControls } from "./views/controls.js";
import { showCosts } from "./views/costs.js";
import { showDlq } from "./views/dlq.js";
import { showLogin } from "./views/login.js";
import { showTrace } from "./views/traces.js";

/** @import { Route } from "../../js/hash-route.js" */

let controller = new AbortController();
let firstRender = true;

/**
 * @param {Route} route
 * @param {AbortSignal} signal
 */
function showView({ parts, params }, signal) {
  const [section, id] = parts;
  if (section === "login") return showLogin(params);
  if (!operatorToken()) {
    const next = location.hash && location.hash !== "#/login" ? location.hash : "#/";
    return showLogin(new URLSearchParams({ next }));
  }
  if (!section) return showAgents(signal);
  if (section === "agents" && id) return showAgent(id, signal);
  if (section === "activity") return showActivity(params, signal);
  if (section === "costs") return showCosts(params, signal);
  if (section === "dlq") return showDlq(signal);
  if (section === "controls") return showControls(signal);
  if (section === "traces") return showTrace(id, signal);
  setTitle("Page not found");
  view.append(h("p", null, "There is nothing here. ", h("a", { href: "#/" }, "All agents")));
  return undefined;
}

async function route() {
  controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const current = parseRoute();
  const section = current.parts[0] ?? "agents";
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (!(link instanceof HTMLElement)) continue;
    if (link.dataset["nav"] === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  view.replaceChildren();
  view.setAttribute("aria-busy", "true");
  try {
    await showView(current, signal);
  } catch (error) {
    if (!isAbort(error)) view.append(errorMessage(error));
  }
  if (signal.aborted) return;
  view.setAttribute("aria-busy", "false");
  if (!firstRender) pageTitle.focus();
  firstRender = false;
}

window.addEventListener("hashchange", () => void route());
void route();

// WAOOAW marketplace page: plain ES modules, no framework, no build step. It talks to the
// public JSON API on the same origin (/v1/…). Views are hash routes so the Worker's static
// assets serve one page and every other path still reaches the API:
//   #/                 browse, search and filter the catalogue (filters live in the hash query)
//   #/agents/:slug     an agent's profile; start a trial or hire
//   #/account          sign up (the API key is shown once) or paste an existing key
//   #/hires            my trials and hires
//   #/hires/:id        one hire: give a task, convert a trial, review, cancel, its outputs
//   #/tasks/:id        one task: status and output (polled), messages, rating
//   #/outputs/:id      one output of an agent (a document, issue, report), its Markdown rendered safely
// All DOM is built with createElement/textContent: nothing the API returns is parsed as HTML.

import { h } from "./dom.js";
import { setTitle, updateAccountLink, view } from "./page.js";
import { startRouter } from "./router.js";
import { store } from "./store.js";
import { showAccount } from "./views/account.js";
import { leaveBrowse, showBrowse, wireBrowse } from "./views/browse.js";
import { showHire } from "./views/hire.js";
import { showHires } from "./views/hires.js";
import { showOutput } from "./views/outputs.js";
import { showAgent } from "./views/profile.js";
import { showTask } from "./views/task.js";

/** @import { Route } from "./hash-route.js" */

/**
 * Picks the view for a route.
 * @param {Route} route
 * @param {AbortSignal} signal
 */
function showView({ parts, params }, signal) {
  const [section, id] = parts;
  if (section !== "account") store.freshKey = null; // the new key is shown once, on the account view
  if (!section) return showBrowse(params, signal);
  leaveBrowse();
  if (section === "agents" && id) return showAgent(id, signal);
  if (section === "account") return showAccount(params, signal);
  if (section === "hires" && id) return showHire(id, signal);
  if (section === "hires") return showHires(signal);
  if (section === "tasks" && id) return showTask(id, signal);
  if (section === "outputs" && id) return showOutput(id, signal);
  setTitle("Page not found");
  view.append(h("p", null, "There is nothing here. ", h("a", { href: "#/" }, "Browse agents")));
  return undefined;
}

updateAccountLink();
wireBrowse();
startRouter(showView);

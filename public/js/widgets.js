// Small pieces several views share: status badges, a loading line, the "sign in first" notice.

import { h } from "./dom.js";
import { hireStatus, taskStatus } from "./format.js";
import { currentPath } from "./router.js";

/** @import { Hire, TaskStatus } from "./api-types.js" */

/** @param {TaskStatus} status */
export function taskStatusBadge(status) {
  const { label, tone } = taskStatus(status);
  return h("span", { class: `badge ${tone}` }, label);
}

/** @param {Hire["status"]} status */
export function hireStatusBadge(status) {
  const { label, tone } = hireStatus(status);
  return h("span", { class: `badge ${tone}` }, label);
}

/** @param {Hire["kind"]} kind */
export function kindBadge(kind) {
  return h("span", { class: "badge" }, kind === "trial" ? "Trial" : "Hire");
}

/**
 * A spinner and what is loading (role=status).
 * @param {string} text
 */
export function loading(text) {
  return h("p", { class: "results-status", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), " ", text);
}

/**
 * Asks a signed-out visitor to sign in, with a way back to here afterwards.
 * @param {string} what  what they wanted to do, e.g. "see this task"
 */
export function needKey(what) {
  return h(
    "div",
    { class: "notice" },
    h(
      "p",
      null,
      `To ${what}, create an account or paste your API key. `,
      h("a", { href: `#/account?next=${encodeURIComponent(currentPath())}` }, "Go to Account"),
    ),
  );
}

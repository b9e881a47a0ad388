// Showing a failed call: a role=alert box with the message, the field and the code, and the
// form fields at fault marked aria-invalid and described by the box.

import { ApiError } from "./api.js";
import { isAbort } from "./abortable.js";
import { fill, h, nextId } from "./dom.js";

/** An empty, hidden role=alert box for showError(). */
export function errorBox() {
  const box = h("div", { class: "error-box", role: "alert", id: nextId("err") });
  box.hidden = true;
  return box;
}

/**
 * @param {unknown} error
 * @returns {ApiError}
 */
function asApiError(error) {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, "unexpected", message);
}

/**
 * Fills `box` with the error (an aborted request shows nothing) and marks the form's fields at fault.
 * @param {HTMLElement} box
 * @param {unknown} error
 * @param {HTMLFormElement} [form]
 */
export function showError(box, error, form) {
  if (isAbort(error)) return;
  const e = asApiError(error);
  const lines = [h("p", null, h("strong", null, "Error: "), e.message)];
  if (e.field) lines.push(h("p", null, "Field: ", h("code", null, e.field)));
  for (const issue of e.issues ?? [])
    if (issue.message !== e.message) lines.push(h("p", null, h("code", null, issue.field), ": ", issue.message));
  if (e.status) lines.push(h("p", { class: "hint" }, `(${e.code}, HTTP ${e.status})`));
  if (e.status === 401 && e.code !== "signed_out")
    lines.push(h("p", null, h("a", { href: "#/account" }, "Your API key was not accepted: sign in again")));
  if (e.code === "signed_out") lines.push(h("p", null, h("a", { href: "#/account" }, "Go to Account")));
  fill(box, ...lines);
  box.hidden = false;
  if (form) {
    const fields = [e.field ?? "", ...(e.issues ?? []).map((i) => i.field)].filter((name) => name !== "");
    for (const name of fields) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLElement) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", [input.dataset["hint"], box.id].filter(Boolean).join(" "));
      }
    }
  }
}

/**
 * Empties and hides the box; the form's fields are valid again (described by their hint only).
 * @param {HTMLElement} box
 * @param {HTMLFormElement} [form]
 */
export function clearError(box, form) {
  box.hidden = true;
  box.replaceChildren();
  if (!form) return;
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    if (!(input instanceof HTMLElement)) continue;
    input.removeAttribute("aria-invalid");
    const hint = input.dataset["hint"];
    if (hint) input.setAttribute("aria-describedby", hint);
    else input.removeAttribute("aria-describedby");
  }
}

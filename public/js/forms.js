// Forms and buttons that run an API action, and labelled fields for them.

import { ApiError, newIdempotencyKey } from "./api.js";
import { clearError, showError } from "./errors.js";
import { h, nextId } from "./dom.js";

/**
 * Whether the same action may be retried with the same Idempotency-Key: the server may not have
 * answered (network error, 5xx) or is still working the first attempt.
 * @param {unknown} error
 */
function mayRetrySameKey(error) {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.code === "request_in_progress");
}

/**
 * Wires a form to an API action: while it runs the submit button is disabled and says so;
 * errors land in `box`; one Idempotency-Key per attempt, kept for a retry after a network
 * failure (so nothing is created twice) and renewed once the server has answered.
 * @param {HTMLFormElement} form
 * @param {HTMLElement} box
 * @param {string} busyLabel  what the submit button says meanwhile
 * @param {(data: FormData, idempotencyKey: string) => Promise<void>} run
 */
export function actionForm(form, box, busyLabel, run) {
  /** @type {string | null} */
  let idemKey = null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.dataset["busy"]) return;
    const submit = submitButtonOf(form);
    const label = submit?.textContent;
    form.dataset["busy"] = "1";
    form.setAttribute("aria-busy", "true");
    if (submit) {
      submit.disabled = true;
      submit.textContent = busyLabel;
    }
    clearError(box, form);
    idemKey ??= newIdempotencyKey();
    try {
      await run(new FormData(form), idemKey);
      idemKey = null;
    } catch (error) {
      if (!mayRetrySameKey(error)) idemKey = null;
      showError(box, error, form);
    } finally {
      delete form.dataset["busy"];
      form.removeAttribute("aria-busy");
      if (submit?.isConnected) {
        submit.disabled = false;
        if (submit.textContent === busyLabel) submit.textContent = label ?? "";
      }
    }
  });
}

/**
 * The same for a lone button.
 * @param {HTMLButtonElement} button
 * @param {HTMLElement} box
 * @param {string} busyLabel
 * @param {(idempotencyKey: string) => Promise<void>} run
 */
export function actionButton(button, box, busyLabel, run) {
  /** @type {string | null} */
  let idemKey = null;
  button.addEventListener("click", async () => {
    if (button.disabled) return;
    const label = button.textContent;
    button.disabled = true;
    button.textContent = busyLabel;
    clearError(box);
    idemKey ??= newIdempotencyKey();
    try {
      await run(idemKey);
      idemKey = null;
    } catch (error) {
      if (!mayRetrySameKey(error)) idemKey = null;
      showError(box, error);
    } finally {
      if (button.isConnected) {
        button.disabled = false;
        button.textContent = label;
      }
    }
  });
}

/**
 * The form's submit button, if it has one.
 * @param {HTMLFormElement} form
 * @returns {HTMLButtonElement | null}
 */
export function submitButtonOf(form) {
  const button = form.querySelector('[type="submit"]');
  return button instanceof HTMLButtonElement ? button : null;
}

/**
 * A labelled field; the optional hint describes the input (aria-describedby).
 * @param {string} label
 * @param {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} input
 * @param {string} [hint]
 */
export function field(label, input, hint) {
  const id = input.id || nextId("f");
  input.id = id;
  /** @type {HTMLElement[]} */
  const parts = [h("label", { for: id }, label)];
  if (hint) {
    const hintId = `${id}-hint`;
    parts.push(h("span", { class: "hint", id: hintId }, hint));
    input.setAttribute("aria-describedby", hintId);
    input.dataset["hint"] = hintId;
  }
  return h("div", { class: "field" }, parts, input);
}

/**
 * Five labelled radio buttons, "1 star" to "5 stars".
 * @param {string} legend
 * @param {string} name
 * @param {number} [current]  the stars checked now
 */
export function starsFieldset(legend, name, current) {
  const fs = h("fieldset", { class: "stars" }, h("legend", null, legend));
  for (let n = 1; n <= 5; n++) {
    const id = nextId(name);
    fs.append(
      h(
        "label",
        { for: id },
        h("input", { type: "radio", name, value: n, id, required: true, checked: current === n }),
        `${n} star${n === 1 ? "" : "s"}`,
      ),
    );
  }
  return fs;
}

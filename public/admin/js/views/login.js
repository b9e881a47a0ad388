// #/login: the operator pastes the token (ADMIN_TOKEN or an operator JWT); it is checked against the API before it
// is kept, so a wrong one is refused here with a clear message rather than on every view.

import { h } from "../../../js/dom.js";
import { AdminError, call } from "../api.js";
import { forgetToken, keepToken, operatorToken } from "../session.js";
import { announce, errorMessage, setTitle, view } from "../shell.js";

/** @param {URLSearchParams} params  `next`: the view to go to once signed in */
export function showLogin(params) {
  setTitle("Operator sign-in");
  const message = h("div", { id: "login-message" });
  const input = h("input", {
    id: "token",
    name: "token",
    type: "password",
    autocomplete: "off",
    required: true,
    "aria-describedby": "token-hint",
  });
  const form = h(
    "form",
    { class: "login", novalidate: true },
    h("label", { for: "token" }, "Operator token"),
    input,
    h(
      "p",
      { class: "hint", id: "token-hint" },
      "An operator JWT from your identity provider, or the ADMIN_TOKEN of this deployment (locally: in .dev.vars). Kept in this tab only, until you close it or sign out.",
    ),
    h("button", { type: "submit", class: "btn primary" }, "Sign in"),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    message.replaceChildren();
    if (!token) {
      message.append(errorMessage(new Error("Paste the operator token first.")));
      input.focus();
      return;
    }
    try {
      await call("adminGetStats", { query: { since: Date.now(), latency: "false" } }, { token });
    } catch (error) {
      message.append(
        errorMessage(
          error instanceof AdminError && error.status === 401
            ? new Error("That token was not accepted: it is not this deployment's operator token.")
            : error,
        ),
      );
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    keepToken(token);
    announce("Signed in.");
    location.hash = params.get("next") ?? "#/";
  });
  if (operatorToken()) {
    const signOut = h("button", { type: "button", class: "btn", id: "sign-out" }, "Sign out");
    signOut.addEventListener("click", () => {
      forgetToken();
      announce("Signed out.");
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
    view.append(h("p", null, "You are signed in in this tab. ", signOut));
  }
  view.append(form);
}

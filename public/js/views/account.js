// Account (#/account): sign up (the new API key is shown once), sign in with a pasted key,
// see who is signed in, sign out. `?next=` is where "Continue where you were" goes.

import { ApiError, api, forgetKey, keyRemembered, storeKey, storedKey } from "../api.js";
import { isAbort } from "../abortable.js";
import { fill, h } from "../dom.js";
import { errorBox, showError } from "../errors.js";
import { actionForm, field } from "../forms.js";
import { announce, setTitle, updateAccountLink, view } from "../page.js";
import { rerender } from "../router.js";
import { store } from "../store.js";
import { loading } from "../widgets.js";

/** @import { Customer, SignUpResult } from "../api-types.js" */

/**
 * @param {URLSearchParams} params
 * @param {AbortSignal} signal
 */
export async function showAccount(params, signal) {
  const next = params.get("next");
  const continueLink = next
    ? h("a", { class: "btn primary", href: `#${next}` }, "Continue where you were")
    : h("a", { class: "btn primary", href: "#/" }, "Browse agents");
  const key = storedKey();
  if (key) await showSignedIn(key, continueLink, signal);
  else showSignIn();
}

/**
 * Keeps the key (this tab, or this device if asked) and updates the header.
 * @param {string} key
 * @param {boolean} remember
 */
function signIn(key, remember) {
  storeKey(key, remember);
  updateAccountLink();
}

/**
 * The key just issued, with a copy button: it is shown once.
 * @param {string} freshKey
 */
function freshKeyNotice(freshKey) {
  const keyCode = h("code", { class: "key-box", id: "new-api-key" }, freshKey);
  const copy = h("button", { type: "button", class: "btn" }, "Copy key");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(freshKey);
      announce("API key copied.");
      copy.textContent = "Copied";
    } catch {
      window.getSelection()?.selectAllChildren(keyCode);
      announce("Select the key and copy it.");
    }
  });
  return h(
    "div",
    { class: "notice warn", role: "status" },
    h("p", null, h("strong", null, "Your API key — copy it now, it is shown only once:")),
    keyCode,
    h("div", { class: "btn-row" }, copy),
    h(
      "p",
      null,
      keyRemembered()
        ? "This browser remembers it until you sign out."
        : "This tab keeps it until you close it. Keep a copy to sign in elsewhere.",
    ),
  );
}

/**
 * @param {string} key
 * @param {HTMLAnchorElement} continueLink
 * @param {AbortSignal} signal
 */
async function showSignedIn(key, continueLink, signal) {
  setTitle("Your account");
  const box = errorBox();
  const who = h("div", { class: "panel" }, loading("Loading your account…"));
  const signOut = h("button", { type: "button", class: "btn danger" }, "Sign out on this device");
  signOut.addEventListener("click", () => {
    forgetKey();
    updateAccountLink();
    store.freshKey = null;
    announce("Signed out. Your API key was removed from this browser.");
    rerender();
  });
  if (store.freshKey) view.append(freshKeyNotice(store.freshKey));
  view.append(who, box, h("div", { class: "btn-row" }, continueLink, signOut));
  try {
    const me = await api("getMe", {}, { auth: true, signal });
    fill(
      who,
      h("h2", null, "Signed in"),
      h(
        "dl",
        { class: "facts" },
        h("dt", null, "Name"),
        h("dd", null, me.name),
        h("dt", null, "Email"),
        h("dd", null, me.email),
        h("dt", null, "Verified"),
        h("dd", null, me.emailVerifiedAt ? "yes" : "not yet: follow the link we sent to this address to start trials"),
        h("dt", null, "API key"),
        h("dd", null, h("code", null, `${key.slice(0, 9)}…`)),
        h("dt", null, "Kept"),
        h("dd", null, keyRemembered() ? "on this device" : "in this tab only"),
      ),
      h("p", null, h("a", { href: "#/hires" }, "See my hires")),
    );
  } catch (error) {
    if (isAbort(error)) return;
    fill(who, h("h2", null, "Signed in"), h("p", null, `API key ${key.slice(0, 9)}…`));
    showError(box, error);
  }
}

/** The sign-up form and the paste-your-key form. */
function showSignIn() {
  setTitle("Sign up or sign in");
  const signupBox = errorBox();
  const signup = h(
    "form",
    { class: "stack", novalidate: true, "aria-labelledby": "signup-h" },
    h("h2", { id: "signup-h" }, "Create an account"),
    field("Your name or company", h("input", { name: "name", autocomplete: "organization", required: true, maxlength: 200 })),
    field("Email", h("input", { name: "email", type: "email", autocomplete: "email", required: true, maxlength: 320 })),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "remember" }), "Remember my API key on this device"),
    signupBox,
    h("div", null, h("button", { type: "submit", class: "btn primary" }, "Create account")),
  );
  actionForm(signup, signupBox, "Creating account…", async (data, idem) => {
    const created = await api(
      "signUp",
      { body: { name: String(data.get("name") ?? ""), email: String(data.get("email") ?? "") } },
      { idempotencyKey: idem },
    );
    const issued = created.apiKey?.key;
    if (!issued) {
      throw new ApiError(
        409,
        "key_shown_once",
        "This sign-up already happened and its API key was shown once. Paste that key below to sign in.",
      );
    }
    store.freshKey = issued;
    signIn(issued, data.get("remember") === "on");
    announce(`Account created for ${created.customer.name}. Copy your API key now.`);
    rerender();
  });

  const pasteBox = errorBox();
  const paste = h(
    "form",
    { class: "stack", novalidate: true, "aria-labelledby": "paste-h" },
    h("h2", { id: "paste-h" }, "Already have an API key?"),
    field(
      "API key",
      h("input", { name: "key", type: "password", autocomplete: "off", spellcheck: "false", required: true, maxlength: 100 }),
      "It starts with wk_",
    ),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "remember" }), "Remember it on this device"),
    pasteBox,
    h("div", null, h("button", { type: "submit", class: "btn" }, "Sign in with key")),
  );
  actionForm(paste, pasteBox, "Checking key…", async (data) => {
    const pasted = String(data.get("key") ?? "").trim();
    if (!pasted) throw new ApiError(400, "invalid_request", "Paste your API key.", "key");
    const me = await api("getMe", {}, { auth: true, key: pasted });
    signIn(pasted, data.get("remember") === "on");
    announce(`Signed in as ${me.name}.`);
    rerender();
  });

  view.append(
    h(
      "p",
      { class: "lede" },
      "An account gives you an API key: the page and your own tools use it to start trials, hire agents and give them work.",
    ),
    h("div", { class: "two-col" }, h("div", { class: "panel" }, signup), h("div", { class: "panel" }, paste)),
  );
}

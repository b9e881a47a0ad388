// The review form on a hire (one review per hire, public on the agent's profile without the
// customer's name), and which hires this browser has reviewed already.

import { forgetProfile } from "../agent-profiles.js";
import { ApiError, api } from "../api.js";
import { h } from "../dom.js";
import { errorBox } from "../errors.js";
import { actionForm, field, starsFieldset } from "../forms.js";

/** @import { Review } from "../api-types.js" */

const REVIEWED_STORE = "waooaw.reviewedHires";

/**
 * @param {unknown} value
 * @returns {value is string}
 */
const isString = (value) => typeof value === "string";

/** @returns {string[]} the ids of hires reviewed from this browser */
function reviewedHires() {
  try {
    const stored = /** @type {unknown} */ (JSON.parse(localStorage.getItem(REVIEWED_STORE) ?? "[]"));
    /** @type {unknown[]} */
    const ids = Array.isArray(stored) ? stored : [];
    return ids.filter(isString);
  } catch {
    return [];
  }
}

/** @param {string} hireId */
function markReviewed(hireId) {
  try {
    localStorage.setItem(REVIEWED_STORE, JSON.stringify([...new Set([...reviewedHires(), hireId])].slice(-200)));
  } catch {
    // storage full or disabled: the API still refuses a second review
  }
}

/**
 * The "Review <name>" section: a thank-you once reviewed, else the form.
 * @param {string} hireId
 * @param {string} agentSlug
 * @param {string} firstName
 */
export function reviewSection(hireId, agentSlug, firstName) {
  const section = h("section", { class: "panel", "aria-labelledby": "review-h" }, h("h2", { id: "review-h" }, `Review ${firstName}`));
  if (reviewedHires().includes(hireId)) {
    section.append(h("p", null, "You have reviewed this hire. Thank you!"));
    return section;
  }
  const box = errorBox();
  const form = h(
    "form",
    { class: "stack", novalidate: true },
    h("p", { class: "hint" }, "One review per hire; it appears on the agent’s public profile without your name."),
    starsFieldset("Your rating", "stars"),
    field("Your review", h("textarea", { name: "text", required: true, maxlength: 5000, rows: 3 })),
    box,
    h("div", null, h("button", { type: "submit", class: "btn" }, "Publish review")),
  );
  actionForm(form, box, "Publishing…", async (data, idem) => {
    const stars = Number(data.get("stars"));
    if (!stars) throw new ApiError(400, "invalid_request", "Choose a rating from 1 to 5 stars.", "stars");
    const review = await api(
      "reviewHire",
      { path: { id: hireId }, body: { stars, text: String(data.get("text") ?? "") } },
      { auth: true, idempotencyKey: idem },
    );
    markReviewed(hireId);
    forgetProfile(agentSlug);
    const thanks = h(
      "p",
      { class: "notice ok", role: "status", tabindex: "-1" },
      `Thank you! Your ${review.stars}-star review is published on ${firstName}’s profile.`,
    );
    form.replaceWith(thanks);
    thanks.focus();
  });
  section.append(form);
  return section;
}

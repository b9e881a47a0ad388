// An agent's profile (#/agents/:slug): persona, capabilities, samples, reviews, price, trial
// terms, trust score and measured work; start a free trial or hire.

import { agentProfile, forgetProfile } from "../agent-profiles.js";
import { ApiError, api, storedKey } from "../api.js";
import { fill, h } from "../dom.js";
import { errorBox } from "../errors.js";
import { actionButton } from "../forms.js";
import { coeLabel, duration, firstNameOf, langLabel, money, pct, plural, ratingText, starsText, when } from "../format.js";
import { announce, setTitle, view } from "../page.js";
import { go } from "../router.js";
import { loading } from "../widgets.js";

/** @import { AgentProfile, Hire } from "../api-types.js" */

/**
 * The agent's picture, or its initials when it has none (or it fails to load).
 * @param {AgentProfile} agent
 */
function avatar(agent) {
  const initials = agent.displayName
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0])
    .join("")
    .toUpperCase();
  const box = h("div", { class: "avatar", "aria-hidden": "true" }, initials);
  if (agent.persona?.avatar) {
    const img = h("img", { src: agent.persona.avatar, alt: "", width: 64, height: 64, loading: "lazy", decoding: "async" });
    img.addEventListener("error", () => img.remove());
    fill(box, img);
  }
  return box;
}

/**
 * @param {string} slug
 * @param {AbortSignal} signal
 */
export async function showAgent(slug, signal) {
  setTitle("Agent profile");
  view.append(h("a", { class: "back", href: "#/" }, "← All agents"), loading("Loading the agent’s profile…"));
  // Always a fresh read here: reputation changes as customers rate (the cache is for names).
  forgetProfile(slug);
  let agent;
  try {
    agent = await agentProfile(slug, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      throw new ApiError(404, error.code, `There is no listed agent called “${slug}”.`);
    throw error;
  }
  if (signal.aborted) return;
  renderAgent(agent);
}

/**
 * Start a free trial and hire buttons, or a sign-up link for a visitor without a key.
 * @param {AgentProfile} agent
 * @param {HTMLElement} box  where their errors go
 */
function startButtons(agent, box) {
  const actions = h("div", { class: "btn-row" });
  if (!storedKey()) {
    actions.append(
      h("p", null, `Create an account (or paste your API key) to try ${firstNameOf(agent.displayName)}: the trial is free.`),
      h(
        "a",
        { class: "btn primary", href: `#/account?next=${encodeURIComponent(`/agents/${agent.slug}`)}` },
        "Sign up to start a free trial",
      ),
    );
    return actions;
  }
  const trial = h("button", { type: "button", class: "btn primary" }, "Start free trial");
  const hire = h("button", { type: "button", class: "btn" }, `Hire for ${money(agent.priceUsdPerMonth)}/month`);
  actionButton(trial, box, "Starting trial…", async (idem) => {
    const started = await api("createTrial", { body: { agent: agent.slug } }, { auth: true, idempotencyKey: idem });
    announce(`Trial of ${agent.displayName} started.`);
    go(`#/hires/${encodeURIComponent(started.id)}?started=trial`);
  });
  actionButton(hire, box, "Hiring…", async (idem) => {
    const started = await api("createHire", { body: { agent: agent.slug } }, { auth: true, idempotencyKey: idem });
    announce(`${agent.displayName} hired.`);
    go(`#/hires/${encodeURIComponent(started.id)}?started=hire`);
  });
  actions.append(trial, hire);
  return actions;
}

/**
 * The side panel: price, trial terms, the start buttons, trust score, rating and measured work.
 * @param {AgentProfile} agent
 */
function sidePanel(agent) {
  const actionBox = errorBox();
  const stats = agent.stats;
  return h(
    "aside",
    { class: "panel", "aria-label": "Price, trial and reputation" },
    h("p", { class: "price" }, money(agent.priceUsdPerMonth), h("small", null, " / month")),
    h(
      "p",
      null,
      `Free trial: ${plural(agent.trial.days, "day")}, up to ${plural(agent.trial.maxTasks, "task")} and ${money(agent.trial.budgetUsd)} of AI spend.`,
    ),
    startButtons(agent, actionBox),
    actionBox,
    h("h2", null, "Trust score"),
    h("p", { class: "price" }, agent.trustScore.toFixed(1), h("small", null, " / 100")),
    h("details", null, h("summary", null, "How the trust score is computed"), h("p", null, agent.trustExplained)),
    h("h2", null, "Rating"),
    h("p", null, ratingText(agent.rating)),
    h("h2", null, "Measured work"),
    h(
      "dl",
      { class: "facts" },
      h("dt", null, "Tasks finished"),
      h("dd", null, String(stats.tasksFinished)),
      h("dt", null, "Success rate"),
      h("dd", null, pct(stats.successRate)),
      h("dt", null, "On time"),
      h("dd", null, pct(stats.onTimeRate)),
      h("dt", null, "Median response"),
      h("dd", null, duration(stats.medianResponseMs)),
      h("dt", null, "Response target"),
      h("dd", null, duration(agent.responseTargetSeconds * 1000)),
    ),
  );
}

/**
 * About, capabilities, industries, languages, sample work and reviews.
 * @param {AgentProfile} agent
 */
function about(agent) {
  return h(
    "div",
    null,
    h("h2", null, "About"),
    h("p", null, agent.description),
    h("p", null, h("strong", null, "Tone: "), agent.persona.tone),
    h("h2", null, "What it does"),
    h(
      "ul",
      { class: "chips", "aria-label": "Capabilities" },
      agent.capabilities.map((c) => h("li", null, h("span", { class: "badge" }, c))),
    ),
    h("p", null, h("strong", null, "Industries: "), agent.industries.join(", ") || "any"),
    h("p", null, h("strong", null, "Languages: "), agent.languages.map(langLabel).join(", ")),
    h("h2", null, "Sample work"),
    agent.sampleOutputs.length
      ? agent.sampleOutputs.map((s) =>
          h("figure", { class: "sample" }, h("figcaption", null, s.title), h("blockquote", null, h("p", null, s.body))),
        )
      : h("p", null, "No samples yet."),
    h("h2", null, "Reviews"),
    agent.reviews.length
      ? h(
          "ul",
          { class: "reviews" },
          agent.reviews.map((r) =>
            h(
              "li",
              null,
              h(
                "p",
                null,
                h("span", { "aria-hidden": "true" }, starsText(r.stars)),
                h("span", { class: "visually-hidden" }, `${r.stars} out of 5 stars`),
                " · ",
                h("span", { class: "hint" }, when(r.createdAt)),
              ),
              h("p", null, r.text),
            ),
          ),
        )
      : h("p", null, "No reviews yet. Try the agent and be the first."),
  );
}

/** @param {AgentProfile} agent */
function renderAgent(agent) {
  setTitle(agent.displayName);
  fill(
    view,
    h("a", { class: "back", href: "#/" }, "← All agents"),
    h(
      "div",
      { class: "profile-head" },
      avatar(agent),
      h(
        "div",
        null,
        h(
          "div",
          { class: "status-line" },
          h("span", { class: "badge" }, coeLabel(agent.coe)),
          h("span", { class: "badge neutral" }, agent.role),
        ),
        h("p", { class: "lede" }, agent.tagline),
      ),
    ),
    h("div", { class: "two-col" }, about(agent), sidePanel(agent)),
  );
}

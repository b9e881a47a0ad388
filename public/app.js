// WAOOAW marketplace page: plain ES module, no framework, no build step. It talks to the
// public JSON API on the same origin (/v1/…). Views are hash routes so the Worker's static
// assets serve one file and every other path still reaches the API:
//   #/                 browse, search and filter the catalogue (filters live in the hash query)
//   #/agents/:slug     an agent's profile; start a trial or hire
//   #/account          sign up (the API key is shown once) or paste an existing key
//   #/hires            my trials and hires
//   #/hires/:id        one hire: give a task, convert a trial, review, cancel
//   #/tasks/:id        one task: status and output (polled), messages, rating
// All DOM is built with createElement/textContent: nothing the API returns is parsed as HTML.

const KEY_STORE = "waooaw.apiKey";
const REVIEWED_STORE = "waooaw.reviewedHires";
const PAGE_SIZE = 12;

const $ = (sel, root = document) => root.querySelector(sel);

// ---------------------------------------------------------------------------------------------
// Small DOM helper

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  appendAll(el, children);
  return el;
}
function appendAll(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}
/** replaceChildren that, like h(), skips null/undefined/false and flattens arrays. */
function fill(el, ...children) {
  el.replaceChildren();
  return appendAll(el, children);
}
let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

// ---------------------------------------------------------------------------------------------
// The API client

class ApiError extends Error {
  constructor(status, code, message, field, issues) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.issues = issues;
  }
}

function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Not a secure context (e.g. plain http on a LAN address): same shape from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function storedKey() {
  try {
    return sessionStorage.getItem(KEY_STORE) ?? localStorage.getItem(KEY_STORE);
  } catch {
    return null;
  }
}
function keyRemembered() {
  try {
    return localStorage.getItem(KEY_STORE) !== null;
  } catch {
    return false;
  }
}
function storeKey(key, remember) {
  forgetKey();
  (remember ? localStorage : sessionStorage).setItem(KEY_STORE, key);
  updateAccountLink();
}
function forgetKey() {
  sessionStorage.removeItem(KEY_STORE);
  localStorage.removeItem(KEY_STORE);
  updateAccountLink();
}

/**
 * One API call. Resolves with the parsed JSON body; rejects with an ApiError carrying the
 * API's `{error:{code,message,field,issues}}` (or a network error, status 0). Customer calls
 * send the bearer key; every POST sends an Idempotency-Key (the caller's, so a retry of the
 * same action reuses it and creates nothing twice).
 */
async function api(path, { method = "GET", body, auth = false, key, idempotencyKey, signal } = {}) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (auth) {
    const bearer = key ?? storedKey();
    if (!bearer) throw new ApiError(401, "signed_out", "Sign up or paste your API key first (Account).");
    headers.authorization = `Bearer ${bearer}`;
  }
  if (method === "POST") headers["idempotency-key"] = idempotencyKey ?? newIdempotencyKey();
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (error?.name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(
      res.status,
      e?.code ?? `http_${res.status}`,
      e?.message ?? `The server answered ${res.status} ${res.statusText}`.trim(),
      e?.field,
      e?.issues,
    );
  }
  return data;
}

const isAbort = (e) => e?.name === "AbortError";

// Agent profiles, cached for the page's lifetime (names for hires and tasks).
const profiles = new Map();
function profile(slug, signal) {
  if (!profiles.has(slug)) {
    const p = api(`/v1/agents/${encodeURIComponent(slug)}`, { signal });
    p.catch(() => profiles.delete(slug));
    profiles.set(slug, p);
  }
  return profiles.get(slug);
}
async function agentName(slug, signal) {
  try {
    return (await profile(slug, signal)).displayName;
  } catch {
    return slug;
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

const COE = { marketing: "Marketing", sales: "Sales", support: "Support" };
const LANG = { en: "English", es: "Spanish", fr: "French", de: "German", pt: "Portuguese", it: "Italian", nl: "Dutch", ja: "Japanese" };
const coeLabel = (c) => COE[c] ?? c;
const langLabel = (l) => LANG[l] ?? l.toUpperCase();
const money = (n) => `$${Number.isInteger(n) ? n : n.toFixed(2)}`;
const pct = (r) => (r === null || r === undefined ? "not measured yet" : `${Math.round(r * 100)}%`);
const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const when = (ms) => (ms ? dateFmt.format(new Date(ms)) : "—");
function duration(ms) {
  if (ms === null || ms === undefined) return "not measured yet";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 90_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 5_400_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
function ratingText(rating) {
  if (!rating || rating.average === null || rating.count === 0) return "No ratings yet";
  return `${rating.average.toFixed(1)} out of 5 (${rating.count} rating${rating.count === 1 ? "" : "s"})`;
}
const starsText = (n) => `${"★".repeat(n)}${"☆".repeat(5 - n)}`;
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const TASK_STATUS = {
  queued: { label: "Working on it", cls: "" },
  done: { label: "Done", cls: "ok" },
  needs_human: { label: "Needs a person", cls: "warn" },
  delegated: { label: "Passed to a colleague", cls: "" },
  declined: { label: "Declined", cls: "neutral" },
  failed: { label: "Failed", cls: "bad" },
};
const statusBadge = (status) => {
  const s = TASK_STATUS[status] ?? { label: status, cls: "neutral" };
  return h("span", { class: `badge ${s.cls}` }, s.label);
};
const TIER = { rules: "its rules", cache: "a cached earlier decision", llm: "its AI model", fallback: "no tier (escalated)" };
const LLM_UNCONFIGURED = "llm_unconfigured:";

// ---------------------------------------------------------------------------------------------
// Page chrome: title, announcements, errors

const titleEl = $("#page-title");
const announcer = $("#announcer");
const browseView = $("#browse-view");
const view = $("#view");

function setTitle(text) {
  titleEl.textContent = text;
  document.title = `${text} · WAOOAW`;
}
function announce(text) {
  announcer.textContent = "";
  // A fresh text node after a tick makes screen readers announce repeated messages too.
  setTimeout(() => (announcer.textContent = text), 30);
}
function updateAccountLink() {
  const link = $("#account-link");
  if (link) link.textContent = storedKey() ? "Account" : "Sign up / sign in";
}

/** A role=alert box; `show(error)` fills it with the message, the field and the code. */
function errorBox() {
  const box = h("div", { class: "error-box", role: "alert", id: nextId("err") });
  box.hidden = true;
  return box;
}
function showError(box, error, form) {
  if (isAbort(error)) return;
  const e = error instanceof ApiError ? error : new ApiError(0, "unexpected", String(error?.message ?? error));
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
    const fields = [e.field, ...(e.issues ?? []).map((i) => i.field)].filter(Boolean);
    for (const name of fields) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLElement) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", [input.dataset.hint, box.id].filter(Boolean).join(" "));
      }
    }
  }
}
function clearError(box, form) {
  box.hidden = true;
  box.replaceChildren();
  if (form) {
    for (const input of form.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      if (input.dataset.hint) input.setAttribute("aria-describedby", input.dataset.hint);
      else input.removeAttribute("aria-describedby");
    }
  }
}

/**
 * Wires a form to an API action: while it runs the submit button is disabled and says so;
 * errors land in `box`; one Idempotency-Key per attempt, kept for a retry after a network
 * failure (so nothing is created twice) and renewed once the server has answered.
 */
function actionForm(form, box, busyLabel, run) {
  let idemKey = null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    const submit = form.querySelector('[type="submit"]');
    const label = submit?.textContent;
    form.dataset.busy = "1";
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
      if (!(error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.code === "request_in_progress")))
        idemKey = null;
      showError(box, error, form);
    } finally {
      delete form.dataset.busy;
      form.removeAttribute("aria-busy");
      if (submit?.isConnected) {
        submit.disabled = false;
        if (submit.textContent === busyLabel) submit.textContent = label;
      }
    }
  });
}
/** The same for a lone button. */
function actionButton(button, box, busyLabel, run) {
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
      if (!(error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.code === "request_in_progress")))
        idemKey = null;
      showError(box, error);
    } finally {
      if (button.isConnected) {
        button.disabled = false;
        button.textContent = label;
      }
    }
  });
}

function field(label, input, hint) {
  const id = input.id || nextId("f");
  input.id = id;
  const parts = [h("label", { for: id }, label)];
  if (hint) {
    const hintId = `${id}-hint`;
    parts.push(h("span", { class: "hint", id: hintId }, hint));
    input.setAttribute("aria-describedby", hintId);
    input.dataset.hint = hintId;
  }
  return h("div", { class: "field" }, parts, input);
}
function starsFieldset(legend, name, current) {
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
const loading = (text) =>
  h("p", { class: "results-status", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), " ", text);
const needKey = (what) =>
  h(
    "div",
    { class: "notice" },
    h(
      "p",
      null,
      `To ${what}, create an account or paste your API key. `,
      h("a", { href: `#/account?next=${encodeURIComponent(currentPath())}` }, "Go to Account"),
    ),
  );

// ---------------------------------------------------------------------------------------------
// Router

let routeController = new AbortController();
let initialRender = true;
let keepFocus = false;

function currentPath() {
  return (location.hash.replace(/^#/, "") || "/").split("?")[0];
}
function parseRoute() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const q = raw.indexOf("?");
  const path = q === -1 ? raw : raw.slice(0, q);
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { parts, params: new URLSearchParams(q === -1 ? "" : raw.slice(q + 1)) };
}
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function route() {
  routeController.abort();
  routeController = new AbortController();
  const signal = routeController.signal;
  const { parts, params } = parseRoute();
  const section = parts[0] ?? "browse";
  for (const a of document.querySelectorAll("[data-nav]")) {
    const current =
      a.dataset.nav === section ||
      (a.dataset.nav === "hires" && section === "tasks") ||
      (a.dataset.nav === "browse" && section === "agents");
    if (current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (section !== "account") freshKey = null; // the new key is shown once, on the account view
  const browsing = parts.length === 0;
  browseView.hidden = !browsing;
  view.hidden = browsing;
  view.replaceChildren();
  let rendered;
  try {
    if (browsing) rendered = showBrowse(params, signal);
    else if (section === "agents" && parts[1]) rendered = showAgent(parts[1], signal);
    else if (section === "account") rendered = showAccount(params, signal);
    else if (section === "hires" && parts[1]) rendered = showHire(parts[1], signal);
    else if (section === "hires") rendered = showHires(signal);
    else if (section === "tasks" && parts[1]) rendered = showTask(parts[1], signal);
    else {
      setTitle("Page not found");
      view.append(h("p", null, "There is nothing here. ", h("a", { href: "#/" }, "Browse agents")));
    }
    await rendered;
  } catch (error) {
    if (!isAbort(error)) {
      const box = errorBox();
      view.append(box);
      showError(box, error);
    }
  }
  if (signal.aborted) return;
  if (!initialRender && !keepFocus) {
    titleEl.focus();
    window.scrollTo(0, 0);
  }
  initialRender = false;
  keepFocus = false;
}

// ---------------------------------------------------------------------------------------------
// Browse: search, filters, sorting, "load more"

const searchForm = $("#search-form");
const results = $("#results");
const resultsStatus = $("#results-status");
const loadMore = $("#load-more");
const browseError = $("#browse-error");
const FILTERS = ["q", "coe", "minPrice", "maxPrice", "minRating", "language", "sort"];
let browseState = { params: null, cursor: null, shown: 0 };

function catalogueQuery(params, cursor) {
  const q = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name)?.trim();
    if (!value) continue;
    if (name === "sort") {
      const [sort, order] = value.split(":");
      q.set("sort", sort);
      if (order) q.set("order", order);
    } else q.set(name, value);
  }
  q.set("limit", String(PAGE_SIZE));
  if (cursor) q.set("cursor", cursor);
  return q;
}

function agentCard(agent) {
  return h(
    "li",
    null,
    h(
      "article",
      { class: "card", "aria-labelledby": `card-${agent.slug}` },
      h(
        "div",
        { class: "status-line" },
        h("span", { class: "badge" }, coeLabel(agent.coe)),
        h("span", { class: "badge neutral" }, agent.role),
      ),
      h("h2", { id: `card-${agent.slug}` }, h("a", { href: `#/agents/${encodeURIComponent(agent.slug)}` }, agent.displayName)),
      h("p", { class: "tagline" }, agent.tagline),
      h(
        "ul",
        { class: "meta" },
        h("li", null, h("strong", null, money(agent.priceUsdPerMonth)), " / month"),
        h(
          "li",
          null,
          agent.rating.average === null
            ? "No ratings yet"
            : h("span", null, "Rated ", h("strong", null, agent.rating.average.toFixed(1)), ` / 5 (${agent.rating.count})`),
        ),
        h("li", null, "Trust ", h("strong", null, agent.trustScore.toFixed(1)), " / 100"),
        h("li", null, agent.languages.map(langLabel).join(", ")),
      ),
    ),
  );
}

async function loadAgents(params, cursor, signal) {
  results.setAttribute("aria-busy", "true");
  loadMore.hidden = true;
  resultsStatus.textContent = cursor ? "Loading more agents…" : "Loading agents…";
  clearError(browseError, searchForm);
  try {
    const page = await api(`/v1/agents?${catalogueQuery(params, cursor)}`, { signal });
    const cards = page.items.map(agentCard);
    if (!cursor) {
      fill(results, ...cards);
      browseState.shown = 0;
    } else results.append(...cards);
    browseState.shown += page.items.length;
    browseState.cursor = page.nextCursor;
    const searching = params.get("q")?.trim();
    resultsStatus.textContent =
      browseState.shown === 0
        ? searching
          ? `No agents match “${searching}” with these filters. Try other words or clear the filters.`
          : "No agents match these filters. Try clearing some."
        : `${plural(browseState.shown, "agent")} ${searching ? `found for “${searching}”` : "shown"}${page.nextCursor ? "; more available" : ""}.`;
    loadMore.hidden = !page.nextCursor;
    if (cursor && cards[0]) cards[0].querySelector("a")?.focus();
  } catch (error) {
    if (isAbort(error)) return;
    if (!cursor) results.replaceChildren();
    resultsStatus.textContent = "The agents could not be loaded.";
    showError(browseError, error, searchForm);
    loadMore.hidden = !browseState.cursor || !cursor;
  } finally {
    results.setAttribute("aria-busy", "false");
  }
}

function showBrowse(params, signal) {
  setTitle("Find an agent that earns your business");
  for (const name of FILTERS) {
    const input = searchForm.elements.namedItem(name);
    if (input) input.value = params.get(name) ?? "";
  }
  browseState = { params, cursor: null, shown: 0 };
  return loadAgents(params, null, signal);
}

function submitSearch() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = String(new FormData(searchForm).get(name) ?? "").trim();
    if (value) params.set(name, value);
  }
  const query = params.toString();
  keepFocus = true; // the user is in the form: leave focus there; results are announced
  go(query ? `#/?${query}` : "#/");
}
searchForm.addEventListener("submit", (event) => {
  event.preventDefault();
  submitSearch();
});
searchForm.addEventListener("change", (event) => {
  if (event.target instanceof HTMLSelectElement || event.target.type === "number") submitSearch();
});
searchForm.addEventListener("reset", () => setTimeout(submitSearch, 0));
loadMore.addEventListener("click", () => {
  if (browseState.params && browseState.cursor) loadAgents(browseState.params, browseState.cursor, routeController.signal);
});

// ---------------------------------------------------------------------------------------------
// Agent profile

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

async function showAgent(slug, signal) {
  setTitle("Agent profile");
  view.append(h("a", { class: "back", href: "#/" }, "← All agents"), loading("Loading the agent’s profile…"));
  // Always a fresh read here: reputation changes as customers rate (the cache is for names).
  profiles.delete(slug);
  const agent = await profile(slug, signal).catch((error) => {
    if (error instanceof ApiError && error.status === 404)
      throw new ApiError(404, error.code, `There is no listed agent called “${slug}”.`);
    throw error;
  });
  if (signal.aborted) return;
  renderAgent(agent);
}

function renderAgent(agent) {
  setTitle(agent.displayName);
  const firstName = agent.displayName.split(/[ ,]/)[0];
  const actionBox = errorBox();
  const actions = h("div", { class: "btn-row" });
  if (!storedKey()) {
    actions.append(
      h("p", null, `Create an account (or paste your API key) to try ${firstName}: the trial is free.`),
      h(
        "a",
        { class: "btn primary", href: `#/account?next=${encodeURIComponent(`/agents/${agent.slug}`)}` },
        "Sign up to start a free trial",
      ),
    );
  } else {
    const trial = h("button", { type: "button", class: "btn primary" }, "Start free trial");
    const hire = h("button", { type: "button", class: "btn" }, `Hire for ${money(agent.priceUsdPerMonth)}/month`);
    actionButton(trial, actionBox, "Starting trial…", async (idem) => {
      const started = await api("/v1/trials", { method: "POST", auth: true, body: { agent: agent.slug }, idempotencyKey: idem });
      announce(`Trial of ${agent.displayName} started.`);
      go(`#/hires/${encodeURIComponent(started.id)}?started=trial`);
    });
    actionButton(hire, actionBox, "Hiring…", async (idem) => {
      const started = await api("/v1/hires", { method: "POST", auth: true, body: { agent: agent.slug }, idempotencyKey: idem });
      announce(`${agent.displayName} hired.`);
      go(`#/hires/${encodeURIComponent(started.id)}?started=hire`);
    });
    actions.append(trial, hire);
  }

  const stats = agent.stats;
  const side = h(
    "aside",
    { class: "panel", "aria-label": "Price, trial and reputation" },
    h("p", { class: "price" }, money(agent.priceUsdPerMonth), h("small", null, " / month")),
    h(
      "p",
      null,
      `Free trial: ${plural(agent.trial.days, "day")}, up to ${plural(agent.trial.maxTasks, "task")} and ${money(agent.trial.budgetUsd)} of AI spend.`,
    ),
    actions,
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

  const main = h(
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
    h("div", { class: "two-col" }, main, side),
  );
}

// ---------------------------------------------------------------------------------------------
// Account: sign up, paste a key, sign out

let freshKey = null; // the key just issued, shown once on this page

async function showAccount(params, signal) {
  const next = params.get("next");
  const continueLink = next
    ? h("a", { class: "btn primary", href: `#${next}` }, "Continue where you were")
    : h("a", { class: "btn primary", href: "#/" }, "Browse agents");
  const key = storedKey();
  if (key) {
    setTitle("Your account");
    const box = errorBox();
    const who = h("div", { class: "panel" }, loading("Loading your account…"));
    const signOut = h("button", { type: "button", class: "btn danger" }, "Sign out on this device");
    signOut.addEventListener("click", () => {
      forgetKey();
      freshKey = null;
      announce("Signed out. Your API key was removed from this browser.");
      route();
    });
    const parts = [];
    if (freshKey) {
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
      const keyCode = h("code", { class: "key-box", id: "new-api-key" }, freshKey);
      parts.push(
        h(
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
        ),
      );
    }
    parts.push(who, box, h("div", { class: "btn-row" }, continueLink, signOut));
    view.append(...parts);
    try {
      const me = await api("/v1/customers/me", { auth: true, signal });
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
    return;
  }

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
    const created = await api("/v1/customers", {
      method: "POST",
      body: { name: String(data.get("name") ?? ""), email: String(data.get("email") ?? "") },
      idempotencyKey: idem,
    });
    if (!created.apiKey?.key) {
      throw new ApiError(
        409,
        "key_shown_once",
        "This sign-up already happened and its API key was shown once. Paste that key below to sign in.",
      );
    }
    freshKey = created.apiKey.key;
    storeKey(freshKey, data.get("remember") === "on");
    announce(`Account created for ${created.customer.name}. Copy your API key now.`);
    await route();
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
    const me = await api("/v1/customers/me", { auth: true, key: pasted });
    storeKey(pasted, data.get("remember") === "on");
    announce(`Signed in as ${me.name}.`);
    await route();
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

// ---------------------------------------------------------------------------------------------
// My hires

const HIRE_STATUS = { active: ["Active", "ok"], ended: ["Ended", "neutral"], cancelled: ["Cancelled", "neutral"] };
const hireStatusBadge = (s) => h("span", { class: `badge ${HIRE_STATUS[s]?.[1] ?? "neutral"}` }, HIRE_STATUS[s]?.[0] ?? s);
const kindBadge = (k) => h("span", { class: "badge" }, k === "trial" ? "Trial" : "Hire");

async function showHires(signal) {
  setTitle("My hires");
  if (!storedKey()) return void view.append(needKey("see your trials and hires"));
  const status = loading("Loading your hires…");
  const list = h("ul", { class: "list", "aria-label": "Your trials and hires" });
  const box = errorBox();
  const more = h("button", { type: "button", class: "btn" }, "Load more");
  more.hidden = true;
  view.append(status, box, list, h("div", { class: "more-row" }, more));
  let cursor = null;
  async function page() {
    const q = new URLSearchParams({ limit: "20" });
    if (cursor) q.set("cursor", cursor);
    const data = await api(`/v1/hires?${q}`, { auth: true, signal });
    const names = await Promise.all(data.items.map((hire) => agentName(hire.agent, signal)));
    data.items.forEach((hire, i) => {
      list.append(
        h(
          "li",
          { class: "row-card" },
          h(
            "div",
            null,
            h("a", { class: "title", href: `#/hires/${encodeURIComponent(hire.id)}` }, names[i]),
            h("div", { class: "hint" }, `Started ${when(hire.startedAt)}${hire.endsAt ? ` · trial ends ${when(hire.endsAt)}` : ""}`),
          ),
          h("div", { class: "status-line" }, kindBadge(hire.kind), hireStatusBadge(hire.status)),
        ),
      );
    });
    cursor = data.nextCursor;
    more.hidden = !cursor;
    return data.items.length;
  }
  more.addEventListener("click", () => page().catch((e) => showError(box, e)));
  try {
    const n = await page();
    status.replaceWith(
      n
        ? h("p", { class: "results-status" }, `${plural(list.children.length, "hire")} (trials included).`)
        : h(
            "p",
            { class: "notice" },
            "You have no trials or hires yet. ",
            h("a", { href: "#/" }, "Browse agents"),
            " to start a free trial.",
          ),
    );
  } catch (error) {
    if (isAbort(error)) return;
    status.remove();
    showError(box, error);
  }
}

function reviewedHires() {
  try {
    return JSON.parse(localStorage.getItem(REVIEWED_STORE) ?? "[]");
  } catch {
    return [];
  }
}
function markReviewed(hireId) {
  try {
    localStorage.setItem(REVIEWED_STORE, JSON.stringify([...new Set([...reviewedHires(), hireId])].slice(-200)));
  } catch {
    // storage full or disabled: the API still refuses a second review
  }
}

async function showHire(hireId, signal) {
  setTitle("Your hire");
  if (!storedKey()) return void view.append(needKey("see this hire"));
  view.append(h("a", { class: "back", href: "#/hires" }, "← My hires"), loading("Loading the hire…"));
  const hire = await api(`/v1/hires/${encodeURIComponent(hireId)}`, { auth: true, signal });
  const agent = await profile(hire.agent, signal).catch(() => null);
  if (signal.aborted) return;
  const name = agent?.displayName ?? hire.agent;
  const firstName = name.split(/[ ,]/)[0];
  let started = parseRoute().params.get("started");

  const head = h("div", null);
  const headBox = errorBox();
  function renderHead(current) {
    setTitle(`${current.kind === "trial" ? "Trial" : "Hire"}: ${name}`);
    const facts = h(
      "dl",
      { class: "facts" },
      h("dt", null, "Status"),
      h("dd", null, kindBadge(current.kind), " ", hireStatusBadge(current.status)),
      h("dt", null, "Started"),
      h("dd", null, when(current.startedAt)),
      current.endsAt ? [h("dt", null, "Trial ends"), h("dd", null, when(current.endsAt))] : null,
      h("dt", null, "Tasks given"),
      h("dd", null, current.taskLimit ? `${current.tasksUsed ?? 0} of ${current.taskLimit}` : String(current.tasksUsed ?? 0)),
      current.endReason ? [h("dt", null, "Ended because"), h("dd", null, current.endReason)] : null,
    );
    const buttons = h(
      "div",
      { class: "btn-row" },
      h("a", { class: "btn subtle", href: `#/agents/${encodeURIComponent(hire.agent)}` }, `${firstName}’s profile`),
    );
    if (current.status === "active" && current.kind === "trial") {
      const convert = h(
        "button",
        { type: "button", class: "btn primary" },
        agent ? `Convert to a hire (${money(agent.priceUsdPerMonth)}/month)` : "Convert to a hire",
      );
      actionButton(convert, headBox, "Converting…", async (idem) => {
        const converted = await api(`/v1/hires/${encodeURIComponent(hireId)}/convert`, {
          method: "POST",
          auth: true,
          idempotencyKey: idem,
        });
        started = null;
        renderHead(converted);
        const note = h(
          "p",
          { class: "notice ok", role: "status", tabindex: "-1" },
          `${name} is now hired: same agent, same context, no trial limits.`,
        );
        head.prepend(note);
        announce(`Converted: ${name} is now hired.`);
        note.focus();
      });
      buttons.append(convert);
    }
    if (current.status === "active") {
      const cancel = h("button", { type: "button", class: "btn danger" }, current.kind === "trial" ? "End trial" : "Cancel hire");
      actionButton(cancel, headBox, "Ending…", async (idem) => {
        if (!window.confirm(`End this ${current.kind} of ${name}? The agent stops taking your work; finished outputs stay.`)) return;
        const ended = await api(`/v1/hires/${encodeURIComponent(hireId)}/cancel`, { method: "POST", auth: true, idempotencyKey: idem });
        announce(`The ${current.kind} of ${name} has ended.`);
        started = null;
        renderHead(ended);
        taskSection.hidden = true;
      });
      buttons.append(cancel);
    }
    fill(
      head,
      started
        ? h(
            "p",
            { class: "notice ok", role: "status" },
            started === "trial"
              ? `Your free trial of ${name} has started. Give ${firstName} a first task below.`
              : `${name} is hired. Give ${firstName} a task below.`,
          )
        : null,
      facts,
      buttons,
      headBox,
    );
  }

  // Give a task
  const taskBox = errorBox();
  const taskForm = h(
    "form",
    { class: "stack", novalidate: true, "aria-labelledby": "give-h" },
    h("h2", { id: "give-h" }, `Give ${firstName} a task`),
    field("Title", h("input", { name: "title", required: true, maxlength: 200, autocomplete: "off" })),
    field(
      "Instructions",
      h("textarea", { name: "instructions", required: true, maxlength: 20000, rows: 5 }),
      "What to do, for whom, and anything the agent should know.",
    ),
    taskBox,
    h("div", null, h("button", { type: "submit", class: "btn primary" }, "Give task")),
  );
  actionForm(taskForm, taskBox, "Sending task…", async (data, idem) => {
    const task = await api(`/v1/hires/${encodeURIComponent(hireId)}/tasks`, {
      method: "POST",
      auth: true,
      body: { title: String(data.get("title") ?? ""), instructions: String(data.get("instructions") ?? "") },
      idempotencyKey: idem,
    });
    announce(`Task sent to ${firstName}.`);
    go(`#/tasks/${encodeURIComponent(task.id)}`);
  });
  const taskSection = h("section", { class: "panel", "aria-label": "Give a task" }, taskForm);
  taskSection.hidden = hire.status !== "active";

  // The hire's tasks
  const tasksList = h("ul", { class: "list" });
  const tasksStatus = h("p", { class: "results-status" }, "Loading tasks…");
  const tasksBox = errorBox();
  async function refreshTasks() {
    const data = await api(`/v1/hires/${encodeURIComponent(hireId)}/tasks?limit=100`, { auth: true, signal });
    fill(
      tasksList,
      ...data.items.map((t) =>
        h(
          "li",
          { class: "row-card" },
          h(
            "div",
            null,
            h("a", { class: "title", href: `#/tasks/${encodeURIComponent(t.id)}` }, t.title),
            h("div", { class: "hint" }, `Given ${when(t.createdAt)}`),
          ),
          h(
            "div",
            { class: "status-line" },
            statusBadge(t.status),
            t.rating ? h("span", { class: "hint" }, `Rated ${t.rating.stars}/5`) : null,
          ),
        ),
      ),
    );
    tasksStatus.textContent = data.items.length ? `${plural(data.items.length, "task")}.` : "No tasks yet.";
    return data.items.some((t) => t.status === "queued");
  }

  // Review
  const reviewSection = h("section", { class: "panel", "aria-labelledby": "review-h" }, h("h2", { id: "review-h" }, `Review ${firstName}`));
  if (reviewedHires().includes(hireId)) {
    reviewSection.append(h("p", null, "You have reviewed this hire. Thank you!"));
  } else {
    const reviewBox = errorBox();
    const reviewForm = h(
      "form",
      { class: "stack", novalidate: true },
      h("p", { class: "hint" }, "One review per hire; it appears on the agent’s public profile without your name."),
      starsFieldset("Your rating", "stars"),
      field("Your review", h("textarea", { name: "text", required: true, maxlength: 5000, rows: 3 })),
      reviewBox,
      h("div", null, h("button", { type: "submit", class: "btn" }, "Publish review")),
    );
    actionForm(reviewForm, reviewBox, "Publishing…", async (data, idem) => {
      const stars = Number(data.get("stars"));
      if (!stars) throw new ApiError(400, "invalid_request", "Choose a rating from 1 to 5 stars.", "stars");
      const review = await api(`/v1/hires/${encodeURIComponent(hireId)}/review`, {
        method: "POST",
        auth: true,
        body: { stars, text: String(data.get("text") ?? "") },
        idempotencyKey: idem,
      });
      markReviewed(hireId);
      profiles.delete(hire.agent);
      const thanks = h(
        "p",
        { class: "notice ok", role: "status", tabindex: "-1" },
        `Thank you! Your ${review.stars}-star review is published on ${firstName}’s profile.`,
      );
      reviewForm.replaceWith(thanks);
      thanks.focus();
    });
    reviewSection.append(reviewForm);
  }

  renderHead(hire);
  fill(
    view,
    h("a", { class: "back", href: "#/hires" }, "← My hires"),
    head,
    taskSection,
    h("section", { "aria-labelledby": "tasks-h" }, h("h2", { id: "tasks-h" }, "Tasks"), tasksStatus, tasksBox, tasksList),
    reviewSection,
  );
  let pending = false;
  try {
    pending = await refreshTasks();
  } catch (error) {
    if (!isAbort(error)) showError(tasksBox, error);
  }
  // Keep the list's statuses current while any task is still being worked (in the background:
  // the view is ready, and focus moves to it, now).
  void (async () => {
    try {
      for (let i = 0; pending && i < 120 && !signal.aborted; i++) {
        await sleep(i < 10 ? 1500 : 4000, signal);
        pending = await refreshTasks();
      }
    } catch (error) {
      if (!isAbort(error)) showError(tasksBox, error);
    }
  })();
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(new DOMException("aborted", "AbortError"));
      },
      { once: true },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// One task: status, output, messages, rating

function outputView(task, firstName) {
  const out = task.output;
  const parts = [];
  if (task.status === "queued") {
    parts.push(
      h(
        "p",
        { class: "status-line" },
        h("span", { class: "spinner", "aria-hidden": "true" }),
        `${firstName} is working on it. This page updates by itself.`,
      ),
    );
    return parts;
  }
  const summary = out?.summary ?? "";
  if (task.status === "needs_human" && summary.startsWith(LLM_UNCONFIGURED)) {
    parts.push(
      h(
        "div",
        { class: "notice warn" },
        h(
          "p",
          null,
          h("strong", null, "Handed to a person. "),
          `No rule of ${firstName}’s covers this task, and this server has no AI model configured (ANTHROPIC_API_KEY is not set), so the task waits for a person. This is a normal outcome, not an error.`,
        ),
        h("p", { class: "hint" }, "Agent’s note: ", summary),
      ),
    );
  } else if (task.status === "needs_human") {
    parts.push(h("div", { class: "notice warn" }, h("p", null, h("strong", null, "Handed to a person. "), summary)));
  } else if (task.status === "failed") {
    parts.push(
      h("div", { class: "notice" }, h("p", null, h("strong", null, "Not worked. "), summary || "The agent could not work this task.")),
    );
  } else if (task.status === "declined") {
    parts.push(h("p", null, h("strong", null, `${firstName} declined: `), summary));
  } else if (task.status === "delegated") {
    parts.push(h("p", null, h("strong", null, `Passed to ${out?.delegateTo ?? "a colleague"}: `), summary));
  }
  if (out?.deliverable) {
    parts.push(
      h("h3", null, "Deliverable"),
      h("div", { class: "deliverable", tabindex: "0", role: "region", "aria-label": "Deliverable" }, out.deliverable),
    );
  }
  if (task.status === "done") parts.push(h("p", null, h("strong", null, out?.deliverable ? "Note: " : "Result: "), summary));
  if (out?.tier)
    parts.push(h("p", { class: "hint" }, `Decided by ${TIER[out.tier] ?? out.tier}${out.decidedAt ? ` at ${when(out.decidedAt)}` : ""}.`));
  return parts;
}

function messagesView(task) {
  if (!task.messages.length) return [h("p", { class: "hint" }, "No messages yet.")];
  return [
    h(
      "ol",
      { class: "messages" },
      task.messages.map((m) =>
        h(
          "li",
          null,
          h("p", null, h("strong", null, "You: "), m.text, " ", h("span", { class: "hint" }, when(m.createdAt))),
          m.status === "answered" && m.reply
            ? h(
                "div",
                { class: "reply" },
                m.reply.deliverable ? h("p", { class: "deliverable" }, m.reply.deliverable) : null,
                h("p", { class: m.reply.deliverable ? "hint" : "" }, m.reply.deliverable ? `Note: ${m.reply.summary}` : m.reply.summary),
              )
            : h("p", { class: "hint status-line" }, h("span", { class: "spinner", "aria-hidden": "true" }), "Waiting for a reply…"),
        ),
      ),
    ),
  ];
}

async function showTask(taskId, signal) {
  setTitle("Task");
  if (!storedKey()) return void view.append(needKey("see this task"));
  view.append(loading("Loading the task…"));
  let task = await api(`/v1/tasks/${encodeURIComponent(taskId)}`, { auth: true, signal });
  const name = await agentName(task.agent, signal);
  if (signal.aborted) return;
  const firstName = name.split(/[ ,]/)[0];
  setTitle(task.title);

  const statusSlot = h("div", { class: "status-line" });
  const outputSlot = h("div", { "aria-live": "off" });
  const messagesSlot = h("div");
  const pollBox = errorBox();

  // Messages
  const msgBox = errorBox();
  const msgForm = h(
    "form",
    { class: "stack", novalidate: true },
    field(`Message to ${firstName}`, h("textarea", { name: "text", required: true, maxlength: 10000, rows: 3 })),
    msgBox,
    h("div", null, h("button", { type: "submit", class: "btn" }, "Send message")),
  );
  actionForm(msgForm, msgBox, "Sending…", async (data, idem) => {
    const sent = await api(`/v1/tasks/${encodeURIComponent(taskId)}/messages`, {
      method: "POST",
      auth: true,
      body: { text: String(data.get("text") ?? "") },
      idempotencyKey: idem,
    });
    task = { ...task, messages: [...task.messages, sent] };
    msgForm.reset();
    render();
    announce(`Message sent to ${firstName}.`);
    startPolling();
  });

  // Rating
  const rateBox = errorBox();
  const rateNote = h("p", { class: "hint" });
  const rateResult = h("div", { role: "status" });
  const rateFieldset = h(
    "fieldset",
    { class: "stack", style: "border:0;padding:0" },
    starsFieldset("Your rating", "stars", task.rating?.stars),
    field("Comment (optional)", h("textarea", { name: "comment", maxlength: 2000, rows: 2 })),
  );
  const rateForm = h(
    "form",
    { class: "stack", novalidate: true },
    rateNote,
    rateFieldset,
    rateBox,
    h("div", null, h("button", { type: "submit", class: "btn" }, "Rate task")),
  );
  actionForm(rateForm, rateBox, "Saving rating…", async (data, idem) => {
    const stars = Number(data.get("stars"));
    if (!stars) throw new ApiError(400, "invalid_request", "Choose a rating from 1 to 5 stars.", "stars");
    const comment = String(data.get("comment") ?? "").trim();
    const rated = await api(`/v1/tasks/${encodeURIComponent(taskId)}/rating`, {
      method: "POST",
      auth: true,
      body: comment ? { stars, comment } : { stars },
      idempotencyKey: idem,
    });
    task = { ...task, rating: rated.rating };
    profiles.delete(task.agent);
    render();
    announce(`You rated this task ${rated.rating.stars} out of 5.`);
  });

  function render() {
    fill(
      statusSlot,
      h("span", null, "Status: "),
      statusBadge(task.status),
      task.finishedAt ? h("span", { class: "hint" }, `finished ${when(task.finishedAt)}`) : null,
    );
    fill(outputSlot, ...outputView(task, firstName));
    fill(messagesSlot, ...messagesView(task));
    const worked = task.status !== "queued";
    rateFieldset.disabled = !worked;
    rateForm.querySelector('[type="submit"]').disabled = !worked || Boolean(rateForm.dataset.busy);
    rateNote.textContent = worked
      ? "Ratings shape the agent’s public trust score."
      : `You can rate this task once ${firstName} has worked it.`;
    rateResult.textContent = task.rating
      ? `Your rating: ${task.rating.stars} out of 5${task.rating.comment ? ` — “${task.rating.comment}”` : ""}.`
      : "";
    rateForm.querySelector('[type="submit"]').textContent = task.rating ? "Update rating" : "Rate task";
    fill(historyList, ...task.history.map((e) => h("li", null, `${when(e.at)} — ${e.kind}`)));
  }
  const historyList = h("ol", { class: "history" });

  let polling = false;
  async function startPolling() {
    if (polling) return;
    polling = true;
    try {
      for (let i = 0; i < 200 && !signal.aborted; i++) {
        const waiting = task.status === "queued" || task.messages.some((m) => m.status !== "answered");
        if (!waiting) break;
        await sleep(i < 20 ? 1000 : 3000, signal);
        const before = task;
        task = await api(`/v1/tasks/${encodeURIComponent(taskId)}`, { auth: true, signal });
        clearError(pollBox);
        render();
        if (before.status === "queued" && task.status !== "queued")
          announce(`Task ${TASK_STATUS[task.status]?.label.toLowerCase() ?? task.status}: ${firstName} has worked it.`);
        const answered = (t) => t.messages.filter((m) => m.status === "answered").length;
        if (answered(task) > answered(before)) announce(`${firstName} replied to your message.`);
      }
    } catch (error) {
      if (!isAbort(error)) showError(pollBox, error);
    } finally {
      polling = false;
    }
  }

  fill(
    view,
    h("a", { class: "back", href: `#/hires/${encodeURIComponent(task.hireId)}` }, `← Back to ${name}`),
    h("p", { class: "hint" }, `Given to ${name} on ${when(task.createdAt)}`),
    statusSlot,
    h("section", { "aria-labelledby": "out-h" }, h("h2", { id: "out-h" }, "Output"), outputSlot, pollBox),
    h("details", null, h("summary", null, "Your instructions"), h("p", { class: "deliverable" }, task.instructions)),
    h(
      "section",
      { class: "panel", "aria-labelledby": "msg-h" },
      h("h2", { id: "msg-h" }, `Messages with ${firstName}`),
      messagesSlot,
      msgForm,
    ),
    h("section", { class: "panel", "aria-labelledby": "rate-h" }, h("h2", { id: "rate-h" }, "Rate this task"), rateResult, rateForm),
    h("details", null, h("summary", null, "History"), historyList),
  );
  render();
  startPolling();
}

// ---------------------------------------------------------------------------------------------

updateAccountLink();
window.addEventListener("hashchange", route);
route();

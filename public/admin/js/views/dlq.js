// #/dlq: dead letters, newest first, with their errors; replay one, or every one not replayed yet.

import { h } from "../../../js/dom.js";
import { call } from "../api.js";
import { count, when } from "../format.js";
import { announce, errorMessage, section, setTitle, table, view } from "../shell.js";

/** @import { Output } from "@waooaw/client" */
/** @typedef {Output<"adminListDeadLetters">["items"][number]} DeadLetter */

/**
 * Every dead letter (following the cursor), newest first.
 * @param {AbortSignal} signal
 */
async function allDeadLetters(signal) {
  /** @type {DeadLetter[]} */
  const items = [];
  /** @type {string | undefined} */
  let cursor;
  do {
    const page = await call("adminListDeadLetters", { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, { signal });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < 2_000);
  return items;
}

/** @param {AbortSignal} signal */
export async function showDlq(signal) {
  setTitle("Dead letters");
  const letters = await allDeadLetters(signal);
  const progress = h("p", { id: "dlq-progress", role: "status" });
  const pending = letters.filter((l) => l.event !== null && l.replayedAt === null);

  /** @param {DeadLetter} l */
  const replayButton = (l) =>
    l.event === null
      ? h("span", { class: "hint" }, "not replayable")
      : h(
          "button",
          { type: "button", class: "btn", "data-replay": l.id, "aria-label": `Replay ${l.id}` },
          l.replayCount ? "Replay again" : "Replay",
        );

  /** @param {string} id */
  const replay = async (id) => {
    await call("adminReplayDeadLetter", { path: { id } });
    const cell = view.querySelector(`[data-replayed="${CSS.escape(id)}"]`);
    if (cell) cell.textContent = "requeued just now";
  };

  const all = h(
    "button",
    { type: "button", class: "btn primary", id: "replay-all", disabled: pending.length === 0 },
    `Replay all ${pending.length} not yet replayed`,
  );
  all.addEventListener("click", async () => {
    all.disabled = true;
    let done = 0;
    for (const l of pending) {
      try {
        await replay(l.id);
        done += 1;
        progress.textContent = `Replayed ${done} of ${pending.length}…`;
      } catch (error) {
        progress.replaceChildren(errorMessage(error));
        return;
      }
    }
    progress.textContent = `Replayed ${done} of ${pending.length}.`;
    announce(progress.textContent);
  });

  const list = table(
    `${count(letters.length)} dead letter${letters.length === 1 ? "" : "s"}`,
    ["Died", "Event", "Error", { label: "Attempts", numeric: true }, "Replayed", "Action"],
    letters.map((l) => [
      when(l.deadAt),
      l.event
        ? h(
            "span",
            null,
            `${l.event.type} `,
            h("span", { class: "mono" }, l.event.subject),
            h("br"),
            h("span", { class: "mono hint" }, l.eventId),
          )
        : l.eventId,
      h("span", { class: "error-text" }, l.error),
      count(l.attempts),
      h("span", { "data-replayed": l.id }, l.replayedAt ? `${when(l.replayedAt)} (${l.replayCount}×)` : "never"),
      replayButton(l),
    ]),
    { id: "dlq-table", empty: "No dead letters: every event reached its agents." },
  );
  list.addEventListener("click", async (event) => {
    const button = event.target instanceof HTMLElement ? event.target.closest("button[data-replay]") : null;
    if (!(button instanceof HTMLButtonElement)) return;
    const id = button.dataset["replay"] ?? "";
    button.disabled = true;
    try {
      await replay(id);
      progress.textContent = `Requeued ${id}.`;
      announce(progress.textContent);
    } catch (error) {
      progress.replaceChildren(errorMessage(error));
    } finally {
      button.disabled = false;
    }
  });
  view.append(section("Dead-letter queue", h("p", null, all), progress, list));
}

import { lexicalTokens } from "../../memory/embedding/lexical";
import type { Event } from "../../schemas/event";
import { canonicalSituation } from "../situation-key";

/** How deep payload objects are read for text: deeper fields are rarely what a situation is about. */
const MAX_DEPTH = 4;
/** Embedders see a few thousand characters at most; longer text only adds noise to a lexical vector. */
const MAX_CHARS = 4_000;

/** A situation as the semantic cache compares it: its event type, and the text that is embedded. */
export interface ReadableSituation {
  type: string;
  text: string;
  /**
   * Whether the payload says anything in words (beyond greetings, stop words, ids and numbers).
   * Without, two situations would match on their subject alone ("Thanks!" and "Why?" in one chat):
   * only the exact cache may answer them.
   */
  hasContent: boolean;
}

/**
 * A situation as the semantic cache sees it: the event type (only situations of one type are
 * compared) and the text to embed: the subject, then the payload's text values and its yes/no
 * fields (`paid: yes`), one per line, after the same normalization as the exact cache key (ids
 * and timestamps left out, numbers as `#`). Field names of text values are left out: the same
 * `text:` on every message would make short messages look alike to a lexical embedder. Built
 * from the canonical situation, so one recorded only as canonical text (the learning records
 * keep it) reads the same as the live event.
 */
export function readableSituation(situation: Pick<Event, "type" | "subject" | "payload"> | string): ReadableSituation {
  const canonical = typeof situation === "string" ? situation : canonicalSituation(situation);
  let parsed: unknown;
  try {
    parsed = JSON.parse(canonical);
  } catch {
    parsed = undefined;
  }
  // Not canonical JSON: embed it as it is.
  if (!Array.isArray(parsed)) return { type: "", text: canonical.slice(0, MAX_CHARS), hasContent: hasWords(canonical) };
  const [type, subject, payload] = parsed as [unknown, unknown, unknown];
  const lines: string[] = [];
  collect(payload, "", 0, lines);
  const said = lines.join("\n");
  return { type: String(type ?? ""), text: `${String(subject ?? "")}\n${said}`.slice(0, MAX_CHARS), hasContent: hasWords(said) };
}

const hasWords = (text: string) => lexicalTokens(text).some((token) => token !== "#");

function collect(value: unknown, path: string, depth: number, lines: string[]): void {
  if (typeof value === "string") {
    if (value && value !== "#") lines.push(value);
  } else if (typeof value === "boolean") {
    lines.push(`${path}: ${value ? "yes" : "no"}`);
  } else if (value && typeof value === "object" && depth < MAX_DEPTH) {
    if (Array.isArray(value)) for (const item of value) collect(item, path, depth + 1, lines);
    else for (const [key, item] of Object.entries(value)) collect(item, path ? `${path} ${key}` : key, depth + 1, lines);
  }
}

import { stemmer } from "stemmer";

/**
 * Text normalisation shared by the support skills: lower case, contractions spelt out
 * ("can't" → "can not", so a negation is one token), words split on anything that is not a
 * letter or digit, and Porter stems ("crashes", "crashing" → "crash") so a lexicon entry or a
 * known issue matches the forms customers actually write.
 */

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan['’]t\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bwon['’]t\b/g, "will not"],
  [/\bshan['’]t\b/g, "shall not"],
  [/n['’]t\b/g, " not"],
  [/['’](re|ve|ll|d|m|s)\b/g, ""],
];

/** Lower-cased words, contractions spelt out; at most `limit` of them (bounds the work). */
export function words(text: string, limit = 10_000): string[] {
  let s = text.normalize("NFKC").toLowerCase();
  for (const [pattern, replacement] of CONTRACTIONS) s = s.replace(pattern, replacement);
  const out = s.match(/[\p{L}\p{N}]+/gu) ?? [];
  return out.length > limit ? out.slice(0, limit) : out;
}

/** The Porter stem of every word, stop words kept (phrases such as "how do i" need them). */
export function stems(text: string): string[] {
  return words(text).map(stem);
}

const stemCache = new Map<string, string>();

/** A word's Porter stem (memoised: lexicons and tickets repeat the same few thousand words). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/**
 * English function words that carry no topic. Unlike general-purpose lists it keeps negations
 * and the particles support tickets hinge on ("site is down", "locked out", "not", "all users").
 */
const STOP_WORDS = new Set(
  (
    "a an and any are as at be been being but by can could did do does doing for from had has have having he her here hers " +
    "him his how i if in into is it its itself just me might more most my myself of on once only or other our ours " +
    "ourselves own same she should so some such than that the their theirs them themselves then there these they this " +
    "those through to too very was we were what when where which while who whom why will with would you your yours " +
    "yourself hi hello thanks thank please regards dear team also get got am us let"
  ).split(" "),
);

/**
 * Two-word verbs that are one term in a product's vocabulary: "logged in" is "login", "timed
 * out" is "timeout". Keyed by the first word's stem and the second word.
 */
const COMPOUNDS = new Map([
  ["log in", "login"],
  ["log on", "login"],
  ["log out", "logout"],
  ["sign in", "signin"],
  ["sign out", "signout"],
  ["sign up", "signup"],
  ["set up", "setup"],
  ["time out", "timeout"],
  ["e mail", "email"],
  ["pop up", "popup"],
  ["drop down", "dropdown"],
  ["check out", "checkout"],
  ["back up", "backup"],
]);

/** Distinct topic stems of a text: compounds joined, stop words dropped, stemmed; the vocabulary matching uses. */
export function topicStems(text: string): Set<string> {
  const out = new Set<string>();
  const all = words(text);
  for (let i = 0; i < all.length; i++) {
    const word = all[i] as string;
    const joined = COMPOUNDS.get(`${stem(word)} ${all[i + 1]}`);
    if (joined) {
      out.add(stem(joined));
      i++;
    } else if (!STOP_WORDS.has(word)) out.add(stem(word));
  }
  return out;
}

/** A weighted lexicon entry: a word or phrase and how strongly it signals its class. */
export interface LexiconEntry {
  phrase: string;
  weight: number;
}

interface CompiledEntry extends LexiconEntry {
  stems: string[];
}

/** Lexicon entries indexed by their first stem, so a text is scanned once. */
export type CompiledLexicon = Map<string, CompiledEntry[]>;

export function compileLexicon(entries: readonly LexiconEntry[]): CompiledLexicon {
  const index: CompiledLexicon = new Map();
  for (const entry of entries) {
    const s = stems(entry.phrase);
    const first = s[0];
    if (first === undefined) continue;
    const list = index.get(first) ?? [];
    // Two entries with one stem sequence ("thanks", "thank") would count the same words twice.
    const twin = list.find((e) => e.stems.join(" ") === s.join(" "));
    if (twin) throw new Error(`lexicon entries "${twin.phrase}" and "${entry.phrase}" have the same stems`);
    list.push({ ...entry, stems: s });
    index.set(first, list);
  }
  return index;
}

/** A lexicon phrase found in a text, with the index of the token it starts at. */
export interface PhraseHit {
  phrase: string;
  weight: number;
  at: number;
}

/** Negations that turn the next couple of words around ("not urgent", "never helpful"). */
const NEGATIONS = new Set(["not", "never", "no", "without"]);

/** Whether a hit is negated: a negation in the two tokens before it. */
export function negated(tokens: readonly string[], at: number): boolean {
  return tokens.slice(Math.max(0, at - 2), at).some((t) => NEGATIONS.has(t));
}

/** Every occurrence of every lexicon phrase in a stem sequence, in text order. */
export function findPhrases(tokens: readonly string[], lexicon: CompiledLexicon): PhraseHit[] {
  const hits: PhraseHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = lexicon.get(tokens[i] as string);
    if (!candidates) continue;
    for (const entry of candidates) {
      if (entry.stems.every((s, k) => tokens[i + k] === s)) hits.push({ phrase: entry.phrase, weight: entry.weight, at: i });
    }
  }
  return hits;
}

/** Rounds to `digits` decimals (outputs show sensible precision, not float noise). */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Clamps a number into [lo, hi]. */
export function clamp(value: number, lo = 0, hi = 1): number {
  return Math.min(hi, Math.max(lo, value));
}

/** Escapes a value for a Markdown table cell. */
export function cell(value: string | number): string {
  return String(value).replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

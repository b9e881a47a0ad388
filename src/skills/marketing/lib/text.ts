import { syllable } from "syllable";

/**
 * Prose measures for English text: words, sentences, syllables (the `syllable` package: a
 * maintained counter with an exception list, closer than a vowel-group guess), Flesch scores,
 * passive voice.
 */

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Lower-cased words, for matching keywords and terms. */
export function tokens(text: string): string[] {
  return words(text.normalize("NFKC").toLowerCase().replace(/’/g, "'"));
}

// A full stop after these is not a sentence end.
const ABBREVIATIONS = new Set([
  "e.g",
  "i.e",
  "etc",
  "vs",
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "inc",
  "ltd",
  "co",
  "st",
  "no",
  "approx",
  "fig",
]);

/**
 * The sentences of one block of prose (a paragraph, a list item): a break after . ! ? or … and
 * a space, so "3.5" and "example.com" stay whole, and not after "e.g." and the like.
 */
export function sentences(block: string): string[] {
  const out: string[] = [];
  let carry = "";
  for (const part of block.trim().split(/(?<=[.!?…]["'”’)\]]*)\s+/)) {
    const piece = carry ? `${carry} ${part}` : part;
    const last = /(\S+)\.$/.exec(part)?.[1]?.toLowerCase();
    if (last && ABBREVIATIONS.has(last)) {
      carry = piece;
      continue;
    }
    carry = "";
    if (words(piece).length > 0) out.push(piece);
  }
  if (words(carry).length > 0) out.push(carry);
  return out;
}

export function syllables(word: string): number {
  return Math.max(1, syllable(word));
}

/**
 * Flesch reading ease (206.835 − 1.015 × words/sentence − 84.6 × syllables/word): 60–70 is plain
 * English most adults read easily, under 30 is academic (both kept within 0–100). Flesch–Kincaid
 * grade is the US school grade the same text needs.
 */
export function flesch(wordCount: number, sentenceCount: number, syllableCount: number): { ease: number; grade: number } {
  if (wordCount === 0 || sentenceCount === 0) return { ease: 0, grade: 0 };
  const wps = wordCount / sentenceCount;
  const spw = syllableCount / wordCount;
  // Clamped as most tools do: the formula runs past 100 for "The cat sat." and below 0 for legal prose.
  return { ease: Math.min(100, Math.max(0, 206.835 - 1.015 * wps - 84.6 * spw)), grade: Math.max(0, 0.39 * wps + 11.8 * spw - 15.59) };
}

/** Flesch's own bands, for the deliverable. */
export function easeBand(ease: number): string {
  if (ease >= 90) return "very easy";
  if (ease >= 80) return "easy";
  if (ease >= 70) return "fairly easy";
  if (ease >= 60) return "plain English";
  if (ease >= 50) return "fairly difficult";
  if (ease >= 30) return "difficult";
  return "very difficult";
}

const IRREGULAR_PARTICIPLES = new Set(
  (
    "arisen awoken beaten become begun bent bet bid bitten blown broken brought built bought caught chosen come cost " +
    "cut dealt done drawn driven eaten fallen fed felt fought found forbidden forgotten forgiven frozen given gone " +
    "grown hung heard held hidden hit hurt kept known laid led left lent let lost made meant met paid put quit read " +
    "ridden rung risen run said seen sought sold sent set shaken shown shut sung sunk sat slept slid spoken spent " +
    "spun spread stolen stuck stung struck sworn swept swum taken taught torn told thought thrown understood " +
    "undertaken woken worn won withdrawn written"
  ).split(" "),
);
const BE = new Set(["am", "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't"]);

/**
 * Whether a sentence reads as passive: a form of "to be", optionally one adverb, then a past
 * participle ("was approved", "is being quickly reviewed"). The usual heuristic of editing
 * tools; it also flags some adjectives ("is interested"), so it is a share to watch, not a verdict.
 */
export function isPassive(sentence: string): boolean {
  const ws = tokens(sentence);
  for (let i = 0; i < ws.length - 1; i++) {
    if (!BE.has(ws[i] as string)) continue;
    let j = i + 1;
    if (ws[j] === "being" || ws[j] === "been") j++;
    if ((ws[j] ?? "").endsWith("ly") && ws[j] !== "only") j++;
    const w = ws[j] ?? "";
    if ((w.length > 4 && w.endsWith("ed")) || IRREGULAR_PARTICIPLES.has(w)) return true;
  }
  return false;
}

/**
 * Where a phrase occurs as whole words in a list of tokens (its tokens in a row): the count and
 * the index of the first occurrence, or -1.
 */
export function findPhrase(haystack: readonly string[], phrase: readonly string[]): { count: number; first: number } {
  let count = 0;
  let first = -1;
  if (phrase.length === 0) return { count, first };
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    let hit = true;
    for (let k = 0; k < phrase.length && hit; k++) hit = haystack[i + k] === phrase[k];
    if (hit) {
      count++;
      if (first < 0) first = i;
    }
  }
  return { count, first };
}

/**
 * A light English singular, so a keyword matches its plural ("onboarding email" finds "emails",
 * "agency" finds "agencies"): enough for matching, not a dictionary.
 */
export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word) && !word.endsWith("is")) return word.slice(0, -1);
  return word;
}

/** Tokens for keyword matching: lower-cased, singular. */
export function matchTokens(text: string): string[] {
  return tokens(text).map(singular);
}

/**
 * Spots sentences in a customer's message that state something about the customer in the first
 * person ("we are a dental clinic in Ohio", "our budget is $5k", "I prefer e-mail"): those are
 * worth remembering as facts. Deterministic and cheap, because it runs on every
 * `customer.message`: a message with no first-person word at all is rejected by one regex test
 * before any sentence is looked at. Questions are never facts.
 */

/** Any first-person word at all: most messages (and every load-A "bench message N") fail here. */
const FIRST_PERSON = /\b(?:we|we're|we've|i|i'm|i've|our|my)\b/i;

/** A sentence that opens (after a filler like "also," or "fyi") with a first-person statement. */
const STATEMENT = new RegExp(
  String.raw`^(?:(?:also|and|so|well|btw|fyi|note|ps|just so you know|for context)[,:]?\s+)?` +
    `(?:we(?:'re|'ve|'d like| are| were| have| had| sell| run| use| need| want| prefer| operate| offer| serve| own| work| only| do not| don't| never| always| target| focus| specialise| specialize| make| build| provide| ship| employ| plan| would like| should| must)` +
    `|i(?:'m|'ve|'d like| am| was| have| prefer| like| need| want| run| own| work| manage| lead| would like| only| do not| don't| never| always)` +
    String.raw`|our\s+[\p{L}\p{N}$'-]+(?:\s+[\p{L}\p{N}$'-]+){0,3}?\s+(?:is|are|was|were|has|have|includes?|runs?|sits?|starts?|ends?)` +
    String.raw`|my\s+[\p{L}\p{N}$'-]+(?:\s+[\p{L}\p{N}$'-]+){0,3}?\s+(?:is|are|was|were|has|have))\b`,
  "iu",
);

/** Sentences end at . ! ? or a line break; the terminator is kept so questions can be told apart. */
const SENTENCES = /[^.!?\n]+[.!?]*/g;

const MAX_FACT_CHARS = 500;

/** The first-person statements in `text`, trimmed, in order (empty for most messages). */
export function customerFacts(text: string): string[] {
  if (!FIRST_PERSON.test(text)) return [];
  const out: string[] = [];
  for (const match of text.matchAll(SENTENCES)) {
    const sentence = match[0].trim();
    if (sentence.length < 8 || sentence.endsWith("?")) continue;
    if (STATEMENT.test(sentence)) out.push(sentence.slice(0, MAX_FACT_CHARS));
  }
  return out;
}

import type { FieldCipher } from "../../crypto/field-cipher";
import { isEnvelope } from "../../crypto/field-cipher";
import type { CachedAnswer } from "./cached-answer";

/** The field a cached answer's working note is sealed under, in every cache (the agent's, the shared ones). */
export const CACHED_NOTE_AAD = "decision_cache.note";
/** Opened notes kept in memory per agent: enough for its hot situations, bounded. */
const OPENED_KEPT = 1_000;

/**
 * A cached answer's working note (the model's words about the customer's request) is sealed at
 * rest in every cache, the agent's own SQLite and the shared ones (a Durable Object, or Upstash,
 * outside the platform). The agent's own cache is read synchronously on the wake's hot path, so
 * notes it has opened (or sealed) are kept opened in memory, keyed by their envelope: a hit whose
 * note is not opened yet is left to the asynchronous lookup, which opens it.
 */
export class CachedNotes {
  private readonly opened = new Map<string, string>();

  constructor(private readonly cipher: FieldCipher) {}

  /** The answer with its note sealed, for storing; the note is remembered opened. */
  async seal(answer: CachedAnswer): Promise<CachedAnswer> {
    if (answer.note === undefined || !this.cipher.enabled) return answer;
    const note = await this.cipher.seal(answer.note, CACHED_NOTE_AAD);
    this.remember(note, answer.note);
    return { ...answer, note };
  }

  /** The answer with its note plain, if that needs no I/O; undefined when the note must be opened first. */
  openNow(answer: CachedAnswer): CachedAnswer | undefined {
    if (!isEnvelope(answer.note)) return answer;
    const note = this.opened.get(answer.note);
    return note === undefined ? undefined : { ...answer, note };
  }

  /** The answer with its note plain (opened with the key ring, then remembered). */
  async open(answer: CachedAnswer): Promise<CachedAnswer> {
    const now = this.openNow(answer);
    if (now) return now;
    const sealed = answer.note as string; // openNow answers any answer whose note is not an envelope
    const note = await this.cipher.open(sealed, CACHED_NOTE_AAD);
    this.remember(sealed, note);
    return { ...answer, note };
  }

  private remember(sealed: string, note: string): void {
    this.opened.set(sealed, note);
    if (this.opened.size > OPENED_KEPT) {
      const oldest = this.opened.keys().next().value;
      if (oldest !== undefined) this.opened.delete(oldest);
    }
  }
}

import { type FieldCipher, isEnvelope } from "../crypto/field-cipher";
import type { PreparedSeals } from "../crypto/prepared-seals";
import type { Decision, WakeResult } from "../schemas/decision";

/** Where a decision's deliverable is bound when encrypted at rest (the decisions table, the outbox). */
export const DECISION_OUTPUT_AAD = "agent.decisions.output";
/** Where a decision's publications (titles and bodies written about the customer's work) are bound, as one JSON envelope. */
export const DECISION_PUBLICATIONS_AAD = "agent.decisions.publications";

/**
 * A decision as the agent's storage keeps it: its deliverable and its publications are envelopes
 * (or legacy plain values). Everything else a decision holds is written by the platform (ids,
 * tiers, costs, the handoff's type, the context's memory ids) and stays plain, so SQL reads it.
 */
export type StoredDecision = Omit<Decision, "publications"> & { publications?: Decision["publications"] | string };
/** A wake's result as the outbox keeps it, its decision as stored. */
export type StoredWakeResult = Omit<WakeResult, "decision"> & { decision: StoredDecision | null };

/** The values of a decision that {@link sealDecision} takes from prepared seals. */
export function decisionTexts(d: Pick<Decision, "output" | "publications">): [aad: string, plain: string | null | undefined][] {
  return [
    [DECISION_OUTPUT_AAD, d.output],
    [DECISION_PUBLICATIONS_AAD, d.publications?.length ? JSON.stringify(d.publications) : undefined],
  ];
}

/** The decision as stored, its customer content taken sealed from `seals` (plain when encryption is off). */
export function sealDecision(d: Decision, seals: PreparedSeals): StoredDecision {
  if (!seals.enabled) return d;
  const output = d.output && seals.take(DECISION_OUTPUT_AAD, d.output);
  if (!d.publications?.length) return { ...d, output };
  // Publications not prepared stay an array (the re-encryption seals them later), never a bare JSON string.
  const publications = seals.take(DECISION_PUBLICATIONS_AAD, JSON.stringify(d.publications));
  return { ...d, output, publications: isEnvelope(publications) ? publications : d.publications };
}

/** The decision as the API shows it: its envelopes opened (legacy plain values read as they are). */
export async function openDecision(cipher: FieldCipher, d: StoredDecision): Promise<Decision> {
  const { publications, ...rest } = d;
  const [output, opened] = await Promise.all([
    d.output === null ? null : cipher.open(d.output, DECISION_OUTPUT_AAD),
    typeof publications === "string"
      ? isEnvelope(publications)
        ? cipher.openJson<Decision["publications"]>(publications, DECISION_PUBLICATIONS_AAD)
        : (JSON.parse(publications) as Decision["publications"])
      : publications,
  ]);
  return { ...rest, output, ...(opened ? { publications: opened } : {}) };
}

export async function openResult(cipher: FieldCipher, r: StoredWakeResult): Promise<WakeResult> {
  return { ...r, decision: r.decision && (await openDecision(cipher, r.decision)) };
}

import type { PromptVariant } from "../../schemas/identity";
import { hashText } from "../situation-key";

/** A point in [0, 1) from an id: the same id always lands on the same point, ids spread evenly. */
export function unitHash(id: string): number {
  // 52 bits of SHA-256: exactly representable in a double.
  return Number.parseInt(hashText(id).slice(0, 13), 16) / 2 ** 52;
}

/**
 * The prompt variant an event is asked with: deterministic (a redelivered or retried event gets
 * the same one) and, over many events, in proportion to the variants' weights.
 */
export function chooseVariant(variants: readonly PromptVariant[] | undefined, eventId: string): PromptVariant | undefined {
  if (!variants?.length) return undefined;
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  let point = unitHash(eventId) * total;
  for (const variant of variants) {
    point -= variant.weight;
    if (point < 0) return variant;
  }
  return variants.at(-1);
}

import { z } from "zod";

/**
 * The B2B deal stages the sales skills share, in order, with default win probabilities. The
 * numbers are the usual starting point for a team without its own history (each stage roughly
 * doubles the odds of the one before until terms are being negotiated); a team that knows its
 * stage-to-close rates should pass its own.
 */
export const openStages = ["prospecting", "discovery", "demo", "proposal", "negotiation"] as const;
export const stages = [...openStages, "closed-won", "closed-lost"] as const;
export type Stage = (typeof stages)[number];
export type OpenStage = (typeof openStages)[number];

export const defaultProbability: Record<Stage, number> = {
  prospecting: 0.1,
  discovery: 0.2,
  demo: 0.4,
  proposal: 0.6,
  negotiation: 0.8,
  "closed-won": 1,
  "closed-lost": 0,
};

export const stage = z.enum(stages);
export const openStage = z.enum(openStages);

export function stageIndex(s: Stage): number {
  return stages.indexOf(s);
}

/** A date (`2026-12-01`) or an instant with its offset, as CRMs export either. */
export const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  message: "an ISO 8601 date (2026-12-01) or date-time with offset",
});

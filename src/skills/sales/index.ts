import type { Skill } from "../skill";
import { forecastPipeline, planClose, reviewDeal } from "./ae";
import { dedupeContacts, hygieneReport } from "./crm";
import { buildBattlecard, handleObjections } from "./enablement";
import { filterLeads, planFunnel } from "./leadgen";
import { planSequence, scoreLead } from "./sdr";

/** The sales specialists' skills. */
export const salesSkills: readonly Skill[] = [
  scoreLead,
  planSequence,
  reviewDeal,
  planClose,
  forecastPipeline,
  buildBattlecard,
  handleObjections,
  dedupeContacts,
  hygieneReport,
  filterLeads,
  planFunnel,
];

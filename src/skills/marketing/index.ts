import type { Skill } from "../skill";
import { vocabularyCheck } from "./brand";
import { toneCheck } from "./brand-tone";
import { readabilityCheck } from "./content";
import { briefBuilder } from "./content-brief";
import { editorialCalendar } from "./content-calendar";
import { subjectLint } from "./email";
import { abTestPlan } from "./email-ab-test";
import { engagementAudit } from "./influencer";
import { fitRanking } from "./influencer-fit";
import { budgetPacing } from "./ppc";
import { campaignMetrics } from "./ppc-metrics";
import { onPageAudit } from "./seo";
import { keywordCannibalisation } from "./seo-cannibalisation";
import { postCheck } from "./social";
import { postingSchedule } from "./social-schedule";

/** The marketing specialists' skills. */
export const marketingSkills: readonly Skill[] = [
  readabilityCheck,
  briefBuilder,
  editorialCalendar,
  onPageAudit,
  keywordCannibalisation,
  subjectLint,
  abTestPlan,
  budgetPacing,
  campaignMetrics,
  postCheck,
  postingSchedule,
  vocabularyCheck,
  toneCheck,
  engagementAudit,
  fitRanking,
];
